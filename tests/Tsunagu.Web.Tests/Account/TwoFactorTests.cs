using System.Net;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Account;

public class TwoFactorTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Fact]
    public async Task Staff_WithoutTwoFactor_AreRefusedStaffPages_AndToldWhy()
    {
        var admin = await TestData.CreateUserAsync(factory, u => u.InCity("nagato", CityRole.CityAdmin));
        var browser = Browser.For(factory);
        await browser.SignInAsync(admin.Email!);

        var response = await browser.GetAsync("/nagato/admin/staff");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await browser.GetPageAsync(response.Headers.Location!.PathAndQuery());
        page.QuerySelector("main")!.TextContent.ShouldContain("二要素認証の設定が必要です");
    }

    [Fact]
    public async Task Staff_EnableTwoFactor_ThenSignInWithCode_ReachStaffPages()
    {
        var admin = await TestData.CreateUserAsync(factory, u => u.InCity("nagato", CityRole.CityAdmin));
        var browser = Browser.For(factory);
        await browser.SignInAsync(admin.Email!);

        var key = await StartSetupAsync(browser);
        var enabled = await browser.SubmitAsync("/account/two-factor", new Dictionary<string, string> { ["Code"] = Totp.Code(key) });
        var enabledPage = await Browser.ParseAsync(enabled);
        enabledPage.QuerySelectorAll(".recovery-codes li").Length.ShouldBe(10);

        (await browser.GetAsync("/nagato/admin/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A new sign-in now asks for the code.
        var fresh = Browser.For(factory);
        var first = await fresh.SubmitAsync("/account/signin", new Dictionary<string, string> { ["Input.Email"] = admin.Email!, ["Input.Password"] = TestData.Password });
        first.Headers.Location!.OriginalString.ShouldStartWith("/account/signin/two-factor");
        var wrong = await fresh.SubmitAsync(first.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = "000000" });
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("確認コードが正しくありません");
        var second = await fresh.SubmitAsync(first.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await fresh.GetAsync("/nagato/admin/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Presses 設定を始める and reads the key shown under the QR code.</summary>
    public static async Task<string> StartSetupAsync(Browser browser)
    {
        (await browser.PostWithTokenAsync("/account/two-factor", "/account/two-factor?handler=Start", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, setup) = await browser.GetPageAsync("/account/two-factor");
        return setup.QuerySelector(".shared-key")!.TextContent;
    }

    [Fact]
    public async Task OpeningTheTwoFactorPage_CreatesNoKey_AndKeepsOtherSessionsSignedIn()
    {
        var user = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        var stamp = await TestData.WithDbAsync(factory, db => Task.FromResult(db.Users.Single(u => u.Id == user.Id).SecurityStamp));

        var (_, page) = await browser.GetPageAsync("/account/two-factor");
        await browser.GetPageAsync("/account/two-factor");
        page.QuerySelector(".shared-key").ShouldBeNull();
        page.QuerySelector("main form button")!.TextContent.ShouldBe("設定を始める");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.Users.Single(u => u.Id == user.Id).SecurityStamp))).ShouldBe(stamp);
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.UserTokens.Count(t => t.UserId == user.Id)))).ShouldBe(0);

        // Starting creates the key once; opening the page again shows the same one.
        var key = await StartSetupAsync(browser);
        (await StartSetupAsync(browser)).ShouldBe(key);
    }

    [Fact]
    public async Task TurningTwoFactorOff_AsksForThePassword()
    {
        var user = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        var key = await StartSetupAsync(browser);
        await browser.SubmitAsync("/account/two-factor", new Dictionary<string, string> { ["Code"] = Totp.Code(key) });
        Task<bool> EnabledAsync() => TestData.WithDbAsync(factory, db => Task.FromResult(db.Users.Single(u => u.Id == user.Id).TwoFactorEnabled));
        (await EnabledAsync()).ShouldBeTrue();

        var none = await browser.PostWithTokenAsync("/account/two-factor", "/account/two-factor?handler=Disable", new Dictionary<string, string>());
        (await none.Content.ReadAsStringAsync()).ShouldContain("パスワードを入力してください");
        var wrong = await browser.PostWithTokenAsync("/account/two-factor", "/account/two-factor?handler=Disable", new Dictionary<string, string> { ["Password"] = "not-my-password" });
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("パスワードが正しくありません");
        (await EnabledAsync()).ShouldBeTrue();

        var right = await browser.PostWithTokenAsync("/account/two-factor", "/account/two-factor?handler=Disable", new Dictionary<string, string> { ["Password"] = TestData.Password });
        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await EnabledAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task TwoFactor_WrongCode_ShowsErrorAndStaysOff()
    {
        var user = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        await StartSetupAsync(browser);
        var response = await browser.SubmitAsync("/account/two-factor", new Dictionary<string, string> { ["Code"] = "123456" });
        (await response.Content.ReadAsStringAsync()).ShouldContain("確認コードが正しくありません");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.Users.Single(u => u.Id == user.Id).TwoFactorEnabled))).ShouldBeFalse();
    }
}

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}

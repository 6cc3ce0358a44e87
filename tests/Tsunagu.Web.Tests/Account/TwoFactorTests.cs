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

        var (_, setup) = await browser.GetPageAsync("/account/two-factor");
        var key = setup.QuerySelector(".shared-key")!.TextContent;
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

    [Fact]
    public async Task TwoFactor_WrongCode_ShowsErrorAndStaysOff()
    {
        var user = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        var response = await browser.SubmitAsync("/account/two-factor", new Dictionary<string, string> { ["Code"] = "123456" });
        (await response.Content.ReadAsStringAsync()).ShouldContain("確認コードが正しくありません");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.Users.Single(u => u.Id == user.Id).TwoFactorEnabled))).ShouldBeFalse();
    }
}

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}

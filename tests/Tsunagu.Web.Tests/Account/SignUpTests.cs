using System.Net;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Account;

public class SignUpTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private static Dictionary<string, string> Form(string email, string password = TestData.Password, string name = "山田 花子", string city = "nagato") => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.City"] = city,
    };

    [Fact]
    public async Task SignUp_ConfirmByOutboxLink_ThenSignIn()
    {
        await factory.EnsurePreparedAsync();
        var browser = Browser.For(factory);
        var email = $"hanako-{Guid.NewGuid():N}@example.jp";

        var response = await browser.SubmitAsync("/account/signup", Form(email));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/account/check-email");

        // Before confirming, sign-in is refused with a clear reason.
        var early = await browser.SubmitAsync("/account/signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = TestData.Password });
        (await early.Content.ReadAsStringAsync()).ShouldContain("メールアドレスの確認が済んでいません");

        var mail = await TestData.LastMailToAsync(factory, email);
        mail.Subject.ShouldContain("メールアドレスの確認");
        var (confirm, page) = await browser.GetPageAsync(TestData.FirstLink(mail.Body));
        confirm.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("メールアドレスを確認しました");

        await browser.SignInAsync(email);
        var (account, accountPage) = await browser.GetPageAsync("/account");
        account.StatusCode.ShouldBe(HttpStatusCode.OK);
        accountPage.QuerySelector("main")!.TextContent.ShouldContain(email);
    }

    [Fact]
    public async Task ConfirmEmail_WithTamperedCode_IsRefused()
    {
        await factory.EnsurePreparedAsync();
        var browser = Browser.For(factory);
        var email = $"taro-{Guid.NewGuid():N}@example.jp";
        await browser.SubmitAsync("/account/signup", Form(email));
        var link = TestData.FirstLink((await TestData.LastMailToAsync(factory, email)).Body);
        var (_, page) = await browser.GetPageAsync(link[..^4] + "AAAA");
        page.QuerySelector("h1")!.TextContent.ShouldBe("確認できませんでした");
    }

    [Fact]
    public async Task Post_MissingFields_ShowsErrorsNextToFields()
    {
        await factory.EnsurePreparedAsync();
        var response = await Browser.For(factory).SubmitAsync("/account/signup", Form("not-an-address", password: "short", name: "", city: ""));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ShouldBe(
            ["#Input_DisplayName", "#Input_Email", "#Input_Password", "#Input_City"], "in the order of the form");
        page.QuerySelector("#Input_Email-error")!.TextContent.ShouldContain("メールアドレスの形式が正しくありません");
        page.QuerySelector("#Input_Password-error")!.TextContent.ShouldContain("10文字以上");
        page.QuerySelector("#Input_DisplayName-error")!.TextContent.ShouldContain("お名前を入力してください");
        page.QuerySelector("#Input_City-error")!.TextContent.ShouldContain("都市を選んでください");
        page.QuerySelector("#Input_Email")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("#Input_Password")!.GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Fact]
    public async Task SignUp_WithRegisteredAddress_LooksTheSameAndCreatesNoSecondAccount()
    {
        var existing = await TestData.CreateUserAsync(factory);
        var response = await Browser.For(factory).SubmitAsync("/account/signup", Form(existing.Email!));
        response.Headers.Location!.OriginalString.ShouldBe("/account/check-email");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.Users.Count(u => u.Email == existing.Email)))).ShouldBe(1);
    }
}

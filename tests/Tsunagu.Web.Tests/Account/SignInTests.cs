using System.Net;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Account;

public class SignInTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private static Dictionary<string, string> Form(string email, string password) => new() { ["Input.Email"] = email, ["Input.Password"] = password };

    [Fact]
    public async Task WrongPassword_ShowsAGeneralMessage()
    {
        var user = await TestData.CreateUserAsync(factory);
        var response = await Browser.For(factory).SubmitAsync("/account/signin", Form(user.Email!, "wrong-password-123"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("メールアドレスまたはパスワードが正しくありません");
    }

    [Fact]
    public async Task RepeatedFailures_LockTheAccount_EvenForTheRightPassword_AndTheOwnerIsToldByMail()
    {
        var user = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        for (var i = 0; i < 5; i++)
            await browser.SubmitAsync("/account/signin", Form(user.Email!, "wrong-password-123"));

        var response = await browser.SubmitAsync("/account/signin", Form(user.Email!, TestData.Password));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("メールアドレスまたはパスワードが正しくありません");
        var mail = await TestData.LastMailToAsync(factory, user.Email!);
        mail.Subject.ShouldContain("サインインを一時的に止めました");
        TestData.FirstLink(mail.Body).ShouldStartWith("/account/reset-password");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.OutboxMessages.Count(m => m.To == user.Email && m.Subject.Contains("止めました"))))).ShouldBe(1);
    }

    [Fact]
    public async Task ALockedAccount_AnUnknownAddress_AndAWrongPassword_GetTheSameAnswer()
    {
        var locked = await TestData.CreateUserAsync(factory);
        var known = await TestData.CreateUserAsync(factory);
        var unconfirmed = await TestData.CreateUserAsync(factory, u => u.Unconfirmed());
        for (var i = 0; i < 5; i++)
            await Browser.For(factory).SubmitAsync("/account/signin", Form(locked.Email!, "wrong-password-123"));

        async Task<string> ErrorsFor(string email, string password)
        {
            var page = await Browser.ParseAsync(await Browser.For(factory).SubmitAsync("/account/signin", Form(email, password)));
            return page.QuerySelector(".error-summary")?.TextContent.Trim() ?? "";
        }
        var wrong = await ErrorsFor(known.Email!, "wrong-password-123");
        wrong.ShouldNotBeEmpty();
        (await ErrorsFor(locked.Email!, TestData.Password)).ShouldBe(wrong);
        (await ErrorsFor(locked.Email!, "wrong-password-123")).ShouldBe(wrong);
        (await ErrorsFor($"nobody-{Guid.NewGuid():N}@example.jp", "wrong-password-123")).ShouldBe(wrong);
        // An unconfirmed account is named only to someone who knows its password.
        (await ErrorsFor(unconfirmed.Email!, "wrong-password-123")).ShouldBe(wrong);
        (await ErrorsFor(unconfirmed.Email!, TestData.Password)).ShouldContain("メールアドレスの確認が済んでいません");
    }

    [Fact]
    public async Task ReturnUrl_ToAnotherSite_IsIgnored()
    {
        var user = await TestData.CreateUserAsync(factory);
        var response = await Browser.For(factory).SubmitAsync("/account/signin?returnUrl=https%3A%2F%2Fevil.example%2F", Form(user.Email!, TestData.Password));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/account");
    }

    [Fact]
    public async Task ForgotPassword_ResetLink_SetsANewPassword()
    {
        var user = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        var sent = await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = user.Email! });
        (await sent.Content.ReadAsStringAsync()).ShouldContain("パスワード再設定のメールをお送りしました");

        var link = TestData.FirstLink((await TestData.LastMailToAsync(factory, user.Email!)).Body);
        var reset = await browser.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = "a-brand-new-password" });
        (await reset.Content.ReadAsStringAsync()).ShouldContain("パスワードを設定しました");

        await browser.SignInAsync(user.Email!, "a-brand-new-password");
    }

    [Fact]
    public async Task ForgotPassword_ForUnknownAddress_AnswersTheSameAndSendsNothing()
    {
        await factory.EnsurePreparedAsync();
        var email = $"nobody-{Guid.NewGuid():N}@example.jp";
        var sent = await Browser.For(factory).SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        (await sent.Content.ReadAsStringAsync()).ShouldContain("パスワード再設定のメールをお送りしました");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.OutboxMessages.Count(m => m.To == email)))).ShouldBe(0);
    }
}

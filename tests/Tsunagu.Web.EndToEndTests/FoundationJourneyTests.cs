using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

public class FoundationJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Citizen_SignsUp_Confirms_BecomesStaff_EnablesTwoFactor_AndSignsInAgain()
    {
        var page = await app.NewPageAsync();
        var email = $"e2e-{Guid.NewGuid():N}@example.jp";

        // The list of cities, then one city.
        await page.GotoAsync("/");
        await page.AssertAccessibleAsync("01-cities");
        await page.GetByRole(AriaRole.Link, new() { Name = "長門市", Exact = true }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe("長門市");
        await page.AssertAccessibleAsync("02-nagato");

        // Sign up with a mistake first: the errors are shown next to the fields.
        await page.GetByRole(AriaRole.Link, new() { Name = "新規登録" }).ClickAsync();
        await page.GetByLabel("メールアドレス").FillAsync("not-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        (await page.Locator(".error-summary").IsVisibleAsync()).ShouldBeTrue();
        await page.AssertAccessibleAsync("03-signup-errors");

        await page.GetByLabel("お名前（表示名）").FillAsync("長門 花子");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(TestData.Password);
        await page.GetByLabel("お住まい・活動している都市").SelectOptionAsync("nagato");
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe("確認メールを送りました");
        await page.AssertAccessibleAsync("04-check-email");

        // The confirmation link, as the person would get it by e-mail.
        var mail = await TestData.LastMailToAsync(app.Factory, email);
        await page.GotoAsync(TestData.FirstLink(mail.Body));
        (await page.Locator("h1").TextContentAsync()).ShouldBe("メールアドレスを確認しました");
        await page.AssertAccessibleAsync("05-confirmed");

        await page.GetByRole(AriaRole.Link, new() { Name = "サインインする" }).ClickAsync();
        await SignInAsync(page, email);
        await page.WaitForURLAsync("**/account");
        await page.AssertAccessibleAsync("06-account");

        // The city administrator gives this person a staff role; staff pages then ask for two-factor sign-in.
        await GrantAsync(email, "nagato", CityRole.CityAdmin);
        await page.GotoAsync("/nagato/admin/staff");
        (await page.Locator("main").TextContentAsync() ?? "").ShouldContain("二要素認証の設定が必要です");
        await page.AssertAccessibleAsync("07-needs-two-factor");

        await page.GetByRole(AriaRole.Link, new() { Name = "二要素認証を設定する" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "設定を始める" }).ClickAsync();
        await page.Locator(".shared-key").WaitForAsync();
        await page.AssertAccessibleAsync("08-two-factor-setup");
        var key = await page.Locator(".shared-key").TextContentAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "確認コード" }).FillAsync(Totp.Code(key!));
        await page.GetByRole(AriaRole.Button, new() { Name = "設定する" }).ClickAsync();
        (await page.Locator(".recovery-codes li").CountAsync()).ShouldBe(10);
        await page.AssertAccessibleAsync("09-recovery-codes");

        await page.GotoAsync("/nagato/admin/staff");
        (await page.Locator("h1").TextContentAsync()).ShouldBe("職員と役割");
        await page.AssertAccessibleAsync("10-staff");

        // Sign out and in again: now the code is asked for.
        await page.GetByRole(AriaRole.Button, new() { Name = "サインアウト" }).ClickAsync();
        // Wait for the sign-out to land before navigating on, or the next navigation can cancel it.
        await page.GetByRole(AriaRole.Link, new() { Name = "サインイン", Exact = true }).First.WaitForAsync();
        await page.GotoAsync("/account/signin");
        await SignInAsync(page, email);
        await page.WaitForURLAsync("**/account/signin/two-factor**");
        await page.AssertAccessibleAsync("11-two-factor-signin");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "確認コード" }).FillAsync(Totp.Code(key!));
        await page.GetByRole(AriaRole.Button, new() { Name = "確認する" }).ClickAsync();
        await page.WaitForURLAsync("**/account");

        // Switch city, then language.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "室蘭市", Exact = true }).ClickAsync();
        (await page.Locator(".site-header__city").TextContentAsync() ?? "").ShouldContain("室蘭市");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Muroran");
        await page.AssertAccessibleAsync("12-muroran-english");
        await page.GetByRole(AriaRole.Button, new() { Name = "日本語" }).ClickAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("ja");
    }

    [Fact]
    public async Task Pages_WorkOnAPhone_WithoutHorizontalScrolling()
    {
        var page = await app.NewPageAsync(width: 320, height: 640);
        foreach (var (url, name) in new[] { ("/", "phone-cities"), ("/nagato", "phone-nagato"), ("/account/signup", "phone-signup"), ("/account/signin", "phone-signin") })
        {
            await page.GotoAsync(url);
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
            overflow.ShouldBeFalse(url);
            await page.AssertAccessibleAsync(name);
        }
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(TestData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).Last.ClickAsync();
    }

    private async Task GrantAsync(string email, string citySlug, CityRole role) =>
        await TestData.WithDbAsync(app.Factory, async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var city = await db.Cities.SingleAsync(c => c.Slug == citySlug);
            db.CityMemberships.Add(new CityMembership { CityId = city.Id, UserId = user.Id, Role = role, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
}

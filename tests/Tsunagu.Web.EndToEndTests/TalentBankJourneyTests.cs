using Microsoft.Playwright;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

public class TalentBankJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Lecturer_Registers_CentrePublishes_AndACitizenRequestsATalk_OnAPhone()
    {
        var name = "手話の先生 みどり";
        var lecturer = await TestData.CreateUserAsync(app.Factory);
        var page = await app.NewPageAsync(width: 375, height: 800);
        await page.SignInAsync(lecturer.Email!);
        await page.GotoAsync("/nagato");
        await page.AssertAccessibleAsync("t00-city-home-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = "人材バンク", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "講師・アドバイザーとして登録する" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する", Exact = true }).ClickAsync();
        (await page.Locator(".error-summary").IsVisibleAsync()).ShouldBeTrue();
        await page.AssertAccessibleAsync("t01-register-errors-phone");
        await page.GetByLabel("種類").SelectOptionAsync("Instructor");
        await page.GetByLabel("公開する名前").FillAsync(name);
        await page.GetByLabel("教えられること・相談できること").FillAsync("はじめての手話、あいさつの手話");
        await page.GetByLabel("人権・平和").CheckAsync();
        await page.GetByLabel("紹介文").FillAsync("地域の手話サークルで15年教えています。");
        await page.GetByLabel("謝礼・条件").FillAsync("無料");
        await page.GetByLabel("1回あたりの謝礼の目安（円）").FillAsync("0");
        await page.GetByLabel("市内全域に出向けます").CheckAsync();
        await page.GetByLabel("対応できる日時").FillAsync("平日の夜");
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/talent/register");
        (await page.Locator("main").TextContentAsync() ?? "").ShouldContain("確認待ち");
        await page.AssertAccessibleAsync("t02-registered-phone");

        var staffUser = await TestData.CreateUserAsync(app.Factory, u => u.InCity("nagato", CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = await app.NewPageAsync();
        await staff.SignInAsync(staffUser.Email!);
        await staff.GotoAsync("/nagato/admin");
        await staff.AssertAccessibleAsync("t02a-admin-home");
        await staff.GetByRole(AriaRole.Link, new() { Name = "人材バンクの管理" }).ClickAsync();
        await staff.AssertAccessibleAsync("t03-admin-talent");
        await staff.GetByRole(AriaRole.Button, new() { Name = $"「{name}」を公開する" }).ClickAsync();
        (await staff.Locator(".notice--success").TextContentAsync() ?? "").ShouldContain("公開しました");
        await staff.AssertAccessibleAsync("t03a-admin-talent-published");

        var citizen = await TestData.CreateUserAsync(app.Factory);
        var phone = await app.NewPageAsync(width: 375, height: 800);
        await phone.SignInAsync(citizen.Email!);
        await phone.GotoAsync("/nagato/talent");
        await phone.GetByLabel("キーワード").FillAsync("手話　あいさつ");
        await phone.GetByRole(AriaRole.Button, new() { Name = "検索する" }).ClickAsync();
        await phone.AssertAccessibleAsync("t04-search-phone");
        await phone.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        (await phone.Locator("main").TextContentAsync() ?? "").ShouldNotContain(lecturer.Email!);
        await phone.AssertAccessibleAsync("t05-profile-phone");
        await phone.GetByRole(AriaRole.Link, new() { Name = "依頼する", Exact = true }).ClickAsync();
        await phone.WaitForURLAsync("**/talent/*/request");
        await phone.AssertAccessibleAsync("t05a-request-form-phone");
        // An empty request is refused, with the messages next to the fields that need them.
        await phone.GetByRole(AriaRole.Button, new() { Name = "センターに依頼を送る" }).ClickAsync();
        (await phone.Locator(".error-summary").IsVisibleAsync()).ShouldBeTrue();
        (await phone.Locator("#Input_Purpose-error").TextContentAsync() ?? "").ShouldContain("依頼の内容・目的を入力してください。");
        (await phone.Locator("#Input_PreferredDates-error").TextContentAsync() ?? "").ShouldContain("希望する日時を入力してください。");
        await phone.AssertAccessibleAsync("t05b-request-errors-phone");
        await phone.GetByLabel("依頼の内容・目的").FillAsync("町内会の集まりで、あいさつの手話を教えてほしい");
        await phone.GetByLabel("希望する日時").FillAsync("12月の平日の夜");
        await phone.GetByLabel("参加予定人数").FillAsync("20");
        await phone.GetByRole(AriaRole.Button, new() { Name = "センターに依頼を送る" }).ClickAsync();
        await phone.WaitForURLAsync("**/talent/requests");
        var main = await phone.Locator("main").TextContentAsync() ?? "";
        main.ShouldContain(name);
        main.ShouldContain("受付");
        await phone.AssertAccessibleAsync("t06-requests-phone");

        await staff.ReloadAsync();
        await staff.GetByLabel("状況").Last.SelectOptionAsync("Forwarded");
        await staff.GetByLabel("依頼者へのお知らせ").Last.FillAsync("講師に日程を確認しています。");
        await staff.Locator("#requests ~ ul form button").Last.ClickAsync();
        await staff.Locator(".notice--success", new() { HasText = "依頼の状況を更新し" }).WaitForAsync();
        await staff.AssertAccessibleAsync("t06a-admin-request-forwarded");
        await phone.ReloadAsync();
        (await phone.Locator("main").TextContentAsync() ?? "").ShouldContain("調整中");
        await phone.AssertAccessibleAsync("t07-requests-forwarded-phone");
    }
}

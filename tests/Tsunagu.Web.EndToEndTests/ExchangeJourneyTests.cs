using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

public class ExchangeJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task GroupsPostANeedAndAnOffer_StaffIntroduceThem_AndTheMatchingIsCounted()
    {
        using (var scope = app.Factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var kitchenAdmin = await TestData.CreateUserAsync(app.Factory, u => u.InCity("shimonoseki", CityRole.GroupAdmin));
        await TestData.CreateGroupAsync(app.Factory, "shimonoseki", g => g.Named(TestData.Unique("子ども食堂")).InFields(13).AdministeredBy(kitchenAdmin));
        var cooksAdmin = await TestData.CreateUserAsync(app.Factory, u => u.InCity("shimonoseki", CityRole.GroupAdmin));
        var cooksName = (await TestData.CreateGroupAsync(app.Factory, "shimonoseki", g => g.Named(TestData.Unique("料理の会")).InFields(13, 1).AdministeredBy(cooksAdmin))).Name;

        // Group A, on a phone, posts a need; the first try is missing what it needs.
        var phone = await app.NewPageAsync(width: 375, height: 800);
        await phone.SignInAsync(kitchenAdmin.Email!);
        await phone.GotoAsync("/shimonoseki");
        await phone.AssertAccessibleAsync("x00-city-home-phone");
        await phone.GetByRole(AriaRole.Link, new() { Name = "団体のニーズとシーズ" }).ClickAsync();
        await phone.AssertAccessibleAsync("x01-list-phone");
        await phone.GetByRole(AriaRole.Link, new() { Name = "団体のニーズ・シーズを投稿する" }).ClickAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "投稿する" }).ClickAsync();
        (await phone.Locator(".error-summary").IsVisibleAsync()).ShouldBeTrue();
        await phone.AssertAccessibleAsync("x02-post-errors-phone");
        await phone.GetByLabel("ニーズ・シーズ").SelectOptionAsync("Need");
        await phone.GetByLabel("種類").SelectOptionAsync("People");
        await phone.GetByLabel("タイトル").FillAsync("子ども食堂の調理ボランティアを探しています");
        await phone.GetByLabel("くわしい内容").FillAsync("毎月第2土曜日の昼に、30食の調理を手伝ってください。");
        await phone.GetByRole(AriaRole.Button, new() { Name = "投稿する" }).ClickAsync();
        await phone.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/exchange/\d+$"));
        var needUrl = new Uri(phone.Url).AbsolutePath;
        await phone.AssertAccessibleAsync("x03-need-phone");

        // Group B, on a desktop, posts an offer, finds the need among its suggestions and asks the centre.
        var desk = await app.NewPageAsync();
        await desk.SignInAsync(cooksAdmin.Email!);
        await desk.GotoAsync("/shimonoseki/exchange/new");
        await desk.GetByLabel("ニーズ・シーズ").SelectOptionAsync("Offer");
        await desk.GetByLabel("種類").SelectOptionAsync("People");
        await desk.GetByLabel("タイトル").FillAsync("調理ボランティアを派遣できます");
        await desk.GetByLabel("くわしい内容").FillAsync("調理師の資格を持つメンバーが、月に1回伺えます。");
        await desk.AssertAccessibleAsync("x03a-post-offer-filled");
        await desk.GetByRole(AriaRole.Button, new() { Name = "投稿する" }).ClickAsync();
        await desk.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/exchange/\d+$"));
        var offerId = new Uri(desk.Url).AbsolutePath.Split('/').Last();
        var suggestions = await desk.Locator("section[aria-labelledby=suggestions-title]").TextContentAsync() ?? "";
        suggestions.ShouldContain("子ども食堂の調理ボランティアを探しています");
        suggestions.ShouldContain("同じ分野：子どもの健全育成");
        await desk.AssertAccessibleAsync("x04-offer-with-suggestions");
        await desk.GotoAsync(needUrl);
        await desk.AssertAccessibleAsync("x04a-need-seen-by-other-group");
        await desk.GetByLabel("センターへのメッセージ（任意）").FillAsync("調理師のメンバーが伺えます。");
        await desk.GetByRole(AriaRole.Button, new() { Name = "紹介を依頼する" }).ClickAsync();
        (await desk.Locator("main").TextContentAsync() ?? "").ShouldContain("センターに紹介を依頼しました");
        await desk.AssertAccessibleAsync("x05-requested");

        // Centre staff answer the request: introduce the need to the offer, then record the success.
        var staff = await TestData.CreateUserAsync(app.Factory, u => u.InCity("shimonoseki", CityRole.CentreStaff).ExemptFromTwoFactor());
        var centre = await app.NewPageAsync();
        await centre.SignInAsync(staff.Email!);
        await centre.GotoAsync("/shimonoseki/admin");
        await centre.AssertAccessibleAsync("x05a-admin-home");
        await centre.GetByRole(AriaRole.Link, new() { Name = "ニーズとシーズの紹介" }).ClickAsync();
        (await centre.Locator("main").TextContentAsync() ?? "").ShouldContain("調理師のメンバーが伺えます。");
        await centre.AssertAccessibleAsync("x06-staff-desk");
        await centre.GetByRole(AriaRole.Link, new() { Name = "紹介する", Exact = true }).ClickAsync();
        await centre.GetByLabel("紹介する相手の投稿").SelectOptionAsync(offerId);
        await centre.GetByLabel("両方の団体へのメッセージ").FillAsync("調理ボランティアの日程を、センターで一緒に決めましょう。");
        await centre.AssertAccessibleAsync("x07-introduce");
        await centre.GetByRole(AriaRole.Button, new() { Name = "紹介する", Exact = true }).ClickAsync();
        await centre.WaitForURLAsync("**/admin/exchange/introductions/*");
        (await centre.Locator("main").TextContentAsync() ?? "").ShouldContain(cooksName);
        await centre.AssertAccessibleAsync("x07a-introduction");
        await centre.Locator("#Input_Outcome").SelectOptionAsync("Succeeded");
        await centre.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
        (await centre.Locator("main").TextContentAsync() ?? "").ShouldContain("マッチングの成立を記録しました。");
        await centre.AssertAccessibleAsync("x08-introduction-succeeded");

        // The matching is counted on the desk and on Shimonoseki's plan indicator.
        await centre.GotoAsync("/shimonoseki/admin/exchange");
        (await centre.Locator("#matchings-this-year").TextContentAsync() ?? "").ShouldContain("マッチング：1件");
        await centre.AssertAccessibleAsync("x09-staff-desk-counted");
        await centre.GotoAsync("/shimonoseki/plans/shiminkatsudo-5");
        var indicator = centre.Locator("section.indicator").Filter(new() { HasText = "各団体同士のマッチング件数" });
        (await indicator.TextContentAsync() ?? "").ShouldContain("つなぐの記録から集計");
        // The row of the fiscal year the matching was recorded in (令和8年度 until 31 March 2027, then 令和9年度 …).
        var thisYear = FiscalYear.Of(Display.Today(app.Factory.Services.GetRequiredService<TimeProvider>())).ToJapanese();
        (await indicator.Locator("tbody tr").Filter(new() { HasText = thisYear }).TextContentAsync() ?? "").ShouldContain("1件");
        await indicator.ScrollIntoViewIfNeededAsync();
        await centre.AssertAccessibleAsync("x10-plan-indicator-counted");
    }
}

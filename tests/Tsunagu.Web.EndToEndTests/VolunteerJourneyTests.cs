using Microsoft.Playwright;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

public class VolunteerJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Citizen_RegistersAsAVolunteer_OnAPhone_ThenPauses()
    {
        var citizen = await TestData.CreateUserAsync(app.Factory);
        var page = await app.NewPageAsync(width: 375, height: 800);
        await page.SignInAsync(citizen.Email!);
        await page.GotoAsync("/shimonoseki");
        await page.AssertAccessibleAsync("v00-city-home-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = "ボランティアとして登録する" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        (await page.Locator(".error-summary").IsVisibleAsync()).ShouldBeTrue();
        await page.AssertAccessibleAsync("v01-register-errors-phone");
        await page.GetByLabel("年代").SelectOptionAsync("Age60s");
        await page.GetByLabel("防災・災害支援").CheckAsync();
        await page.GetByLabel("子どもの健全育成").CheckAsync();
        await page.GetByLabel("土曜日 午前").CheckAsync();
        await page.GetByLabel("日曜日 午後").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await page.WaitForURLAsync("**/volunteers/me");
        var main = await page.Locator("main").TextContentAsync() ?? "";
        main.ShouldContain("防災・災害支援");
        main.ShouldContain("土曜日午前");
        await page.AssertAccessibleAsync("v02-me-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "しばらく休む" }).ClickAsync();
        (await page.Locator("main").TextContentAsync() ?? "").ShouldContain("休止中");
        await page.AssertAccessibleAsync("v03-me-paused-phone");

        // Later, the way back to the registration is through the menu's マイページ.
        await page.GotoAsync("/shimonoseki");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "マイページ" }).ClickAsync();
        await page.WaitForURLAsync("**/shimonoseki/my");
        await page.AssertAccessibleAsync("v04-my-page-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = "ボランティア登録", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/volunteers/me");
        (await page.Locator("main").TextContentAsync() ?? "").ShouldContain("休止中");
    }
}

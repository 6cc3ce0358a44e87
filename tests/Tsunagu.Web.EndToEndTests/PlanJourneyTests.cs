using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

public class PlanJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Visitor_ReadsThePlansTreeAndIndicators_ManagerImportsAndSeesProblems()
    {
        using (var scope = app.Factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();

        // A citizen on a phone opens Yamaguchi's plan from the city page and reads one card.
        var page = await app.NewPageAsync(width: 375, height: 800);
        await page.GotoAsync("/yamaguchi");
        await page.GetByRole(AriaRole.Link, new() { Name = "協働の計画" }).ClickAsync();
        await page.AssertAccessibleAsync("p01-plans-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = "山口市協働推進プラン 年度別実行計画" }).ClickAsync();
        await page.GetByText("市民活動団体の実態調査の実施").ClickAsync();
        (await page.Locator("details[open]").TextContentAsync() ?? "").ShouldContain("完了の目安");
        await page.AssertAccessibleAsync("p02-plan-phone");

        // Shimonoseki's 5th plan shows its seven indicators with baseline and target, on a desktop.
        var desk = await app.NewPageAsync();
        await desk.GotoAsync("/shimonoseki/plans/shiminkatsudo-5");
        (await desk.Locator("section.indicator").CountAsync()).ShouldBe(7);
        (await desk.Locator("section.indicator").First.TextContentAsync() ?? "").ShouldContain("39.5%");
        await desk.AssertAccessibleAsync("p03-indicators");

        // A plan manager imports a file with a mistake and sees where it is.
        var manager = await TestData.CreateUserAsync(app.Factory, u => u.InCity("muroran", CityRole.PlanManager).ExemptFromTwoFactor());
        await desk.SignInAsync(manager.Email!);
        await desk.GotoAsync("/muroran/admin");
        await desk.GetByRole(AriaRole.Link, new() { Name = "計画の管理" }).ClickAsync();
        await desk.AssertAccessibleAsync("p04-manage");
        var file = """{ "format": "tsunagu-plan/1", "key": "test", "title": "試験", "period": { "from": "R8", "to": "R12" }, "levels": ["方針"], "nodes": [ { "ref": "1", "title": "方針", "yearly": { "R8": "がんばる" } } ] }""";
        await desk.GetByLabel("計画のファイル（JSONまたはExcel）").SetInputFilesAsync(new FilePayload { Name = "plan.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(file) });
        await desk.GetByRole(AriaRole.Button, new() { Name = "取り込む" }).ClickAsync();
        (await desk.Locator("#problems + .table-wrap").TextContentAsync() ?? "").ShouldContain("nodes[0].yearly.R8");
        await desk.AssertAccessibleAsync("p05-import-problems");

        // The manager corrects an item of the plan in place.
        await desk.Locator("main a[href='/muroran/admin/plans/kyodo-shishin/edit']").ClickAsync();
        await desk.AssertAccessibleAsync("p06-edit-tree");
        await desk.Locator("main .plan-edit-tree a").Nth(1).ClickAsync();
        await desk.AssertAccessibleAsync("p07-edit-node");
        await desk.GetByLabel("平成28年度").SelectOptionAsync("実施");
        await desk.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        (await desk.Locator("main").TextContentAsync() ?? "").ShouldContain("項目を保存しました。");
        await desk.GotoAsync("/muroran/admin/plans/kyodo-shishin/indicators");
        await desk.AssertAccessibleAsync("p08-indicators");
    }
}

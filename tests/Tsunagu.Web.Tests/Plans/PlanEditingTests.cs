using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Plans;

/// <summary>Plan managers correct a plan in the browser and enter survey-based indicator actuals.</summary>
public class PlanEditingTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task<Browser> ManagerAsync(string city)
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var user = await TestData.CreateUserAsync(factory, u => u.InCity(city, CityRole.PlanManager).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private Task<int> NodeIdAsync(string key, string reference) => TestData.WithDbAsync(factory, db =>
        db.Set<PlanNode>().IgnoreQueryFilters().Where(n => n.Ref == reference && db.Set<Plan>().IgnoreQueryFilters().Any(p => p.Id == n.PlanId && p.Key == key)).Select(n => n.Id).SingleAsync());

    [Fact]
    public async Task Manager_EditsAnItem_AndThePublicPageShowsIt()
    {
        var manager = await ManagerAsync("muroran");
        var (_, tree) = await manager.GetPageAsync("/muroran/admin/plans/kyodo-shishin/edit");
        var id = await NodeIdAsync("kyodo-shishin", "2-1");
        tree.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ShouldContain($"/muroran/admin/plans/kyodo-shishin/nodes/{id}");
        var url = $"/muroran/admin/plans/kyodo-shishin/nodes/{id}";
        var department = await TestData.WithDbAsync(factory, db => db.Departments.IgnoreQueryFilters().Where(d => d.Name == "地域生活課").Select(d => d.Id).SingleAsync());
        (await manager.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.Title"] = "市民活動センターを拠点としたコーディネート機能の充実（改訂）",
            ["Input.Departments"] = department.ToString(CultureInfo.InvariantCulture),
            ["Input.Years[2016]"] = "実施",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await Browser.For(factory).GetPageAsync("/muroran/plans/kyodo-shishin");
        var row = page.QuerySelectorAll("main table.plan-items tbody tr").Single(r => r.Children[0].TextContent == "2-1");
        row.Children[1].TextContent.ShouldContain("（改訂）");
        row.Children[2].TextContent.ShouldBe("地域生活課");
        row.Children[3 + (2016 - 2015)].TextContent.ShouldBe("実施");
    }

    [Fact]
    public async Task Manager_AddsAnItemUnderAMeasure_ThenDeletesIt()
    {
        var manager = await ManagerAsync("nagato");
        var parent = $"/nagato/admin/plans/kyodo-action-2/nodes/{await NodeIdAsync("kyodo-action-2", "Ⅰ-1-(1)")}";
        var duplicate = await Browser.ParseAsync(await manager.SubmitAsync(parent, new Dictionary<string, string> { ["NewRef"] = "Ⅰ-1-(1)-1", ["NewTitle"] = "重複" }, "main form[action*=Add]"));
        duplicate.QuerySelector("#NewRef-error")!.TextContent.ShouldContain("すでにあります");
        var added = await manager.SubmitAsync(parent, new Dictionary<string, string> { ["NewRef"] = "Ⅰ-1-(1)-99", ["NewTitle"] = "オンライン交流会の開催" }, "main form[action*=Add]");
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, plan) = await Browser.For(factory).GetPageAsync("/nagato/plans/kyodo-action-2");
        plan.QuerySelector("main")!.TextContent.ShouldContain("オンライン交流会の開催");

        // A new item nothing refers to can be deleted; a measure with items below it cannot.
        (await manager.SubmitAsync(added.Headers.Location!.OriginalString, new Dictionary<string, string>(), "main form[action*=Delete]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Browser.For(factory).GetPageAsync("/nagato/plans/kyodo-action-2")).Page.QuerySelector("main")!.TextContent.ShouldNotContain("オンライン交流会の開催");
        var (_, parentPage) = await manager.GetPageAsync(parent);
        parentPage.QuerySelector("main form[action*=Delete]").ShouldBeNull();
    }

    [Fact]
    public async Task Edit_UnknownYearlyWordOrEmptyTitle_ShowsErrors()
    {
        var manager = await ManagerAsync("muroran");
        var url = $"/muroran/admin/plans/kyodo-shishin/nodes/{await NodeIdAsync("kyodo-shishin", "2-1")}";
        var page = await Browser.ParseAsync(await manager.SubmitAsync(url, new Dictionary<string, string> { ["Input.Title"] = "", ["Input.Years[2016]"] = "がんばる" }));
        page.QuerySelector("#Input_Title-error")!.TextContent.ShouldContain("名前を入力");
        page.QuerySelector(".error-summary")!.TextContent.ShouldContain("年次計画は一覧から選んで");
    }

    [Fact]
    public async Task Manager_EntersSurveyActuals_WhichTheIndicatorChartShows()
    {
        var manager = await ManagerAsync("shimonoseki");
        var indicator = await TestData.WithDbAsync(factory, db => db.Set<Indicator>().IgnoreQueryFilters().Where(i => i.Name == "市民活動の経験").Select(i => i.Id).SingleAsync());
        var url = "/shimonoseki/admin/plans/shiminkatsudo-5/indicators";
        var bad = await Browser.ParseAsync(await manager.SubmitAsync(url, new Dictionary<string, string> { ["IndicatorId"] = indicator.ToString(CultureInfo.InvariantCulture), ["Values[2026]"] = "よんじゅう" }, $"main #indicator-{indicator} form"));
        bad.QuerySelector($"#value-{indicator}-2026-error")!.TextContent.ShouldContain("数字で入力");
        (await manager.SubmitAsync(url, new Dictionary<string, string> { ["IndicatorId"] = indicator.ToString(CultureInfo.InvariantCulture), ["Values[2026]"] = "４１．２" }, $"main #indicator-{indicator} form"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await Browser.For(factory).GetPageAsync("/shimonoseki/plans/shiminkatsudo-5");
        var row = page.QuerySelectorAll("main section.indicator")[0].QuerySelectorAll("tbody tr").Single(r => r.Children[0].TextContent == "令和8年度");
        row.Children[2].TextContent.ShouldBe("41.2%");
    }
}

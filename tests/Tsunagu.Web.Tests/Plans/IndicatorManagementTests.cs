using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Features.Plans.Reports;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Plans;

/// <summary>Plan managers add, edit, retire and reorder a published plan's indicators in the browser (issue 14).</summary>
public class IndicatorManagementTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";
    private const string Key = "shiminkatsudo-5";
    private const string Url = $"/{City}/admin/plans/{Key}/indicators";

    private async Task<Browser> SignedInAsync(CityRole role)
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var user = await TestData.CreateUserAsync(factory, u => u.InCity(City, role).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    /// <summary>A count indicator of 市民活動 groups over the plan's period (R7 → R12), with some fields changed.</summary>
    private static Dictionary<string, string> Form(string name, Action<Dictionary<string, string>>? change = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Unit"] = "団体",
            ["Input.Kind"] = nameof(IndicatorKind.Count),
            ["Input.Direction"] = nameof(IndicatorDirection.Higher),
            ["Input.BaselineYear"] = "令和7年度",
            ["Input.BaselineValue"] = "254",
            ["Input.TargetYear"] = "R12",
            ["Input.TargetValue"] = "260",
            ["Input.Source"] = IndicatorSources.Manual,
            ["Input.SourceParameters"] = "",
            ["Input.Note"] = "",
        };
        change?.Invoke(form);
        return form;
    }

    private static Task<HttpResponseMessage> AddAsync(Browser manager, Dictionary<string, string> form) =>
        manager.SubmitAsync(Url + "?add=true", form, "main form[action*=Save]");

    private Task<Indicator> IndicatorAsync(string name) => TestData.WithDbAsync(factory, db =>
        db.Set<Indicator>().IgnoreQueryFilters().Include(i => i.Actuals).SingleAsync(i => i.Name == name));

    private Task<List<string>> CurrentNamesAsync() => TestData.WithDbAsync(factory, db =>
        db.Set<Indicator>().IgnoreQueryFilters().Where(i => i.RetiredAt == null && db.Set<Plan>().IgnoreQueryFilters().Any(p => p.Id == i.PlanId && p.Key == Key))
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => i.Name).ToListAsync());

    [Fact]
    public async Task Manager_AddsACountIndicator_WhosePlannedPathThePlanShowsInWholeUnits()
    {
        var manager = await SignedInAsync(CityRole.PlanManager);
        var (_, list) = await manager.GetPageAsync(Url);
        list.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ShouldContain(Url + "?add=true");

        var added = await AddAsync(manager, Form("登録団体数（追加）"));
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await Browser.ParseAsync(added)).QuerySelector("main")?.TextContent);
        var indicator = await IndicatorAsync("登録団体数（追加）");
        (indicator.Kind, indicator.BaselineYear, indicator.BaselineValue, indicator.TargetYear, indicator.TargetValue, indicator.Source)
            .ShouldBe((IndicatorKind.Count, 2025, 254m, 2030, 260m, IndicatorSources.Manual));
        (await CurrentNamesAsync()).Last().ShouldBe("登録団体数（追加）");

        // 254 → 260 over five years is 255.2 in the first: a count's path is in whole units.
        var (_, page) = await Browser.For(factory).GetPageAsync($"/{City}/plans/{Key}");
        var section = page.QuerySelectorAll("main section.indicator").Single(s => s.TextContent.Contains("登録団体数（追加）", StringComparison.Ordinal));
        var r8 = section.QuerySelectorAll("tbody tr").Single(r => r.Children[0].TextContent == "令和8年度");
        r8.Children[1].TextContent.ShouldBe("255団体");
        section.TextContent.ShouldNotContain("255.2");
    }

    [Fact]
    public async Task Manager_EditsAnIndicator_ToAComputedSourceWithParameters()
    {
        var manager = await SignedInAsync(CityRole.PlanManager);
        (await AddAsync(manager, Form("編集前の指標"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = (await IndicatorAsync("編集前の指標")).Id;
        var (_, form) = await manager.GetPageAsync($"{Url}?edit={id}");
        form.QuerySelector("#Input_Name")!.GetAttribute("value").ShouldBe("編集前の指標");
        form.QuerySelector("#Input_BaselineYear")!.GetAttribute("value").ShouldBe("2025");

        var saved = await manager.SubmitAsync($"{Url}?edit={id}", Form("NPO法人の数", f =>
        {
            f["Input.Source"] = "registered-groups";
            f["Input.SourceParameters"] = "type＝NPO法人";
            f["Input.TargetValue"] = "１，２００";
        }), "main form[action*=Save]");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await Browser.ParseAsync(saved)).QuerySelector(".error-summary")?.TextContent);
        var indicator = await IndicatorAsync("NPO法人の数");
        (indicator.Id, indicator.Source, indicator.SourceParameters, indicator.TargetValue).ShouldBe((id, "registered-groups", "type=NPO法人", 1200m));
        // Who changed what is in the audit log.
        (await TestData.WithDbAsync(factory, db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Indicator)))).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Theory]
    [InlineData("Input.Source", "no-such-source", "Input_Source", "一覧から選んで")]
    [InlineData("Input.SourceParameters", "colour=赤", "Input_SourceParameters", "colour")]
    [InlineData("Input.TargetYear", "令和6年度", "Input_TargetYear", "基準年度")]
    [InlineData("Input.BaselineValue", "にひゃく", "Input_BaselineValue", "数字で入力")]
    [InlineData("Input.BaselineYear", "いつか", "Input_BaselineYear", "年度として読めません")]
    [InlineData("Input.Name", "", "Input_Name", "名前を入力")]
    public async Task Add_WithAProblem_IsRefused_WithTheMessageBesideTheField(string field, string value, string id, string message)
    {
        var manager = await SignedInAsync(CityRole.PlanManager);
        var before = await CurrentNamesAsync();
        var refused = await AddAsync(manager, Form("断られる指標", f =>
        {
            f[field] = value;
            // A parameter is checked against the source that takes it.
            if (field == "Input.SourceParameters") f["Input.Source"] = "registered-groups";
        }));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(refused);
        page.QuerySelector($"#{id}-error")!.TextContent.ShouldContain(message);
        page.QuerySelector($"#{id}")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await CurrentNamesAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Manager_RetiresAnIndicator_WhichLeavesThePlanButKeepsItsActuals_AndRestoresIt()
    {
        var manager = await SignedInAsync(CityRole.PlanManager);
        (await AddAsync(manager, Form("廃止する指標"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = (await IndicatorAsync("廃止する指標")).Id;
        var idText = id.ToString(CultureInfo.InvariantCulture);
        (await manager.SubmitAsync(Url, new Dictionary<string, string> { ["IndicatorId"] = idText, ["Values[2026]"] = "257" }, $"main #indicator-{id} form.indicator-actuals"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await manager.SubmitAsync(Url, new Dictionary<string, string>(), $"main #indicator-{id} form[action*=Retire]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var retired = await IndicatorAsync("廃止する指標");
        retired.RetiredAt.ShouldNotBeNull();
        retired.Actuals.Single().Value.ShouldBe(257m);
        (await Browser.For(factory).GetPageAsync($"/{City}/plans/{Key}")).Page.QuerySelector("main")!.TextContent.ShouldNotContain("廃止する指標");
        var (_, list) = await manager.GetPageAsync(Url);
        list.QuerySelector($"main section#indicator-{id}").ShouldBeNull();
        list.QuerySelector($"main li#indicator-{id}")!.TextContent.ShouldContain("廃止する指標");

        (await manager.SubmitAsync(Url, new Dictionary<string, string>(), $"main #indicator-{id} form[action*=Restore]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await IndicatorAsync("廃止する指標")).RetiredAt.ShouldBeNull();
        (await Browser.For(factory).GetPageAsync($"/{City}/plans/{Key}")).Page.QuerySelector("main")!.TextContent.ShouldContain("廃止する指標");
    }

    [Fact]
    public async Task Manager_MovesAnIndicatorUpAndDown()
    {
        var manager = await SignedInAsync(CityRole.PlanManager);
        (await AddAsync(manager, Form("並べ替えA"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AddAsync(manager, Form("並べ替えB"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CurrentNamesAsync())[^2..].ShouldBe(["並べ替えA", "並べ替えB"]);
        var b = (await IndicatorAsync("並べ替えB")).Id;

        var (_, list) = await manager.GetPageAsync(Url);
        list.QuerySelector($"main #indicator-{b} form[action*=Move] input[name=Step][value='1']").ShouldBeNull("the last has no 下へ");
        (await manager.SubmitAsync(Url, new Dictionary<string, string>(), $"main #indicator-{b} form[action*=Move]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CurrentNamesAsync())[^2..].ShouldBe(["並べ替えB", "並べ替えA"]);
        var (_, moved) = await manager.GetPageAsync(Url);
        var sections = moved.QuerySelectorAll("main section[id^=indicator-] h2").Select(h => h.TextContent).ToList();
        sections.IndexOf("並べ替えB（団体）").ShouldBeLessThan(sections.IndexOf("並べ替えA（団体）"));

        (await manager.SubmitAsync(Url, new Dictionary<string, string> { ["Step"] = "1" }, $"main #indicator-{b} form[action*=Move]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CurrentNamesAsync())[^2..].ShouldBe(["並べ替えA", "並べ替えB"]);
    }

    [Fact]
    public async Task OtherRoles_CannotManageIndicators()
    {
        var staff = await SignedInAsync(CityRole.DepartmentStaff);
        // Refused, or sent away to sign in with a role that may: never the page.
        (await staff.GetAsync(Url)).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await staff.GetAsync(Url + "?add=true")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await Browser.For(factory).GetAsync(Url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public void PublishedReport_KeepsItsIndicatorsKind_AndReadsTheUnitOnlyWhenItHasNone()
    {
        AnnualReport.IndicatorLine Line(string unit, IndicatorKind? kind) =>
            new("加入世帯数", unit, true, 2014, 254m, 2019, 260m, [], null, kind);
        IndicatorChart.From(Line("世帯", IndicatorKind.Count), 0).PathValue(2015).ShouldBe(255m);
        IndicatorChart.From(Line("人に1人", IndicatorKind.Percentage), 0).PathValue(2015).ShouldBe(255.2m);
        // Published before kinds were recorded: the unit decides, as it did then.
        IndicatorChart.From(Line("%", null), 0).PathValue(2015).ShouldBe(255.2m);
        IndicatorChart.From(Line("団体", null), 0).PathValue(2015).ShouldBe(255m);
    }
}

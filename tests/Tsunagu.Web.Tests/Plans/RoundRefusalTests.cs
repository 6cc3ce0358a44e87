using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Features.Plans.Rounds;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Plans;

/// <summary>
/// The cycle refuses what makes no sense, with a message on the page: a round with items nobody reports on, a year
/// published as if complete while reports or the evaluation are missing.
/// </summary>
public class RoundRefusalTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task<Browser> ManagerAsync(string city)
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var (browser, _) = await TestData.SignedInAsync(factory, u => u.InCity(city, CityRole.PlanManager).ExemptFromTwoFactor());
        return browser;
    }

    private static Dictionary<string, string> Open(int year) => new()
    {
        ["Input.FiscalYear"] = year.ToString(CultureInfo.InvariantCulture),
        ["Input.Deadline"] = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private Task<List<int>> LeavesWithoutDepartmentAsync(string planKey) => TestData.WithDbAsync(factory, db =>
        db.Set<PlanNode>().IgnoreQueryFilters()
            .Where(n => db.Set<Plan>().IgnoreQueryFilters().Any(p => p.Id == n.PlanId && p.Key == planKey)
                && !n.Departments.Any() && !db.Set<PlanNode>().IgnoreQueryFilters().Any(c => c.ParentId == n.Id))
            .Select(n => n.Id).ToListAsync());

    private Task<int> DepartmentIdAsync(string city, string name) => TestData.WithDbAsync(factory, db =>
        db.Departments.IgnoreQueryFilters().Where(d => d.Name == name && db.Cities.Any(c => c.Id == d.CityId && c.Slug == city)).Select(d => d.Id).SingleAsync());

    [Fact]
    public async Task Open_WhileItemsHaveNoDepartment_IsRefusedAndListsThem_ThenTheManagerAssignsInPlaceAndOpens()
    {
        var manager = await ManagerAsync("muroran");
        const string rounds = "/muroran/admin/plans/kyodo-shishin/rounds";
        var unassigned = await LeavesWithoutDepartmentAsync("kyodo-shishin");
        unassigned.Count.ShouldBe(14);

        var (_, page) = await manager.GetPageAsync(rounds);
        page.QuerySelectorAll("main input[name='Assign.NodeIds']").Length.ShouldBe(14);
        page.QuerySelector("main #unassigned-title")!.TextContent.ShouldBe("担当課のない項目");

        var refused = await Browser.ParseAsync(await manager.SubmitAsync(rounds, Open(2016), "main form:not([action*=Assign])"));
        refused.QuerySelector(".error-summary")!.TextContent.ShouldContain("担当課が決まっていない項目が14件あります");
        (await TestData.WithDbAsync(factory, db => db.Set<ReportingRound>().IgnoreQueryFilters().CountAsync(r => db.Set<Plan>().IgnoreQueryFilters().Any(p => p.Id == r.PlanId && p.Key == "kyodo-shishin"))))
            .ShouldBe(0);

        // A department merged away (市民活動推進課 became 地域生活課 in H24) cannot be given new work.
        var merged = await DepartmentIdAsync("muroran", "市民活動推進課");
        var old = await Browser.ParseAsync(await manager.PostWithTokenAsync(rounds, rounds + "?handler=Assign", PlanForms.Assign(unassigned.Take(2), merged)));
        old.QuerySelector("#Assign_DepartmentId-error")!.TextContent.ShouldContain("今はない課です");
        // Nothing chosen: said beside the list.
        var none = await Browser.ParseAsync(await manager.PostWithTokenAsync(rounds, rounds + "?handler=Assign", PlanForms.Assign([], await DepartmentIdAsync("muroran", "地域生活課"))));
        none.QuerySelector("#Assign_NodeIds .form-error")!.TextContent.ShouldContain("項目を選んでください");
        (await LeavesWithoutDepartmentAsync("kyodo-shishin")).Count.ShouldBe(14);

        // Many at once, then the rest: the round opens.
        var living = await DepartmentIdAsync("muroran", "地域生活課");
        (await manager.PostWithTokenAsync(rounds, rounds + "?handler=Assign", PlanForms.Assign(unassigned.Take(10), living))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LeavesWithoutDepartmentAsync("kyodo-shishin")).Count.ShouldBe(4);
        (await manager.PostWithTokenAsync(rounds, rounds + "?handler=Assign", PlanForms.Assign(unassigned.Skip(10), await DepartmentIdAsync("muroran", "企画課")))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await manager.GetPageAsync(rounds)).Page.QuerySelector("main #unassigned-title").ShouldBeNull();
        (await manager.SubmitAsync(rounds, Open(2016))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Who changed what is in the audit log.
        (await TestData.WithDbAsync(factory, db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(PlanNodeDepartment)))).ShouldBeGreaterThanOrEqualTo(14);
    }

    [Fact]
    public async Task Open_TheSameYearSixTimesAtOnce_MakesOneRound_AndTellsTheOthers()
    {
        await ManagerAsync("yamaguchi");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Data.TsunaguDb>();
            scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == "yamaguchi"));
            var plan = await db.Set<Plan>().SingleAsync(p => p.Key == "kyodo-jikko-h25");
            var (problem, _) = await scope.ServiceProvider.GetRequiredService<RoundService>().OpenAsync(plan, 2014, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)));
            return problem;
        })));
        outcomes.Count(o => o == RoundService.OpenProblem.None).ShouldBe(1);
        outcomes.Count(o => o == RoundService.OpenProblem.AlreadyOpened).ShouldBe(5);
    }

    [Fact]
    public async Task Publish_BeforeReportsAndEvaluation_IsRefusedSayingWhat_AndWithAReasonIsPublishedWithTheReasonPrinted()
    {
        var manager = await ManagerAsync("shimonoseki");
        const string plan = "shiminkatsudo-5";
        var rounds = $"/shimonoseki/admin/plans/{plan}/rounds";
        (await manager.PostWithTokenAsync(rounds, rounds + "?handler=Assign", PlanForms.Assign(await LeavesWithoutDepartmentAsync(plan), await DepartmentIdAsync("shimonoseki", "まちづくり政策課"))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var round = (await manager.SubmitAsync(rounds, Open(2026))).Headers.Location!.OriginalString;

        // Nothing reported, nothing evaluated: refused, saying both, and nothing is published.
        var (_, dashboard) = await manager.GetPageAsync(round);
        dashboard.QuerySelector("main .notice--warning")!.TextContent.ShouldContain("受理していない報告：27件（全27件）");
        var refused = await Browser.ParseAsync(await manager.SubmitAsync(round, new Dictionary<string, string>(), "main form[action*=Publish]"));
        var summary = refused.QuerySelector(".error-summary")!.TextContent;
        summary.ShouldContain("受理していない報告が27件あります");
        summary.ShouldContain("下関市市民協働参画審議会の答申をまだ記録していません");
        refused.QuerySelector("#IncompleteReason-error")!.TextContent.ShouldContain("理由");
        (await TestData.WithDbAsync(factory, db => db.Set<PublishedReport>().IgnoreQueryFilters().CountAsync(p => p.FiscalYear == 2026))).ShouldBe(0);

        // The evaluation recorded under the city's own words; still refused while reports are missing.
        (await manager.SubmitAsync(round, new Dictionary<string, string> { ["CouncilOpinion"] = "市民活動の経験は着実に増えている。" }, "main form[action*=Opinion]"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, recorded) = await manager.GetPageAsync(round);
        recorded.QuerySelector("main label[for=CouncilOpinion]")!.TextContent.ShouldContain("下関市市民協働参画審議会の答申");
        var stillRefused = await Browser.ParseAsync(await manager.SubmitAsync(round, new Dictionary<string, string>(), "main form[action*=Publish]"));
        stillRefused.QuerySelector(".error-summary")!.TextContent.ShouldNotContain("答申をまだ記録していません");
        stillRefused.QuerySelector(".error-summary")!.TextContent.ShouldContain("受理していない報告が27件あります");

        // The manager decides to publish anyway, saying why: the reason is on the page, the PDF and the workbook.
        const string reason = "各課の報告は指標の集計後に受理するため、指標のみ先に公表する。";
        (await manager.SubmitAsync(round, new Dictionary<string, string> { ["IncompleteReason"] = reason }, "main form[action*=Publish]")).Headers.Location!.OriginalString
            .ShouldBe($"/shimonoseki/plans/{plan}/reports/2026");
        var visitor = Browser.For(factory);
        var (_, page) = await visitor.GetPageAsync($"/shimonoseki/plans/{plan}/reports/2026");
        page.QuerySelector("main .notice--warning")!.TextContent.ShouldContain(reason);
        page.QuerySelector("main")!.TextContent.ShouldContain("下関市市民協働参画審議会の答申");
        var pdf = await visitor.Client.GetByteArrayAsync($"/shimonoseki/plans/{plan}/reports/2026/pdf");
        AnnualReportRenderingTests.PdfToText(pdf).ShouldContain("各課の報告は指標の集計後に受理するため");
        (await TestData.WithDbAsync(factory, db => db.Set<PublishedReport>().IgnoreQueryFilters().SingleAsync(p => p.FiscalYear == 2026))).IncompleteReason.ShouldBe(reason);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Exchange;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Features.Plans.Rounds;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

/// <summary>
/// A year of each demo city's plan, from items without a department to the published report: the manager assigns
/// departments in one go and opens the round, a department reports, the manager accepts, the city's own evaluating body's
/// evaluation is recorded under its own name, and the year is published complete or with the manager's reason. A figure
/// computed from Tsunagu's records moves with a record made during the year.
/// </summary>
public class PlanCycleByCityJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// One city's year. <paramref name="Source"/> is the computed indicator the journey moves: Shimonoseki's 5th plan binds
    /// group-matchings itself; the other plans bind no computed indicator, so the journey binds registered-groups to them.
    /// </summary>
    public sealed record CityYear(string City, string Plan, int Year, string Department, string Source, bool Complete);

    public static TheoryData<string> Cities => ["shimonoseki", "yamaguchi", "nagato", "muroran"];

    private static CityYear Of(string city) => city switch
    {
        "shimonoseki" => new("shimonoseki", "shiminkatsudo-5", 2026, "まちづくり政策課", "group-matchings", Complete: true),
        "yamaguchi" => new("yamaguchi", "kyodo-jikko-h25", 2016, "協働推進課", "registered-groups", Complete: true),
        "nagato" => new("nagato", "kyodo-action-2", 2018, "企画政策課 市民協働推進室", "registered-groups", Complete: false),
        "muroran" => new("muroran", "kyodo-shishin", 2019, "地域生活課", "registered-groups", Complete: false),
        _ => throw new ArgumentOutOfRangeException(nameof(city)),
    };

    [Theory]
    [MemberData(nameof(Cities))]
    public async Task Manager_AssignsDepartments_OpensTheYear_DepartmentReports_BodyEvaluates_AndTheYearIsPublished(string slug)
    {
        var c = Of(slug);
        using (var scope = app.Factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var city = await TestData.WithDbAsync(app.Factory, db => db.Cities.SingleAsync(x => x.Slug == c.City));
        var (planId, indicator) = await BindComputedIndicatorAsync(city, c);
        var unassigned = await TestData.WithDbAsync(app.Factory, db => Leaves(db, planId).Where(n => !n.Departments.Any())
            .OrderBy(n => n.Depth).ThenBy(n => n.SortOrder).Select(n => new { n.Id, n.Title }).ToListAsync());
        // Yamaguchi's plan names a department for every item; the others name none.
        (unassigned.Count > 0).ShouldBe(c.City != "yamaguchi", $"{c.Plan}: items without a department");
        var item = unassigned.FirstOrDefault() ?? await TestData.WithDbAsync(app.Factory, db =>
        {
            var department = db.Departments.IgnoreQueryFilters().Where(d => d.CityId == city.Id && d.Name == c.Department).Select(d => d.Id);
            return Leaves(db, planId).Where(n => n.Departments.Any(d => department.Contains(d.DepartmentId)))
                .OrderBy(n => n.Depth).ThenBy(n => n.SortOrder).Select(n => new { n.Id, n.Title }).FirstAsync();
        });
        // The city administrator sets the city up: the department the plan's items will go to, and a district with its
        // population by year. Yamaguchi's plan names its departments already; they report as before.
        var department = unassigned.Count > 0 ? NewDepartment : c.Department;
        await SetUpAsync(c);
        var manager = await TestData.CreateUserAsync(app.Factory, u => u.InCity(c.City, CityRole.PlanManager).ExemptFromTwoFactor());
        var staff = await TestData.CreateUserAsync(app.Factory, u => u.InCity(c.City, CityRole.DepartmentStaff, department).ExemptFromTwoFactor());

        // The manager sees the items without a department and gives them all one department at once.
        var m = await SignedInAsync(manager.Email!);
        await m.GotoAsync($"/{c.City}/admin/plans/{c.Plan}/rounds");
        await m.AssertAccessibleAsync($"pc-{c.City}-01-rounds");
        if (unassigned.Count > 0)
        {
            var section = m.Locator("section", new() { Has = m.GetByRole(AriaRole.Heading, new() { Name = "担当課のない項目" }) });
            (await section.Locator("input[name='Assign.NodeIds']").CountAsync()).ShouldBe(unassigned.Count);
            if (c.City == "nagato") await ShootAsync(m, "rounds-unassigned");
            foreach (var box in await section.Locator("input[name='Assign.NodeIds']").AllAsync()) await box.CheckAsync();
            await m.GetByLabel("担当課", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = department });
            await m.GetByRole(AriaRole.Button, new() { Name = "選んだ項目に担当課を割り当てる" }).ClickAsync();
            await m.GetByText($"{unassigned.Count}件の項目に担当課を割り当てました。", new() { Exact = true }).WaitForAsync();
        }
        (await m.GetByRole(AriaRole.Heading, new() { Name = "担当課のない項目" }).CountAsync()).ShouldBe(0);

        // … and opens the year's round.
        await m.GetByLabel("対象の年度").SelectOptionAsync(c.Year.ToString(CultureInfo.InvariantCulture));
        await m.GetByRole(AriaRole.Button, new() { Name = "進捗調査を始める" }).ClickAsync();
        await m.WaitForURLAsync($"**/{c.City}/admin/rounds/*");
        var roundId = int.Parse(m.Url.Split('/')[^1], CultureInfo.InvariantCulture);
        await m.AssertAccessibleAsync($"pc-{c.City}-02-round");
        // A complete year: every other item is reported and accepted already; the journey follows one.
        if (c.Complete) await AcceptAllExceptAsync(roundId, item.Id);

        // The department reports on its item.
        var s = await SignedInAsync(staff.Email!);
        await s.GotoAsync($"/{c.City}/admin/reports");
        await s.Locator($"main a[href='/{c.City}/admin/reports/{roundId}/{item.Id}']").ClickAsync();
        await s.AssertAccessibleAsync($"pc-{c.City}-03-report");
        await s.GetByLabel("実施状況").FillAsync($"{department}が市民活動団体と協働して実施した。");
        await s.GetByLabel("評価").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await s.GetByRole(AriaRole.Button, new() { Name = "提出する" }).ClickAsync();
        await s.WaitForURLAsync($"**/{c.City}/admin/reports");

        // During the year a record is made that the computed indicator counts.
        var before = await ActualAsync(city, indicator, c.Year);
        await RecordAsync(c);

        // The manager accepts the report and records the evaluation of the city's own body, under its own name.
        await m.GotoAsync($"/{c.City}/admin/rounds/{roundId}/items/{item.Id}");
        await m.GetByRole(AriaRole.Button, new() { Name = "受理する" }).ClickAsync();
        await m.GetByText("報告を受理しました。", new() { Exact = true }).WaitForAsync();
        var evaluation = $"{city.EvaluatingBodyDisplayName(false)}の{city.EvaluationTermDisplay(false)}";
        evaluation.ShouldBe(c.City switch
        {
            "shimonoseki" => "下関市市民協働参画審議会の答申",
            "yamaguchi" => "山口市協働のまちづくり推進委員会の検証・評価",
            "nagato" => "市民・団体の意見聴取による評価",
            _ => "室蘭市市民協働推進委員会の検証・評価",
        });
        var opinion = $"{PlanText.Year(c.Year, false)}の協働の取組は、おおむね計画どおり進んでいる。";
        await m.GetByLabel(evaluation, new() { Exact = true }).FillAsync(opinion);
        await m.GetByRole(AriaRole.Button, new() { Name = $"{city.EvaluationTermDisplay(false)}を記録する" }).ClickAsync();
        await m.GetByText($"{evaluation}を記録しました。", new() { Exact = true }).WaitForAsync();

        // Published complete, or with the manager's reason.
        var reason = "担当課の報告がそろうのは次年度になるため、受理した報告だけで公表する。";
        if (c.Complete)
        {
            (await m.Locator("main").TextContentAsync() ?? "").ShouldContain("公表できます。");
        }
        else
        {
            (await m.Locator("main").TextContentAsync() ?? "").ShouldContain("まだ公表の準備ができていません。");
            await m.GetByLabel("そろわないまま公表する理由").FillAsync(reason);
        }
        await m.GetByRole(AriaRole.Button, new() { Name = "年次報告を公表する" }).ClickAsync();
        await m.WaitForURLAsync($"**/{c.City}/plans/{c.Plan}/reports/{c.Year}");

        var main = await m.Locator("main").TextContentAsync() ?? "";
        main.ShouldContain(evaluation);
        main.ShouldContain(opinion);
        main.ShouldContain($"{department}が市民活動団体と協働して実施した。");
        if (c.Complete) main.ShouldNotContain(reason);
        else main.ShouldContain(reason);
        // The computed indicator counts the record made during the year.
        var row = m.Locator("section.indicator", new() { Has = m.GetByRole(AriaRole.Heading, new() { Name = indicator.Name, Exact = true }) })
            .Locator("tr", new() { Has = m.GetByRole(AriaRole.Rowheader, new() { Name = PlanText.Year(c.Year, false), Exact = true }) });
        (await row.Locator("td").Last.TextContentAsync() ?? "").Trim().ShouldBe($"{(before ?? 0) + 1}{indicator.Unit}");
        await m.AssertAccessibleAsync($"pc-{c.City}-04-published");
        if (c.City == "nagato") await ShootAsync(m, "published");
    }

    private const string NewDepartment = "協働のまちづくり課";

    /// <summary>As the city administrator: a department added in the browser, and a district with two years of figures.</summary>
    private async Task SetUpAsync(CityYear c)
    {
        var admin = await TestData.CreateUserAsync(app.Factory, u => u.InCity(c.City, CityRole.CityAdmin).ExemptFromTwoFactor());
        var a = await SignedInAsync(admin.Email!);
        await a.GotoAsync($"/{c.City}/admin/setup/departments");
        await a.GetByLabel("名称").FillAsync(NewDepartment);
        await a.GetByLabel("部", new() { Exact = true }).FillAsync("市民部");
        await a.GetByRole(AriaRole.Button, new() { Name = "追加する" }).ClickAsync();
        await a.GetByText($"「{NewDepartment}」を追加しました。", new() { Exact = true }).WaitForAsync();
        await a.AssertAccessibleAsync($"pc-{c.City}-00-departments");
        if (c.City == "muroran") await ShootAsync(a, "setup-departments");

        await a.GotoAsync($"/{c.City}/admin/setup/districts");
        await a.GetByLabel("名称").FillAsync("つなぐ台地区");
        await a.GetByLabel("協議会名", new() { Exact = true }).FillAsync("つなぐ台地区まちづくり協議会");
        await a.GetByRole(AriaRole.Button, new() { Name = "追加する" }).ClickAsync();
        await a.WaitForURLAsync($"**/{c.City}/admin/setup/districts/*");
        foreach (var (year, population, older) in new[] { ("2024", "5200", "1900"), ("2025", "5100", "1950") })
        {
            await a.GetByLabel("年（西暦）").FillAsync(year);
            await a.GetByLabel("人口", new() { Exact = true }).FillAsync(population);
            await a.GetByLabel("65歳以上人口").FillAsync(older);
            await a.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
            await a.GetByText($"{year}年の数字を保存しました。", new() { Exact = true }).WaitForAsync();
        }
        await a.AssertAccessibleAsync($"pc-{c.City}-00-district");
        if (c.City == "nagato") await ShootAsync(a, "setup-district");
        await a.GotoAsync($"/{c.City}/admin/setup/districts");
        (await a.Locator("main table").TextContentAsync() ?? "").ShouldContain("38.2%");
        if (c.City == "nagato") await ShootAsync(a, "setup-districts");
        await a.Context.CloseAsync();
    }

    /// <summary>The plan's id and its computed indicator: the one the plan binds, or one bound to it now (as the plan admin would).</summary>
    private Task<(int PlanId, Indicator Indicator)> BindComputedIndicatorAsync(City city, CityYear c) => TestData.WithDbAsync(app.Factory, async db =>
    {
        var plan = await db.Set<Plan>().IgnoreQueryFilters().SingleAsync(p => p.CityId == city.Id && p.Key == c.Plan);
        var indicator = await db.Set<Indicator>().IgnoreQueryFilters().FirstOrDefaultAsync(i => i.PlanId == plan.Id && i.Source == c.Source && i.RetiredAt == null);
        if (indicator is null)
        {
            indicator = new Indicator
            {
                CityId = city.Id,
                PlanId = plan.Id,
                SortOrder = 100,
                Name = "登録団体数（つなぐの記録から）",
                Unit = "団体",
                Kind = IndicatorKind.Count,
                Direction = IndicatorDirection.Higher,
                BaselineYear = plan.StartYear,
                BaselineValue = 0,
                TargetYear = plan.EndYear,
                TargetValue = 10,
                Source = c.Source,
            };
            db.Add(indicator);
            await db.SaveChangesAsync();
        }
        return (plan.Id, indicator);
    });

    /// <summary>A record of the year that the indicator counts: a successful introduction of two groups, or a group registered.</summary>
    private async Task RecordAsync(CityYear c)
    {
        var during = new DateTime(c.Year, 10, 1, 3, 0, 0, DateTimeKind.Utc);
        if (c.Source == "group-matchings")
        {
            var need = await TestData.CreateGroupAsync(app.Factory, c.City);
            var offer = await TestData.CreateGroupAsync(app.Factory, c.City);
            var now = DateTime.UtcNow;
            await TestData.WithDbAsync(app.Factory, db =>
            {
                db.Add(new ExchangeIntroduction { CityId = need.CityId, NeedGroupId = need.Id, OfferGroupId = offer.Id, IntroducedAt = now, Outcome = IntroductionOutcome.Succeeded, OutcomeAt = now });
                return db.SaveChangesAsync();
            });
        }
        else
        {
            await TestData.CreateGroupAsync(app.Factory, c.City, g => g.Registered(during));
        }
    }

    private async Task<decimal?> ActualAsync(City city, Indicator indicator, int year)
    {
        using var scope = app.Factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(city);
        return await scope.ServiceProvider.GetRequiredService<IndicatorSources>().ActualAsync(indicator, year);
    }

    private static IQueryable<PlanNode> Leaves(TsunaguDb db, int planId) => db.Set<PlanNode>().IgnoreQueryFilters()
        .Where(n => n.PlanId == planId && !db.Set<PlanNode>().IgnoreQueryFilters().Any(x => x.ParentId == n.Id));

    private Task<int> AcceptAllExceptAsync(int roundId, int nodeId) => TestData.WithDbAsync(app.Factory, async db =>
    {
        var round = await db.Set<ReportingRound>().IgnoreQueryFilters().SingleAsync(r => r.Id == roundId);
        foreach (var id in await Leaves(db, round.PlanId).Where(n => n.Id != nodeId).Select(n => n.Id).ToListAsync())
            db.Add(new ProgressReport { CityId = round.CityId, RoundId = roundId, NodeId = id, Status = ReportStatus.Accepted, Done = "計画どおり実施した。", Grade = "A", UpdatedAt = DateTime.UtcNow, AcceptedAt = DateTime.UtcNow });
        return await db.SaveChangesAsync();
    });

    /// <summary>The page as a phone and a desktop show it, for people to look at (/tmp/shots).</summary>
    private static async Task ShootAsync(IPage page, string name)
    {
        Directory.CreateDirectory("/tmp/shots");
        foreach (var width in new[] { 375, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/shots/{name}-{width}.png", FullPage = true });
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(email);
        return page;
    }
}

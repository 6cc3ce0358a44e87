using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Plans;

/// <summary>The source plans, transcribed from ../shared/seeds, checked against the documents: counts and a sample of fields.</summary>
public class DemoPlansTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task SeedAsync()
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
    }

    private Task<List<PlanNode>> NodesAsync(string city, string key) => TestData.WithDbAsync(factory, db =>
        db.Set<PlanNode>().IgnoreQueryFilters().Include(n => n.Years).Include(n => n.Departments)
            .Where(n => db.Set<Plan>().IgnoreQueryFilters().Any(p => p.Id == n.PlanId && p.Key == key && db.Cities.Any(c => c.Id == p.CityId && c.Slug == city)))
            .ToListAsync());

    private Task<Dictionary<int, string>> DepartmentsAsync() =>
        TestData.WithDbAsync(factory, db => db.Departments.IgnoreQueryFilters().ToDictionaryAsync(d => d.Id, d => d.Name));

    [Fact]
    public async Task Yamaguchi_HasEveryCardOfItsYearlyActionPlan()
    {
        await SeedAsync();
        var nodes = await NodesAsync("yamaguchi", "kyodo-jikko-h25");
        nodes.Count(n => n.Depth == 0).ShouldBe(4);
        nodes.Count(n => n.Depth == 1).ShouldBe(16);
        nodes.Count(n => n.Depth == 2).ShouldBe(44);
        var departments = await DepartmentsAsync();

        var school = nodes.Single(n => n.Ref == "Ⅰ-(2)-⑪");
        school.Title.ShouldBe("地域とともにある学校づくりの支援");
        school.Kind.ShouldBe("新規");
        school.Actors.ShouldBe(TargetActors.Community | TargetActors.Education);
        school.Departments.Select(d => departments[d.DepartmentId]).ShouldBe(["学校教育課", "協働推進課", "地域交流センター"], ignoreOrder: true);
        school.Years.OrderBy(y => y.FiscalYear).Select(y => y.Word).ShouldBe(["実施", "→", "→", "→", "→"]);

        var survey = nodes.Single(n => n.Ref == "Ⅱ-(4)-②");
        survey.Title.ShouldBe("市民活動団体の実態調査の実施");
        survey.Completion.ShouldBeNull();
        survey.Years.OrderBy(y => y.FiscalYear).Select(y => y.Word).ShouldBe(["検討", "実施", "－", "検討", "実施"]);
        nodes.Single(n => n.Ref == "Ⅰ-(5)-②").Actors.ShouldBe((TargetActors)63);

        // 【再掲】: お気軽講座の充実 is listed again under Ⅳ-(2), not copied.
        var repeats = await TestData.WithDbAsync(factory, db => db.Set<PlanNodeRepeat>().IgnoreQueryFilters().Include(r => r.Node).Where(r => nodes.Select(n => n.Id).Contains(r.NodeId)).ToListAsync());
        repeats.Count.ShouldBe(2);
        repeats.Select(r => r.Node!.Ref).ShouldBe(["Ⅱ-(3)-③", "Ⅳ-(1)-②"], ignoreOrder: true);
    }

    [Fact]
    public async Task Shimonoseki5_HasItsFourPoliciesAndSevenIndicators()
    {
        await SeedAsync();
        var nodes = await NodesAsync("shimonoseki", "shiminkatsudo-5");
        nodes.Count(n => n.Depth == 0).ShouldBe(4);
        nodes.Count(n => n.Depth == 1).ShouldBe(10);
        nodes.Count(n => n.Depth == 2).ShouldBe(27);
        nodes.Single(n => n.Ref == "2-(2)-4").Title.ShouldBe("市民活動保険の実施");
        var indicators = await TestData.WithDbAsync(factory, db => db.Set<Indicator>().IgnoreQueryFilters()
            .Where(i => db.Set<Plan>().IgnoreQueryFilters().Any(p => p.Id == i.PlanId && p.Key == "shiminkatsudo-5")).OrderBy(i => i.SortOrder).ToListAsync());
        indicators.Count.ShouldBe(7);
        indicators[0].Name.ShouldBe("市民活動の経験");
        (indicators[0].BaselineValue, indicators[0].TargetValue).ShouldBe((39.5m, 45.0m));
        (indicators[0].BaselineYear, indicators[0].TargetYear).ShouldBe((2025, 2030));
        var guild = indicators.Single(i => i.Name.Contains("ボランティアギルド"));
        (guild.BaselineValue, guild.TargetValue).ShouldBe((15m, 30m));
        indicators.Single(i => i.Name == "各団体同士のマッチング件数").TargetValue.ShouldBe(5m);
    }

    [Fact]
    public async Task Nagato_HasItsPoliciesMeasuresAimsAndActions()
    {
        await SeedAsync();
        var nodes = await NodesAsync("nagato", "kyodo-action-2");
        nodes.Count(n => n.Depth == 0).ShouldBe(4);
        nodes.Count(n => n.Depth == 1).ShouldBe(9);
        nodes.Where(n => n.Depth == 1).ShouldAllBe(n => n.Aim != null);
        nodes.Count(n => n.Depth == 2).ShouldBe(20);
        nodes.Count(n => n.Depth == 3).ShouldBe(57);
        nodes.Single(n => n.Ref == "Ⅰ-2").Aim!.ShouldStartWith("弱体化しつつある集落機能を再生し");
        nodes.Single(n => n.Ref == "Ⅲ-8-(1)").Pillars.ShouldBe("集落機能再生、市民活動団体活性化");
    }

    private Task<List<Indicator>> IndicatorsAsync(string key) => TestData.WithDbAsync(factory, db => db.Set<Indicator>().IgnoreQueryFilters().Include(i => i.Actuals)
        .Where(i => db.Set<Plan>().IgnoreQueryFilters().Any(p => p.Id == i.PlanId && p.Key == key)).OrderBy(i => i.SortOrder).ToListAsync());

    [Fact]
    public async Task Nagato_CarriesTheTwoTargetsItsPlanCites()
    {
        await SeedAsync();
        var indicators = await IndicatorsAsync("kyodo-action-2");
        indicators.Count.ShouldBe(2);
        var area = indicators.Single(i => i.Name == "地域協働体設置面積の全市に占める割合");
        (area.Unit, area.BaselineYear, area.BaselineValue, area.TargetYear, area.TargetValue).ShouldBe(("%", 2015, 50m, 2021, 85m));
        area.Actuals.Single().ShouldSatisfyAllConditions(a => a.FiscalYear.ShouldBe(2016), a => a.Value.ShouldBe(65m));
        var npo = indicators.Single(i => i.Name == "NPO法人認証数");
        (npo.Unit, npo.BaselineYear, npo.BaselineValue, npo.TargetYear, npo.TargetValue).ShouldBe(("団体", 2006, 10m, 2021, 25m));
        npo.Actuals.Single().ShouldSatisfyAllConditions(a => a.FiscalYear.ShouldBe(2016), a => a.Value.ShouldBe(22m));
    }

    [Fact]
    public async Task Shimonoseki4_CentreVisitors_AreComputedFromTheCentre()
    {
        await SeedAsync();
        var indicators = await IndicatorsAsync("shiminkatsudo-4");
        indicators.Single(i => i.Name == "しものせき市民活動センター利用数").Source.ShouldBe("centre-visitors");
    }

    [Fact]
    public async Task Muroran_And_Shimonoseki4_AreLoaded()
    {
        await SeedAsync();
        var muroran = await NodesAsync("muroran", "kyodo-shishin");
        muroran.Count(n => n.Depth == 0).ShouldBe(5);
        muroran.Count(n => n.Depth == 1).ShouldBe(14);
        var fourth = await NodesAsync("shimonoseki", "shiminkatsudo-4");
        fourth.Count(n => n.Depth == 1).ShouldBe(24);
        fourth.Single(n => n.Ref == "1-1").Title.ShouldBe("情報の提供と共有");
    }
}

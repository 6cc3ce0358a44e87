using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Lectures;
using Tsunagu.Web.Features.News;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Plans;

/// <summary>
/// The demo texts read right against the seeds they come from (../shared/seeds): departments the city has, each city's
/// own programmes and grants, Muroran's partner schemes as its guideline describes them, no PDF placeholders.
/// </summary>
public partial class DemoTextsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private static readonly string[] Cities = ["shimonoseki", "yamaguchi", "nagato", "muroran"];

    /// <summary>What each city's seed names as its own programmes, grants and centre: no other city's demo text may name them.</summary>
    private static readonly Dictionary<string, string[]> OwnNames = new()
    {
        ["shimonoseki"] = ["ボランティアギルド", "しものせき市民活動センター", "下関市"],
        ["yamaguchi"] = ["市民活動促進事業交付金", "地域づくり交付金", "さぽらんて", "お気軽講座", "山口市"],
        ["nagato"] = ["市民のちから応援補助金", "総合サポート制度", "長門市"],
        ["muroran"] = ["まちづくり活動支援補助金", "まかせてパートナー", "まごころパートナー", "まち「ピカ」", "行政パートナー制度", "室蘭市"],
    };

    private async Task SeedAsync()
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<DemoGroups>().SeedAsync();
        await services.GetRequiredService<DemoNews>().SeedAsync();
        await services.GetRequiredService<DemoOpportunities>().SeedAsync();
        await services.GetRequiredService<DemoLectures>().SeedAsync();
        await services.GetRequiredService<DemoPlans>().SeedAsync();
    }

    private sealed record CityTexts(
        string Slug, string Name, List<string> Departments, List<GrantNotice> Grants, List<CaseStudy> Cases, List<LectureTopic> Lectures,
        List<Opportunity> Opportunities, List<Programme> Programmes);

    private Task<List<CityTexts>> TextsAsync() => TestData.WithDbAsync(factory, async db =>
    {
        var result = new List<CityTexts>();
        foreach (var city in await db.Cities.AsNoTracking().Where(c => Cities.Contains(c.Slug)).ToListAsync())
        {
            result.Add(new CityTexts(city.Slug, city.Name,
                await db.Departments.IgnoreQueryFilters().Where(d => d.CityId == city.Id).Select(d => d.Name).ToListAsync(),
                await db.GrantNotices.IgnoreQueryFilters().Where(g => g.CityId == city.Id && g.IsDemo).ToListAsync(),
                await db.CaseStudies.IgnoreQueryFilters().Where(c => c.CityId == city.Id && c.IsDemo).ToListAsync(),
                await db.Set<LectureTopic>().IgnoreQueryFilters().Where(t => t.CityId == city.Id && t.IsDemo).ToListAsync(),
                await db.Set<Opportunity>().IgnoreQueryFilters().Where(o => o.CityId == city.Id && o.IsDemo).ToListAsync(),
                await db.Set<Programme>().IgnoreQueryFilters().Where(p => p.CityId == city.Id).ToListAsync()));
        }
        result.Count.ShouldBe(4);
        return result;
    });

    /// <summary>A department's name in a text: kanji ending in 課 (not 課題), e.g. 協働推進課.</summary>
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}{2,}課(?!題)")]
    private static partial Regex DivisionName();

    /// <summary>Every part of a funder's name that is a division (課) or office (室), e.g. 企画政策課, 市民協働推進室.</summary>
    [GeneratedRegex(@"\S+?[課室](?=\s|（|$)")]
    private static partial Regex FunderUnit();

    [Fact]
    public async Task DemoPlanTitles_ShowNoPlaceholder_AndShimonoseki4ReadsWhatIsPlain()
    {
        await SeedAsync();
        var nodes = await TestData.WithDbAsync(factory, db => db.Set<PlanNode>().IgnoreQueryFilters()
            .Join(db.Set<Plan>().IgnoreQueryFilters().Where(p => p.IsDemo), n => n.PlanId, p => p.Id, (n, p) => new { p.Key, n.Ref, n.Title }).ToListAsync());
        nodes.Count.ShouldBeGreaterThan(100);
        nodes.ShouldAllBe(n => !n.Title.Contains('〓'));
        nodes.Single(n => n.Key == "shiminkatsudo-4" && n.Ref == "1-9").Title.ShouldBe("市民の市民活動に対する共感の醸成");

        // Where the words cannot be read, the plan's source note says which items they are.
        var source = await TestData.WithDbAsync(factory, db => db.Set<Plan>().IgnoreQueryFilters().Where(p => p.Key == "shiminkatsudo-4").Select(p => p.Source).SingleAsync());
        source.ShouldNotBeNull();
        source.ShouldNotContain("〓");
        source.ShouldContain("1-6");
        source.ShouldContain("2-8");
    }

    [Fact]
    public async Task DemoTexts_NameOnlyDepartmentsTheirCityHas()
    {
        await SeedAsync();
        foreach (var city in await TextsAsync())
        {
            bool Has(string division) => city.Departments.Any(d => d.Contains(division, StringComparison.Ordinal));

            // The city's own grant names the department that runs it, and only one the city has.
            var own = city.Grants.Where(g => g.Funder.StartsWith(city.Name, StringComparison.Ordinal)).ToList();
            own.ShouldNotBeEmpty(city.Slug);
            foreach (var grant in own)
            {
                var units = FunderUnit().Matches(grant.Funder[city.Name.Length..]).Select(m => m.Value).ToList();
                units.ShouldNotBeEmpty($"{city.Slug}: {grant.Funder}");
                foreach (var unit in units) Has(unit).ShouldBeTrue($"{city.Slug} has no {unit}: {grant.Funder}");
            }

            var texts = city.Grants.SelectMany(g => new[] { g.Funder, g.Description })
                .Concat(city.Cases.SelectMany(c => new[] { c.Summary, c.Body }))
                .Concat(city.Lectures.SelectMany(t => new[] { t.Speaker, t.Description }))
                .Concat(city.Opportunities.Select(o => o.Description));
            foreach (var text in texts)
                foreach (var division in DivisionName().Matches(text).Select(m => m.Value.Replace(city.Name, "", StringComparison.Ordinal)))
                    Has(division).ShouldBeTrue($"{city.Slug} has no {division}: {text}");

            city.Opportunities.Where(o => o.OrganiserKind == OrganiserKind.Department)
                .ShouldAllBe(o => city.Departments.Contains(o.DepartmentName!), city.Slug);
        }
    }

    [Fact]
    public async Task DemoCasesAndLectures_AreEachCitysOwn_AndNameNoOtherCitysProgrammes()
    {
        await SeedAsync();
        var cities = await TextsAsync();
        foreach (var city in cities)
        {
            city.Cases.Count.ShouldBeGreaterThanOrEqualTo(3, city.Slug);
            city.Lectures.Count.ShouldBeGreaterThanOrEqualTo(3, city.Slug);
            foreach (var other in cities.Where(c => c.Slug != city.Slug))
            {
                city.Cases.Select(c => c.Title).Intersect(other.Cases.Select(c => c.Title)).ShouldBeEmpty($"{city.Slug} and {other.Slug} share cases");
                city.Cases.Select(c => c.Body).Intersect(other.Cases.Select(c => c.Body)).ShouldBeEmpty($"{city.Slug} and {other.Slug} share cases");
                city.Lectures.Select(t => t.Description).Intersect(other.Lectures.Select(t => t.Description)).ShouldBeEmpty($"{city.Slug} and {other.Slug} share lectures");

                var texts = city.Cases.SelectMany(c => new[] { c.Title, c.Summary, c.Body })
                    .Concat(city.Lectures.SelectMany(t => new[] { t.Title, t.Description, t.Speaker, t.Audience ?? "" }));
                foreach (var name in OwnNames[other.Slug])
                    texts.ShouldAllBe(t => !t.Contains(name), $"{city.Slug}'s demo text names {other.Slug}'s {name}");
            }
        }

        // The cities whose seeds name a grant of their own tell a case of it.
        string AllCases(string slug) => string.Concat(cities.Single(c => c.Slug == slug).Cases.Select(c => c.Body + c.Summary));
        AllCases("nagato").ShouldContain("市民のちから応援補助金");
        AllCases("muroran").ShouldContain("まちづくり活動支援補助金");
        AllCases("yamaguchi").ShouldContain("市民活動促進事業交付金");
    }

    [Fact]
    public async Task Muroran_PartnerSchemes_AreAsTheGuidelineDescribesThem()
    {
        await SeedAsync();
        var muroran = (await TextsAsync()).Single(c => c.Slug == "muroran");
        var makasete = muroran.Programmes.Single(p => p.Name == "まかせてパートナー");
        var magokoro = muroran.Programmes.Single(p => p.Name == "まごころパートナー");
        var pika = muroran.Programmes.Single(p => p.Name == "まち「ピカ」パートナー");
        makasete.Description.ShouldNotBeNull().ShouldContain("有償");
        magokoro.Description.ShouldNotBeNull().ShouldContain("無償");
        pika.Description.ShouldNotBeNull().ShouldContain("清掃");

        // まかせて are paid volunteers taking on part of the city's own work: the city runs them, no group does.
        var paid = muroran.Opportunities.Where(o => o.ProgrammeId == makasete.Id).ToList();
        paid.ShouldNotBeEmpty();
        paid.ShouldAllBe(o => o.OrganiserKind == OrganiserKind.Department && o.GroupId == null && muroran.Departments.Contains(o.DepartmentName!));
        paid.ShouldAllBe(o => o.Title.Contains("有償") && o.Description.Contains("有償"));
        muroran.Opportunities.Where(o => o.ProgrammeId == magokoro.Id).ShouldAllBe(o => o.OrganiserKind == OrganiserKind.Department && o.Description.Contains("無償"));
        muroran.Opportunities.Where(o => o.GroupId != null).ShouldAllBe(o => o.ProgrammeId == null);
    }

    [Fact]
    public async Task Nagato_SupportSystem_IsPreRegistrationOfVolunteers_AsItsPlanNotes()
    {
        await SeedAsync();
        var nagato = (await TextsAsync()).Single(c => c.Slug == "nagato");
        var support = nagato.Programmes.Single(p => p.Name == "総合サポート制度").Description.ShouldNotBeNull();
        support.ShouldContain("ボランティア");
        support.ShouldContain("事前に登録");
        support.ShouldContain("情報を届ける");
        support.ShouldNotContain("センター");
    }
}

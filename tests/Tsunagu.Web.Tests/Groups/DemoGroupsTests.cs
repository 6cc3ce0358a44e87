using System.ComponentModel.DataAnnotations;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Groups.Register;
using Tsunagu.Web.Shared.Spreadsheets;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Groups;

public class DemoGroupsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task SeedAsync()
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DemoGroups>().SeedAsync();
    }

    [Fact]
    public async Task EveryCity_HasABelievableDirectory_MarkedAsDemo()
    {
        await SeedAsync();
        foreach (var city in new[] { "shimonoseki", "yamaguchi", "nagato", "muroran" })
        {
            var result = await factory.CreateClient().GetFromJsonAsync<GroupDirectory.Result>($"/api/v1/{city}/groups");
            result!.Total.ShouldBeGreaterThanOrEqualTo(40, city);
            result.Groups.ShouldAllBe(g => g.IsDemo);
        }
        var fields = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().SelectMany(g => g.Fields).Select(f => f.Field).Distinct().CountAsync());
        fields.ShouldBeGreaterThanOrEqualTo(15);
    }

    [Fact]
    public async Task Nagato_HasItsTenDistrictCouncils_WithTheirDistrictFigures()
    {
        await SeedAsync();
        var councils = await factory.CreateClient().GetFromJsonAsync<GroupDirectory.Result>("/api/v1/nagato/groups?type=DistrictCouncil");
        councils!.Total.ShouldBe(10);
        councils.Groups.Select(g => g.Name).ShouldContain("俵山景観づくり委員会");
        var tawarayama = councils.Groups.Single(g => g.Name == "俵山景観づくり委員会");
        var (_, page) = await Browser.For(factory).GetPageAsync($"/nagato/groups/{tawarayama.Id}");
        page.QuerySelector("main")!.TextContent.ShouldContain("1,064");
        page.QuerySelector("main")!.TextContent.ShouldContain("50.00%");
    }

    [Fact]
    public async Task Seeding_Twice_AddsNothing()
    {
        await SeedAsync();
        using var scope = factory.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<DemoGroups>().SeedAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Statistics_CountGroupsByFieldDistrictAndType_WithATableBesideEachChart()
    {
        await SeedAsync();
        var expected = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters()
            .CountAsync(g => g.Status == GroupStatus.Approved && db.Cities.Any(c => c.Id == g.CityId && c.Slug == "nagato") && g.Fields.Any(f => f.Field == 7)));
        var (_, page) = await Browser.For(factory).GetPageAsync("/nagato/groups/statistics");
        var charts = page.QuerySelectorAll("figure.chart");
        charts.Length.ShouldBe(4);
        charts.ShouldAllBe(c => c.QuerySelector(".bar-chart[role=img]") != null && c.QuerySelector(".table-wrap[role=region] table") != null);
        var environment = page.QuerySelectorAll("#by-field-title ~ * table tr, figure.chart table tr")
            .First(r => r.QuerySelector("th")?.TextContent == "環境保全");
        environment.QuerySelector("td")!.TextContent.ShouldBe(expected.ToString("N0", CultureInfo.InvariantCulture));
        var councils = page.QuerySelectorAll("figure.chart table tr").First(r => r.QuerySelector("th")?.TextContent == "まちづくり協議会・地域づくり協議会");
        councils.QuerySelector("td")!.TextContent.ShouldBe("10");
    }

    [Fact]
    public async Task Export_AsCsvAndExcel_HasEveryGroupOfTheCityOnly()
    {
        await SeedAsync();
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity("muroran", Tsunagu.Web.Identity.CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        var expected = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().CountAsync(g => db.Cities.Any(c => c.Id == g.CityId && c.Slug == "muroran")));

        var csv = await (await browser.GetAsync("/muroran/admin/groups/export?format=csv")).Content.ReadAsByteArrayAsync();
        csv.Take(3).ShouldBe(System.Text.Encoding.UTF8.GetPreamble());
        var lines = System.Text.Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("団体名,ふりがな,種類,協議会の地区,活動分野");
        lines.Length.ShouldBe(expected + 1);
        lines.Skip(1).ShouldAllBe(l => l.Contains("representative-muroran-") || l.Contains("council-muroran"));

        var xlsx = await (await browser.GetAsync("/muroran/admin/groups/export?format=xlsx")).Content.ReadAsByteArrayAsync();
        var sheet = SpreadsheetReader.ReadAll(xlsx).Single();
        sheet.Name.ShouldBe("団体");
        sheet.Rows.Count.ShouldBe(expected + 1);
        sheet.Rows[0].Cells.Take(3).ShouldBe(["団体名", "ふりがな", "種類"]);
    }

    [Fact]
    public async Task EveryDemoGroup_HasHiraganaFuriganaReadingItsName_AsRegistrationAsks()
    {
        await SeedAsync();
        var pattern = typeof(AboutModel.InputModel).GetProperty(nameof(AboutModel.InputModel.NameKana))!.GetCustomAttribute<RegularExpressionAttribute>()!.Pattern;
        var groups = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Select(g => new { g.Name, g.NameKana }).ToListAsync());
        groups.Count.ShouldBeGreaterThan(150);
        groups.Where(g => !Regex.IsMatch(g.NameKana, pattern)).ShouldBeEmpty();
        groups.Single(g => g.Name == "俵山景観づくり委員会").NameKana.ShouldBe("たわらやまけいかんづくりいいんかい");
        groups.ShouldContain(g => g.Name.StartsWith("NPO法人") && g.NameKana.StartsWith("えぬぴーおーほうじん"));
        groups.ShouldContain(g => g.Name.StartsWith("室蘭") && g.NameKana.StartsWith("むろらん"));
    }
}

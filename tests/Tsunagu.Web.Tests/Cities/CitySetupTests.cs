using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Spreadsheets;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Cities;

/// <summary>
/// A city sets itself up: its terms, its departments as city hall reorganises them, its districts with their figures by
/// year, in the browser, from a spreadsheet (all or nothing), and on the command line.
/// </summary>
public class CitySetupTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task<Browser> AdminAsync(string city)
    {
        await factory.EnsurePreparedAsync();
        var (browser, _) = await TestData.SignedInAsync(factory, u => u.InCity(city, CityRole.CityAdmin).ExemptFromTwoFactor());
        return browser;
    }

    private Task<City> CityAsync(string slug) => TestData.WithDbAsync(factory, db => db.Cities.AsNoTracking().SingleAsync(c => c.Slug == slug));

    private Task<Department?> DepartmentAsync(string city, string name) => TestData.WithDbAsync(factory, db =>
        db.Departments.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(d => d.Name == name && db.Cities.Any(c => c.Id == d.CityId && c.Slug == city)));

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Terms_ACityWithoutACentreNeedsItsDesk_AndTheNamesShowFromTheNextRequest()
    {
        var admin = await AdminAsync("nagato");
        const string page = "/nagato/admin/setup";
        var fields = new Dictionary<string, string>
        {
            ["Input.CentreName"] = "長門市市民活動センター（仮称）",
            ["Input.HasCentre"] = "false",
            ["Input.DeskName"] = "",
            ["Input.EvaluatingBodyName"] = "長門市協働のまちづくり会議",
            ["Input.EvaluationTerm"] = "評価",
            ["Input.DistrictTerm"] = "地域",
        };
        var refused = await Browser.ParseAsync(await admin.SubmitAsync(page, fields));
        refused.QuerySelector("#Input_DeskName-error")!.TextContent.ShouldContain("センターがない間の窓口");
        (await CityAsync("nagato")).EvaluatingBodyName.ShouldNotBe("長門市協働のまちづくり会議");

        fields["Input.DeskName"] = "企画政策課 市民協働推進室";
        (await admin.SubmitAsync(page, fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var city = await CityAsync("nagato");
        city.HasCentre.ShouldBeFalse();
        city.EvaluatingBodyDisplayName(false).ShouldBe("長門市協働のまちづくり会議");
        city.DistrictTermDisplay(false).ShouldBe("地域");
        // The directory's copy was renewed: the districts page already says 地域.
        (await admin.GetPageAsync("/nagato/admin/setup/districts")).Page.QuerySelector("main h1")!.TextContent.ShouldBe("地域");

        // A word the city cannot call its districts by is refused beside the field.
        fields["Input.DistrictTerm"] = "<b>区</b>";
        (await Browser.ParseAsync(await admin.SubmitAsync(page, fields))).QuerySelector("#Input_DistrictTerm-error").ShouldNotBeNull();
    }

    [Fact]
    public async Task Departments_AreAddedOnce_AndAHandOverMovesTheItemsAndStaff_WhilePublishedNamesStay()
    {
        var admin = await AdminAsync("muroran");
        const string list = "/muroran/admin/setup/departments";
        (await admin.SubmitAsync(list, new Dictionary<string, string> { ["Input.Name"] = "市民協働課", ["Input.Bureau"] = "生活環境部", ["Input.SortOrder"] = "50" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await Browser.ParseAsync(await admin.SubmitAsync(list, new Dictionary<string, string> { ["Input.Name"] = "市民協働課", ["Input.SortOrder"] = "60" }));
        again.QuerySelector("#Input_Name-error")!.TextContent.ShouldContain("すでにあります");
        var added = (await DepartmentAsync("muroran", "市民協働課"))!;
        added.Bureau.ShouldBe("生活環境部");

        // Two plan items and one member of staff answer to it.
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var items = await TestData.WithDbAsync(factory, db => db.Set<PlanNode>().IgnoreQueryFilters()
            .Where(n => n.CityId == added.CityId && !db.Set<PlanNode>().IgnoreQueryFilters().Any(c => c.ParentId == n.Id))
            .OrderBy(n => n.Id).Select(n => n.Id).Take(2).ToListAsync());
        await TestData.WithDbAsync(factory, async db =>
        {
            db.AddRange(items.Select(id => new PlanNodeDepartment { NodeId = id, DepartmentId = added.Id }));
            await db.SaveChangesAsync();
            return 0;
        });
        var (_, staff) = await TestData.SignedInAsync(factory, u => u.InCity("muroran", CityRole.DepartmentStaff, "市民協働課").ExemptFromTwoFactor());

        // Renamed from 2027-04-01: a new department begins, the old one ends, and the work moves.
        var page = $"{list}/{added.Id}";
        var noDay = await Browser.ParseAsync(await admin.SubmitAsync(page, new Dictionary<string, string> { ["HandOver.NewName"] = "協働推進課" }, "main form[action*=HandOver]"));
        noDay.QuerySelector("#HandOver_LastDay-error")!.TextContent.ShouldContain("最後の日");
        var both = await Browser.ParseAsync(await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["HandOver.LastDay"] = "2027-03-31",
            ["HandOver.NewName"] = "協働推進課",
            ["HandOver.SuccessorId"] = (await DepartmentAsync("muroran", "企画課"))!.Id.ToString(CultureInfo.InvariantCulture),
        }, "main form[action*=HandOver]"));
        both.QuerySelector("#HandOver_SuccessorId-error")!.TextContent.ShouldContain("どちらか一方");
        (await admin.SubmitAsync(page, new Dictionary<string, string> { ["HandOver.LastDay"] = "2027-03-31", ["HandOver.NewName"] = "協働推進課" }, "main form[action*=HandOver]"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var old = (await DepartmentAsync("muroran", "市民協働課"))!;
        var successor = (await DepartmentAsync("muroran", "協働推進課"))!;
        old.ActiveTo.ShouldBe(new DateOnly(2027, 3, 31));
        old.SuccessorId.ShouldBe(successor.Id);
        successor.ActiveFrom.ShouldBe(new DateOnly(2027, 4, 1));
        successor.Bureau.ShouldBe("生活環境部");
        (await TestData.WithDbAsync(factory, db => db.Set<PlanNodeDepartment>().Where(d => items.Contains(d.NodeId)).Select(d => d.DepartmentId).ToListAsync()))
            .ShouldAllBe(id => id == successor.Id);
        (await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().SingleAsync(m => m.UserId == staff.Id))).DepartmentId.ShouldBe(successor.Id);
        // An ended department cannot be handed over twice.
        (await admin.GetPageAsync(page)).Page.QuerySelector("main form[action*=HandOver]").ShouldBeNull();

        // The API gives the periods and the successor.
        using var json = JsonDocument.Parse(await (await factory.CreateClient().GetAsync("/api/v1/muroran/departments")).Content.ReadAsStringAsync());
        var renamed = json.RootElement.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "市民協働課");
        renamed.GetProperty("activeTo").GetString().ShouldBe("2027-03-31");
        renamed.GetProperty("successorId").GetInt32().ShouldBe(successor.Id);
        json.RootElement.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "市民活動推進課").GetProperty("activeTo").GetString().ShouldBe("2012-03-31");

        (await TestData.WithDbAsync(factory, db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Department)))).ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Districts_KeepTheirFiguresByYear_AndShowTheLatest()
    {
        var admin = await AdminAsync("shimonoseki");
        (await admin.SubmitAsync("/shimonoseki/admin/setup/districts", new Dictionary<string, string> { ["Input.Name"] = "テスト地区", ["Input.CouncilName"] = "テスト地区まちづくり協議会", ["Input.SortOrder"] = "5" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().Where(d => d.Name == "テスト地区").Select(d => d.Id).SingleAsync());
        var page = $"/shimonoseki/admin/setup/districts/{id}";
        Dictionary<string, string> Figures(string year, string population, string older, string households) => new()
        {
            ["Figures.Year"] = year,
            ["Figures.Population"] = population,
            ["Figures.Population65Plus"] = older,
            ["Figures.Households"] = households,
        };
        const string RecordForm = "main form[action$='handler=Figures']";
        var firstYear = await admin.SubmitAsync(page, Figures("2023", "10000", "3500", "4800"), RecordForm);
        firstYear.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await Browser.ParseAsync(firstYear)).QuerySelector("main")?.TextContent);
        (await admin.SubmitAsync(page, Figures("2024", "9800", "3600", "4750"), RecordForm)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var wrong = await Browser.ParseAsync(await admin.SubmitAsync(page, Figures("2025", "100", "200", ""), RecordForm));
        wrong.QuerySelector("#Figures_Population65Plus-error")!.TextContent.ShouldContain("人口より多く");
        var early = await Browser.ParseAsync(await admin.SubmitAsync(page, Figures("1900", "100", "", ""), RecordForm));
        early.QuerySelector("#Figures_Year-error").ShouldNotBeNull();

        var district = await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().Include(d => d.Populations).SingleAsync(d => d.Id == id));
        district.Populations.Select(p => p.Year).Order().ShouldBe([2023, 2024]);
        district.Population.ShouldBe(9800);
        district.AgingRatePercent.ShouldBe(36.7m);

        // A year recorded by mistake is deleted; the district then shows the year before.
        (await admin.PostWithTokenAsync(page, page + "?handler=RemoveFigures", new Dictionary<string, string> { ["year"] = "2024" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().SingleAsync(d => d.Id == id))).Population.ShouldBe(10000);
        (await admin.PostWithTokenAsync(page, page + "?handler=Figures", Figures("2024", "9800", "3600", "4750"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var json = JsonDocument.Parse(await (await factory.CreateClient().GetAsync("/api/v1/shimonoseki/districts")).Content.ReadAsStringAsync());
        var row = json.RootElement.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "テスト地区");
        row.GetProperty("years").GetArrayLength().ShouldBe(2);
        row.GetProperty("years")[0].GetProperty("population").GetInt32().ShouldBe(10000);
    }

    [Fact]
    public async Task DepartmentImport_ReportsEveryProblemByRowAndWritesNothing_ThenAllAtOnce()
    {
        var admin = await AdminAsync("yamaguchi");
        const string import = "/yamaguchi/admin/setup/departments/import";
        var before = await TestData.WithDbAsync(factory, db => db.Departments.IgnoreQueryFilters().CountAsync());
        var bad = Csv("名称,部,表示順,設置日,廃止日,引継先\n" +
            "地域振興課,地域振興部,10,2020-04-01,,\n" +
            ",総務部,20,,,\n" +
            "地域振興課,,30,,,\n" +
            "旧市民課,市民部,四十,2010-04-01,2009-03-31,どこにもない課\n");
        var preview = await GroupImportPage.UploadToAsync(admin, import, bad, "departments.csv");
        var problems = GroupImportPage.Problems(preview);
        problems.ShouldContain(p => p.Row == "3" && p.Column == "名称");
        problems.ShouldContain(p => p.Row == "4" && p.Message.Contains("2行目と同じ名称"));
        problems.ShouldContain(p => p.Row == "5" && p.Column == "表示順");
        problems.ShouldContain(p => p.Row == "5" && p.Column == "廃止日");
        problems.ShouldContain(p => p.Row == "5" && p.Column == "引継先");
        preview.QuerySelector("input[name=uploadId]").ShouldBeNull();
        (await TestData.WithDbAsync(factory, db => db.Departments.IgnoreQueryFilters().CountAsync())).ShouldBe(before);

        // Fixed: a new department, a changed one (found by its name), and one merged away into the new one.
        var good = Csv("名称,部,課・室,表示順,設置日,廃止日,引継先\n" +
            "地域振興課,地域振興部,,10,2020-04-01,,\n" +
            "協働推進課,市民生活部,協働推進担当,1,,,\n" +
            "旧市民課,市民部,,90,2010-04-01,2020-03-31,地域振興課\n");
        preview = await GroupImportPage.UploadToAsync(admin, import, good, "departments.csv");
        preview.QuerySelector(".notice--success")!.TextContent.ShouldContain("2件を追加し、1件を変更します");
        (await GroupImportPage.CommitAtAsync(admin, import, preview)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The same upload cannot be committed twice.
        (await GroupImportPage.CommitAtAsync(admin, import, preview)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await DepartmentAsync("yamaguchi", "協働推進課"))!.Section.ShouldBe("協働推進担当");
        var merged = (await DepartmentAsync("yamaguchi", "旧市民課"))!;
        merged.SuccessorId.ShouldBe((await DepartmentAsync("yamaguchi", "地域振興課"))!.Id);

        // What the download writes reads back the same: nothing added, every row found by its name.
        var download = await admin.GetAsync(import + "?handler=Download");
        download.Content.Headers.ContentType!.MediaType.ShouldBe(SpreadsheetWriter.ContentType);
        var again = await GroupImportPage.UploadToAsync(admin, import, await download.Content.ReadAsByteArrayAsync(), "departments.xlsx");
        var count = await TestData.WithDbAsync(factory, db => db.Departments.IgnoreQueryFilters().CountAsync(d => db.Cities.Any(c => c.Id == d.CityId && c.Slug == "yamaguchi")));
        again.QuerySelector(".notice--success")!.TextContent.ShouldContain($"0件を追加し、{count}件を変更します");
    }

    [Fact]
    public async Task DistrictImport_TakesARowPerYear_AndRefusesDisagreeingRows()
    {
        var admin = await AdminAsync("nagato");
        const string import = "/nagato/admin/setup/districts/import";
        var bad = Csv("名称,協議会名,年,人口,65歳以上人口,世帯数\n" +
            "新地域A,Aの協議会,2023,\"1,200\",400,500\n" +
            "新地域A,別の協議会,2024,1180,,\n" +
            "新地域A,,2024,1170,,\n" +
            "新地域B,,,300,,\n");
        var problems = GroupImportPage.Problems(await GroupImportPage.UploadToAsync(admin, import, bad, "districts.csv"));
        problems.ShouldContain(p => p.Row == "3" && p.Column == "協議会名");
        problems.ShouldContain(p => p.Row == "4" && p.Column == "年");
        problems.ShouldContain(p => p.Row == "5" && p.Column == "年");
        (await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().AnyAsync(d => d.Name == "新地域A"))).ShouldBeFalse();

        var good = Csv("名称,協議会名,年,人口,65歳以上人口,世帯数\n" +
            "新地域A,Aの協議会,2023,\"1,200\",400,500\n" +
            "新地域A,,2024,１１８０,410,495\n" +
            "新地域B,,,,,\n");
        var preview = await GroupImportPage.UploadToAsync(admin, import, good, "districts.csv");
        (await GroupImportPage.CommitAtAsync(admin, import, preview)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var a = await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().Include(d => d.Populations).SingleAsync(d => d.Name == "新地域A"));
        a.CouncilName.ShouldBe("Aの協議会");
        a.Populations.Count.ShouldBe(2);
        a.Population.ShouldBe(1180);
        (await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().AnyAsync(d => d.Name == "新地域B"))).ShouldBeTrue();
    }

    [Fact]
    public async Task CommandLine_ImportsDepartmentsAllOrNothing_AndSetsTheTerms()
    {
        await factory.EnsurePreparedAsync();
        var file = Path.Combine(Path.GetTempPath(), $"departments-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "名称,部\nコマンド課,総務部\n,総務部\n");
        var output = new StringWriter();
        var errors = new StringWriter();
        (await TsunaguCommands.RunAsync(factory.Services, ["import-departments", "--city", "muroran", "--file", file], output, errors)).ShouldBe(1);
        errors.ToString().ShouldContain("3行目");
        (await DepartmentAsync("muroran", "コマンド課")).ShouldBeNull();

        await File.WriteAllTextAsync(file, "名称,部\nコマンド課,総務部\n");
        (await TsunaguCommands.RunAsync(factory.Services, ["import-departments", "--city", "muroran", "--file", file], output, errors)).ShouldBe(0);
        (await DepartmentAsync("muroran", "コマンド課"))!.Bureau.ShouldBe("総務部");
        File.Delete(file);

        (await TsunaguCommands.RunAsync(factory.Services, ["set-city-terms", "--city", "muroran", "--evaluating-body", "室蘭市市民協働推進委員会", "--evaluation-term", "検証・評価"], output, errors)).ShouldBe(0);
        (await TsunaguCommands.RunAsync(factory.Services, ["set-city-terms", "--city", "muroran", "--has-centre", "no"], output, errors)).ShouldBe(1);
        (await CityAsync("muroran")).HasCentre.ShouldBeTrue();
    }

    [Theory]
    [InlineData(CityRole.PlanManager)]
    [InlineData(CityRole.CentreStaff)]
    public async Task OnlyTheCityAdministrator_SetsTheCityUp(CityRole role)
    {
        await factory.EnsurePreparedAsync();
        var (browser, _) = await TestData.SignedInAsync(factory, u => u.InCity("yamaguchi", role).ExemptFromTwoFactor());
        foreach (var path in new[] { "/yamaguchi/admin/setup", "/yamaguchi/admin/setup/departments", "/yamaguchi/admin/setup/districts/import" })
            (await browser.GetAsync(path)).Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
    }
}

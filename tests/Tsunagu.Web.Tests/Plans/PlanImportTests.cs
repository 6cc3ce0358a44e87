using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Plans;

public class PlanImportTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task<Browser> ManagerAsync(string city)
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity(city, CityRole.PlanManager).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private static async Task<HttpResponseMessage> UploadAsync(Browser browser, string city, string json)
    {
        var (_, page) = await browser.GetPageAsync($"/{city}/admin/plans");
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("main form[action*=Import] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", "plan.json");
        return await browser.Client.PostAsync($"/{city}/admin/plans?handler=Import", form);
    }

    private const string BadPlan = """
        {
          "format": "tsunagu-plan/1", "key": "bad-plan", "title": "問題のある計画", "period": { "from": "R8", "to": "R12" },
          "levels": ["方針", "施策"],
          "nodes": [
            { "ref": "1", "title": "方針1", "children": [
              { "ref": "1-(1)", "title": "施策A", "departments": ["存在しない課"], "actors": ["宇宙人"], "yearly": { "R8": "実施", "R13": "実施", "R9": "がんばる" } },
              { "ref": "1-(1)", "title": "施策Aの重複" },
              { "repeatOf": "9-(9)" }
            ] }
          ],
          "indicators": [ { "node": "7", "name": "指標", "unit": "%", "direction": "up", "baseline": { "year": "R7", "value": 1 }, "target": { "year": "R12", "value": 2 } } ]
        }
        """;

    [Fact]
    public async Task Import_BadFile_ListsEveryProblemWithItsPlace_AndImportsNothing()
    {
        var manager = await ManagerAsync("muroran");
        // The duplicate ref is listed with every other problem; fixed, the rest are still listed.
        var duplicate = await Browser.ParseAsync(await UploadAsync(manager, "muroran", BadPlan));
        duplicate.QuerySelector("#file-error")!.TextContent.ShouldContain("問題があるため、取り込みませんでした");
        duplicate.QuerySelector("main table[aria-labelledby=problems]")!.TextContent.ShouldContain("重複しています");
        duplicate.QuerySelector("main table[aria-labelledby=problems]")!.TextContent.ShouldContain("存在しない課");

        var page = await Browser.ParseAsync(await UploadAsync(manager, "muroran", BadPlan.Replace("\"ref\": \"1-(1)\", \"title\": \"施策Aの重複\"", "\"ref\": \"1-(2)\", \"title\": \"施策B\"")));
        var problems = page.QuerySelectorAll("main table[aria-labelledby=problems] tbody tr")
            .Select(r => (Where: r.Children[0].TextContent, Message: r.Children[1].TextContent)).ToList();
        problems.ShouldContain(p => p.Where == "nodes[0].children[0].departments[0]" && p.Message.Contains("存在しない課"));
        problems.ShouldContain(p => p.Where == "nodes[0].children[0].actors[0]" && p.Message.Contains("宇宙人"));
        problems.ShouldContain(p => p.Where == "nodes[0].children[0].yearly.R13" && p.Message.Contains("計画期間"));
        problems.ShouldContain(p => p.Where == "nodes[0].children[0].yearly.R9" && p.Message.Contains("がんばる"));
        problems.ShouldContain(p => p.Where == "nodes[0].children[2].repeatOf");
        problems.ShouldContain(p => p.Where == "indicators[0].node");
        problems.ShouldContain(p => p.Where == "indicators[0].direction");
        (await TestData.WithDbAsync(factory, db => db.Set<Plan>().IgnoreQueryFilters().AnyAsync(p => p.Key == "bad-plan"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Import_TextLongerThanItsColumn_IsListed_NotAFailure()
    {
        var manager = await ManagerAsync("muroran");
        var json = $$"""{ "format": "tsunagu-plan/1", "key": "long", "title": "長い計画", "period": { "from": "R8", "to": "R12" }, "levels": ["方針"], "nodes": [ { "ref": "1", "title": "{{new string('あ', 501)}}" } ] }""";
        var page = await Browser.ParseAsync(await UploadAsync(manager, "muroran", json));
        page.QuerySelector("main table[aria-labelledby=problems]")!.TextContent.ShouldContain("名前は500文字以内");
    }

    [Fact]
    public async Task Import_NotJson_IsRefusedWithTheLine()
    {
        var manager = await ManagerAsync("muroran");
        var page = await Browser.ParseAsync(await UploadAsync(manager, "muroran", "{\n  \"format\": \"tsunagu-plan/1\",\n  oops\n}"));
        page.QuerySelector("main table[aria-labelledby=problems]")!.TextContent.ShouldContain("3行目");
    }

    [Fact]
    public async Task Check_OrphanAndLoop_AreRefused()
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == "nagato"));
        var importer = scope.ServiceProvider.GetRequiredService<PlanImporter>();
        var header = new PlanFile { Format = PlanFile.FormatName, Key = "tree", Title = "木", Period = new PeriodFile { From = "R8", To = "R12" }, Levels = ["a", "b", "c"] };
        // As a workbook gives them: flat rows naming their parent.
        List<PlanImporter.FlatNode> rows =
        [
            new("項目!2", "A", "C", 0, new NodeFile { Ref = "A", Title = "A" }),
            new("項目!3", "B", "A", 0, new NodeFile { Ref = "B", Title = "B" }),
            new("項目!4", "C", "B", 0, new NodeFile { Ref = "C", Title = "C" }),
            new("項目!5", "D", "Z", 0, new NodeFile { Ref = "D", Title = "D" }),
        ];
        var result = await importer.CheckAsync(header, rows);
        result.Ok.ShouldBeFalse();
        result.Problems.ShouldContain(p => p.Where == "項目!5.parent" && p.Message.Contains("「Z」がありません"));
        result.Problems.ShouldContain(p => p.Where == "項目!2.parent" && p.Message.Contains("循環"));
    }

    [Fact]
    public async Task Export_ThenImport_GivesTheSamePlanBack()
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var manager = await ManagerAsync("yamaguchi");
        var exported = await manager.Client.GetAsync("/yamaguchi/admin/plans?handler=Export&key=kyodo-jikko-h25");
        exported.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var json = JsonNode.Parse(await exported.Content.ReadAsStringAsync())!.AsObject();
        json["key"] = "kyodo-jikko-copy";
        (await UploadAsync(manager, "yamaguchi", json.ToJsonString())).Headers.Location!.OriginalString.ShouldBe("/yamaguchi/plans/kyodo-jikko-copy");

        var again = JsonNode.Parse(await (await manager.Client.GetAsync("/yamaguchi/admin/plans?handler=Export&key=kyodo-jikko-copy")).Content.ReadAsStringAsync())!;
        again["key"] = "kyodo-jikko-h25";
        json["key"] = "kyodo-jikko-h25";
        JsonNode.DeepEquals(json, again).ShouldBeTrue();
        again["nodes"]!.AsArray().Count.ShouldBe(4);
    }

    [Fact]
    public async Task PublicPageAndApi_ShowTheTreeYearlyPlansAndIndicators()
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var visitor = Browser.For(factory);
        var (_, list) = await visitor.GetPageAsync("/yamaguchi/plans");
        list.QuerySelectorAll("main .card h2 a").Select(a => a.GetAttribute("href")).ShouldContain("/yamaguchi/plans/kyodo-jikko-h25");
        var (_, page) = await visitor.GetPageAsync("/yamaguchi/plans/kyodo-jikko-h25");
        var row = page.QuerySelectorAll("main table.plan-items tbody tr").Single(r => r.Children[0].TextContent == "Ⅱ-(4)-②");
        row.Children.Skip(3).Select(c => c.TextContent).ShouldBe(["検討", "実施", "－", "検討", "実施"]);
        page.QuerySelectorAll("main table.plan-items thead th").Skip(3).Take(5).Select(t => t.TextContent).ShouldBe(["H25", "H26", "H27", "H28", "H29"]);

        var (_, shimonoseki) = await visitor.GetPageAsync("/shimonoseki/plans/shiminkatsudo-5");
        shimonoseki.QuerySelectorAll("main section.indicator").Length.ShouldBe(7);
        shimonoseki.QuerySelector("main section.indicator")!.TextContent.ShouldContain("39.5%");
        shimonoseki.QuerySelector("main section.indicator svg title")!.TextContent.ShouldBe("市民活動の経験");

        var plans = JsonNode.Parse(await visitor.Client.GetStringAsync("/api/v1/shimonoseki/plans"))!.AsArray();
        plans.Select(p => (string)p!["key"]!).ShouldBe(["shiminkatsudo-5", "shiminkatsudo-4"], ignoreOrder: true);
        var plan = JsonNode.Parse(await visitor.Client.GetStringAsync("/api/v1/shimonoseki/plans/shiminkatsudo-5"))!;
        plan["indicators"]!.AsArray().Count.ShouldBe(7);
        (await visitor.GetAsync("/api/v1/nagato/plans/shiminkatsudo-5")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RegisteredGroupsIndicator_CountsTheCitysPublishedGroups()
    {
        var manager = await ManagerAsync("nagato");
        var year = FiscalYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9))).StartYear;
        for (var i = 0; i < 3; i++)
        {
            var status = i < 2 ? GroupStatus.Approved : GroupStatus.Submitted;
            await TestData.CreateGroupAsync(factory, "nagato", g => g.Named(TestData.Unique($"指標の会{i}"), "しひょう").Described("指標の試験").WithStatus(status));
        }
        var plan = $$"""
            { "format": "tsunagu-plan/1", "key": "kpi", "title": "指標の計画", "period": { "from": "FY{{year}}", "to": "FY{{year + 4}}" }, "levels": ["方針"],
              "nodes": [ { "ref": "1", "title": "方針1" } ],
              "indicators": [ { "node": "1", "name": "登録団体数", "unit": "団体", "direction": "higher", "baseline": { "year": "FY{{year - 1}}", "value": 0 }, "target": { "year": "FY{{year + 4}}", "value": 10 }, "source": "registered-groups" } ] }
            """;
        (await UploadAsync(manager, "nagato", plan)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await Browser.For(factory).GetPageAsync("/nagato/plans/kpi");
        var thisYear = page.QuerySelectorAll("main section.indicator tbody tr").Single(r => r.Children[0].TextContent == new FiscalYear(year).ToJapanese());
        thisYear.Children[2].TextContent.ShouldBe("2団体");
        page.QuerySelector("main section.indicator")!.TextContent.ShouldContain("つなぐの記録から集計");
    }
}

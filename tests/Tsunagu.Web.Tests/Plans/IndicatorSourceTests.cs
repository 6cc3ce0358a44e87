using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Plans;

public class IndicatorSourceParametersTests
{
    [Fact]
    public void Parameters_AreReadAsNameValuePairs_WithChoices()
    {
        IndicatorSourceParameters.TryParse(" type=NPO法人 ; field＝福祉、まちづくり ", out var parameters, out var problem).ShouldBeTrue();
        problem.ShouldBeNull();
        parameters["type"].ShouldBe("NPO法人");
        parameters.List("field").ShouldBe(["福祉", "まちづくり"]);
        parameters["form"].ShouldBeNull();
        parameters.Text.ShouldBe("type=NPO法人;field=福祉、まちづくり");
    }

    [Theory]
    [InlineData("type")]
    [InlineData("=NPO法人")]
    [InlineData("type=")]
    [InlineData("type=a;type=b")]
    public void Parameters_NotWrittenAsPairs_AreRefused(string text)
    {
        IndicatorSourceParameters.TryParse(text, out _, out var problem).ShouldBeFalse();
        problem.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void NoParameters_AreNone()
    {
        IndicatorSourceParameters.TryParse("  ", out var parameters, out _).ShouldBeTrue();
        parameters.IsEmpty.ShouldBeTrue();
        parameters.Text.ShouldBeNull();
    }

    [Theory]
    [InlineData("団体", IndicatorKind.Count)]
    [InlineData("件", IndicatorKind.Count)]
    [InlineData("%", IndicatorKind.Percentage)]
    [InlineData("％", IndicatorKind.Percentage)]
    [InlineData("千円", IndicatorKind.Yen)]
    [InlineData("ha", IndicatorKind.Count)]
    public void Kind_IsReadFromTheUnit_WhenAFileDoesNotSay(string unit, IndicatorKind kind) =>
        IndicatorKinds.FromUnit(unit).ShouldBe(kind);
}

public class IndicatorSourceTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private static int ThisYear => FiscalYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9))).StartYear;

    /// <summary>What a source says for this fiscal year with the given parameters, asked as the city's plan page asks it.</summary>
    private async Task<decimal> ValueAsync(string city, string source, string? parameters = null)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == city));
        var sources = scope.ServiceProvider.GetRequiredService<IndicatorSources>();
        sources.Check(source, parameters, out _).ShouldBeNull();
        return await sources.Find(source)!.ValueAsync(ThisYear, IndicatorSourceParameters.Parse(parameters)) ?? 0;
    }

    private Task<int> MarkDemoAsync(Group group) =>
        TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == group.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.IsDemo, true)));

    [Fact]
    public async Task RegisteredGroups_CountsByTypeAndField_AndNeverDemoGroups()
    {
        const string city = "muroran";
        // A group registered before any asked makes sure the registry has begun in Tsunagu.
        await TestData.CreateGroupAsync(factory, city, g => g.Named(TestData.Unique("先の会"), "さきのかい").Described("試験").OfType(GroupType.Other).WithStatus(GroupStatus.Approved));
        var all = await ValueAsync(city, "registered-groups");
        var npo = await ValueAsync(city, "registered-groups", "type=NPO法人");
        var welfare = await ValueAsync(city, "registered-groups", "field=福祉");
        var npoWelfare = await ValueAsync(city, "registered-groups", "type=NPO法人;field=福祉");

        await TestData.CreateGroupAsync(factory, city, g => g.Named(TestData.Unique("福祉のNPO"), "ふくしのえぬぴーおー").Described("試験")
            .OfType(GroupType.NpoCorporation).InFields(1).WithStatus(GroupStatus.Approved));
        await TestData.CreateGroupAsync(factory, city, g => g.Named(TestData.Unique("まちの会"), "まちのかい").Described("試験")
            .OfType(GroupType.VolunteerGroup).InFields(3).WithStatus(GroupStatus.Approved));

        (await ValueAsync(city, "registered-groups")).ShouldBe(all + 2);
        (await ValueAsync(city, "registered-groups", "type=NPO法人")).ShouldBe(npo + 1);
        (await ValueAsync(city, "registered-groups", "field=福祉")).ShouldBe(welfare + 1);
        (await ValueAsync(city, "registered-groups", "field=1,まちづくり")).ShouldBeGreaterThanOrEqualTo(welfare + 2);
        (await ValueAsync(city, "registered-groups", "type=NPO法人;field=福祉")).ShouldBe(npoWelfare + 1);

        var demo = await TestData.CreateGroupAsync(factory, city, g => g.Named(TestData.Unique("見本のNPO"), "みほん").Described("試験")
            .OfType(GroupType.NpoCorporation).InFields(1).WithStatus(GroupStatus.Approved));
        await MarkDemoAsync(demo);
        (await ValueAsync(city, "registered-groups")).ShouldBe(all + 2);
        (await ValueAsync(city, "registered-groups", "type=NPO法人;field=福祉")).ShouldBe(npoWelfare + 1);
    }

    [Fact]
    public async Task Check_RefusesUnknownSourcesParameterNamesAndValues()
    {
        using var scope = factory.Services.CreateScope();
        var sources = scope.ServiceProvider.GetRequiredService<IndicatorSources>();
        sources.Check("no-such-source", null, out _).ShouldNotBeNull();
        sources.Check("registered-groups", "colour=red", out _)!.ShouldContain("colour");
        sources.Check("registered-groups", "type=宇宙人の会", out _)!.ShouldContain("宇宙人の会");
        sources.Check("registered-groups", "field=魔法", out _)!.ShouldContain("魔法");
        sources.Check("manual", "type=NPO法人", out _).ShouldNotBeNull();
        sources.Check("survey", "question=問12", out var stored).ShouldBeNull();
        stored.ShouldBe("question=問12");
    }

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

    private static string Plan(string key, string indicators) => $$"""
        { "format": "tsunagu-plan/1", "key": "{{key}}", "title": "指標の計画", "period": { "from": "FY{{ThisYear}}", "to": "FY{{ThisYear + 4}}" }, "levels": ["方針"],
          "nodes": [ { "ref": "1", "title": "方針1" } ],
          "indicators": [ {{indicators}} ] }
        """;

    [Fact]
    public async Task Api_SaysEachIndicatorsSourceParametersUnitKindAndActuals()
    {
        var manager = await ManagerAsync("nagato");
        await TestData.CreateGroupAsync(factory, "nagato", g => g.Named(TestData.Unique("指標のNPO"), "しひょう").Described("試験")
            .OfType(GroupType.NpoCorporation).WithStatus(GroupStatus.Approved));
        var plan = Plan("kpi-api", $$"""
            { "name": "NPO法人数", "unit": "法人", "direction": "higher", "baseline": { "year": "FY{{ThisYear - 1}}", "value": 0 }, "target": { "year": "FY{{ThisYear + 4}}", "value": 10 },
              "source": "registered-groups", "parameters": "type=NPO法人" },
            { "name": "認知度", "unit": "%", "direction": "higher", "baseline": { "year": "FY{{ThisYear - 1}}", "value": 10.5 }, "target": { "year": "FY{{ThisYear + 4}}", "value": 20 },
              "source": "survey", "parameters": "question=問12", "actuals": { "FY{{ThisYear}}": 12.5 } },
            { "name": "助成額", "unit": "千円", "kind": "yen", "direction": "higher", "baseline": { "year": "FY{{ThisYear - 1}}", "value": 100 }, "target": { "year": "FY{{ThisYear + 4}}", "value": 200 } }
            """);
        (await UploadAsync(manager, "nagato", plan)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var json = JsonNode.Parse(await Browser.For(factory).Client.GetStringAsync("/api/v1/nagato/plans/kpi-api"))!;
        var indicators = json["indicators"]!.AsArray();
        var npo = indicators[0]!;
        ((string)npo["source"]!).ShouldBe("registered-groups");
        ((string)npo["parameters"]!).ShouldBe("type=NPO法人");
        ((string)npo["unit"]!).ShouldBe("法人");
        ((string)npo["kind"]!).ShouldBe("count");
        var expected = await ValueAsync("nagato", "registered-groups", "type=NPO法人");
        expected.ShouldBeGreaterThan(0);
        ((decimal)npo["actuals"]![JapaneseDates.ToShortEra(new FiscalYear(ThisYear))]!).ShouldBe(expected);
        var survey = indicators[1]!;
        ((string)survey["kind"]!).ShouldBe("percentage");
        ((string)survey["source"]!).ShouldBe("survey");
        ((string)survey["parameters"]!).ShouldBe("question=問12");
        survey["actuals"]!.AsObject().Select(a => (decimal)a.Value!).ShouldBe([12.5m]);
        ((string)indicators[2]!["kind"]!).ShouldBe("yen");
        indicators[2]!["source"]!.GetValue<string>().ShouldBe("manual");
    }

    [Fact]
    public async Task Import_UnknownParameterOrKind_IsListedAtItsPlace()
    {
        var manager = await ManagerAsync("yamaguchi");
        var plan = Plan("kpi-bad", $$"""
            { "name": "団体数", "unit": "団体", "kind": "many", "direction": "higher", "baseline": { "year": "FY{{ThisYear - 1}}", "value": 0 }, "target": { "year": "FY{{ThisYear + 4}}", "value": 10 },
              "source": "registered-groups", "parameters": "colour=red" }
            """);
        var page = await Browser.ParseAsync(await UploadAsync(manager, "yamaguchi", plan));
        var problems = page.QuerySelectorAll("main table[aria-labelledby=problems] tbody tr")
            .Select(r => (Where: r.Children[0].TextContent, Message: r.Children[1].TextContent)).ToList();
        problems.ShouldContain(p => p.Where == "indicators[0].parameters" && p.Message.Contains("colour"));
        problems.ShouldContain(p => p.Where == "indicators[0].kind");
    }
}

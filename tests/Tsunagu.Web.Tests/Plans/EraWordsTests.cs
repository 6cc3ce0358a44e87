using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Tsunagu.Web.Features.Plans.Reports;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Plans;

/// <summary>
/// A plan's own words keep their era as written: text that says 平成31年度 is exported as 平成31年度 (the plan file,
/// its workbook, the annual report's PDF and Excel), never rewritten to 令和元年度. Only the year columns Tsunagu
/// counts itself are written in its own style.
/// </summary>
public class EraWordsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string Rewritten = "令和元年度";

    private const string Plan = """
        {
          "format": "tsunagu-plan/1", "key": "era-words", "title": "平成31年度改定 協働推進計画", "period": { "from": "H30", "to": "R4" },
          "levels": ["方針"], "source": "平成31年3月策定（平成31年度から）",
          "nodes": [ { "ref": "1", "title": "平成31年度に始めた見守り活動", "content": "平成31年度（2019年度）から実施している。", "yearly": { "H31": "実施" } } ],
          "indicators": [ { "node": "1", "name": "平成31年度比の参加者数", "unit": "人", "direction": "higher",
            "baseline": { "year": "H30", "value": 100 }, "target": { "year": "R4", "value": 150 }, "source": "manual", "note": "平成31年度の調査による" } ]
        }
        """;

    private static readonly string[] Texts = ["平成31年度改定 協働推進計画", "平成31年3月策定（平成31年度から）", "平成31年度に始めた見守り活動", "平成31年度（2019年度）から実施している。", "平成31年度比の参加者数", "平成31年度の調査による"];

    private async Task<Browser> ImportedAsync()
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity("nagato", CityRole.PlanManager).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        var (_, page) = await browser.GetPageAsync("/nagato/admin/plans");
        if (page.QuerySelector("main a[href='/nagato/plans/era-words']") is not null) return browser;
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("main form[action*=Import] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Plan));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", "plan.json");
        var imported = await browser.Client.PostAsync("/nagato/admin/plans?handler=Import", form);
        imported.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await Browser.ParseAsync(imported)).QuerySelector("main")?.TextContent);
        return browser;
    }

    [Fact]
    public async Task PlanFile_KeepsThePlansEraWords()
    {
        var manager = await ImportedAsync();
        var json = await (await manager.GetAsync("/nagato/admin/plans?handler=Export&key=era-words")).Content.ReadAsStringAsync();
        var file = System.Text.Json.JsonSerializer.Deserialize<Tsunagu.Web.Features.Plans.PlanFile>(json, Tsunagu.Web.Features.Plans.PlanFile.Json)!;
        (file.Title, file.Source, file.Nodes![0].Title, file.Nodes[0].Content, file.Indicators![0].Name, file.Indicators[0].Note)
            .ShouldBe((Texts[0], Texts[1], Texts[2], Texts[3], Texts[4], Texts[5]));
        json.ShouldNotContain(Rewritten);
    }

    [Fact]
    public async Task PlanWorkbook_KeepsThePlansEraWords()
    {
        var manager = await ImportedAsync();
        var response = await manager.GetAsync("/nagato/admin/plans?handler=ExportXlsx&key=era-words");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = WorkbookText(await response.Content.ReadAsByteArrayAsync());
        foreach (var t in Texts) text.ShouldContain(t);
        text.ShouldNotContain(Rewritten);
    }

    [Fact]
    public void AnnualReport_PdfAndExcel_KeepThePlansEraWords()
    {
        var sample = AnnualReportRenderingTests.Sample();
        var report = sample with
        {
            PlanTitle = "平成31年度改定 協働推進計画",
            Items = [new AnnualReport.Item("1", "平成31年度からの事業", 0, null, null, null, null, null, null, null, null), .. sample.Items],
            Indicators = [sample.Indicators[0] with { Name = "平成31年度比の参加者数" }, .. sample.Indicators.Skip(1)],
        };

        var pdf = AnnualReportRenderingTests.PdfToText(AnnualReportPdf.Render(report));
        foreach (var t in new[] { "平成31年度改定", "平成31年度からの事業", "平成31年度比の参加者数" }) pdf.ShouldContain(t);
        pdf.ShouldNotContain(Rewritten);

        var excel = WorkbookText(AnnualReportExcel.Render(report));
        foreach (var t in new[] { "平成31年度改定 協働推進計画", "平成31年度からの事業", "平成31年度比の参加者数" }) excel.ShouldContain(t);
        excel.ShouldNotContain(Rewritten);
    }

    [Fact]
    public void AnnualReport_OfAPlanWrittenInHeisei_CountsItsYearsInHeisei_AsThePlanDoes()
    {
        var sample = AnnualReportRenderingTests.Sample();
        var report = sample with { FiscalYear = 2019, PlanEra = "平成" };
        report.YearText(2019).ShouldBe("平成31年度");
        report.YearText(2021).ShouldBe("平成33年度");
        report.ShortYear(2021).ShouldBe("H33");
        report.YearText(2018).ShouldBe("平成30年度");
        // A plan written in 令和, or a report published before the era was kept: the year's own era.
        (sample with { FiscalYear = 2019 }).YearText(2019).ShouldBe(Rewritten);
        (sample with { PlanEra = "令和" }).YearText(2019).ShouldBe(Rewritten);

        var pdf = AnnualReportRenderingTests.PdfToText(AnnualReportPdf.Render(report));
        pdf.ShouldContain("平成31年度");
        pdf.ShouldNotContain(Rewritten);
        var excel = WorkbookText(AnnualReportExcel.Render(report));
        excel.ShouldContain("平成31年度");
        excel.ShouldNotContain(Rewritten);
    }

    /// <summary>Every text of a workbook, shared or written in its cells, one per line.</summary>
    private static string WorkbookText(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.InnerText ?? "";
        return shared + "\n" + string.Join("\n", workbook.WorksheetParts.Select(p => p.Worksheet.InnerText));
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Tsunagu.Web.Features.Plans.Reports;

namespace Tsunagu.Web.Tests.Plans;

/// <summary>
/// The annual report rendered as PDF and Excel from a report built in code: three levels, 60 reported items (several
/// PDF pages), two indicators, the council's evaluations and opinion. The PDF's text is read back with poppler's
/// pdftotext, the workbook by opening it again with the OpenXml SDK.
/// </summary>
public class AnnualReportRenderingTests
{
    private const string PlanTitle = "第3次つなぐ市市民協働推進計画";
    private const string ItemTitle = "子ども食堂への支援";

    internal static AnnualReport Sample()
    {
        var items = new List<AnnualReport.Item>();
        string[] policies = ["市民活動の担い手を育てる", "協働の場と機会をつくる", "情報を届け、つながりを広げる"];
        string[] measures = ["人材の発掘と育成", "活動の場の確保", "資金と情報の支援", "連携の仕組みづくり"];
        string[] grades = ["A", "B", "C", "D", "完了"];
        var n = 0;
        for (var p = 0; p < policies.Length; p++)
        {
            var policyRef = ((char)('Ⅰ' + p)).ToString();
            items.Add(new(policyRef, policies[p], 0, null, null, null, null, null, null, null, null));
            for (var m = 0; m < measures.Length; m++)
            {
                var measureRef = $"{policyRef}-({m + 1})";
                items.Add(new(measureRef, measures[m], 1, null, null, null, null, null, null, null, null));
                for (var k = 0; k < 5; k++, n++)
                {
                    var title = n == 7 ? ItemTitle : $"{measures[m]}に関する取組その{k + 1}（市民活動センターとの連携による事業の推進）";
                    items.Add(new($"{measureRef}-{(char)('①' + k)}", title, 2, k % 2 == 0 ? "協働推進課、市民活動センター" : "生涯学習課",
                        k == 4 ? "検討" : "実施", grades[n % grades.Length],
                        $"市民活動センターと連携し、講座を年{4 + k}回開催した。参加者アンケートでは「満足」「やや満足」が{80 + k}%を占め、地域の団体からも継続の要望が寄せられた。",
                        $"講座{4 + k}回、参加者延べ{120 + n * 3}人",
                        n % 3 == 0 ? "若い世代の参加が少なく、平日夜間や休日の開催、オンラインでの参加を検討する必要がある。" : null,
                        "対象を広げ、学校や企業と連携して実施する。",
                        k % 2 == 1 ? "NPO法人つなぐネット、地区社会福祉協議会" : null));
                }
            }
        }
        return new AnnualReport(
            "つなぐ市", "kyodo-3", PlanTitle, 2026, 2, new DateTime(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc),
            ["基本方針", "施策", "取組"],
            [new("A", "計画どおり実施"), new("B", "おおむね実施"), new("C", "一部実施"), new("D", "未実施"), new("完了", "取組を完了")],
            items,
            [
                new("市民活動団体の登録数", "団体", true, 2023, 180m, 2028, 240m,
                    [new(2024, 190m), new(2025, 205m), new(2026, 214.5m)], 57.5m),
                new("協働事業の提案件数", "件", true, 2023, 12m, 2028, 30m,
                    [new(2024, 13m), new(2025, null), new(2026, 19m)], 38.9m),
            ],
            [
                new("Ⅰ", policies[0], "担い手の育成は講座の回数、参加者とも計画を上回り、おおむね順調に進んでいる。", "若い世代への働きかけを強めること。"),
                new("Ⅱ", policies[1], "協働の場づくりは新たな拠点の開設により進んだが、地域による差が見られる。", "地区ごとの状況を把握し、支援の薄い地区に重点を置くこと。"),
                new("Ⅲ", policies[2], "情報発信は着実に行われている。", ""),
            ],
            "本計画の取組はおおむね計画どおり進んでいると評価する。今後は、成果指標の達成に向けて、取組の重点化と担当課間の連携の強化を求める。");
    }

    [Fact]
    public void Pdf_IsA4_EmbedsTheJapaneseFont_AndItsTextReadsBack()
    {
        var pdf = AnnualReportPdf.Render(Sample());

        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        var raw = Encoding.Latin1.GetString(pdf);
        (raw.Contains("/FontFile2") || raw.Contains("IPAexGothic")).ShouldBeTrue("the IPAexGothic font is embedded");
        raw.ShouldContain("/FontFile2");

        var text = PdfToText(pdf);
        text.ShouldContain(PlanTitle);
        text.ShouldContain("令和8年度");
        text.ShouldContain(ItemTitle);
        text.ShouldContain("審議会の意見（答申）");
        text.ShouldContain("市民活動団体の登録数");
        // Every page's footer numbers it "n / N"; the items alone take several pages.
        var pages = text.Split('\f').Where(p => p.Trim().Length > 0).ToList();
        pages.Count.ShouldBeGreaterThan(2);
        for (var i = 0; i < pages.Count; i++)
            // pdftotext may close up the spaces around the slash.
            Regex.IsMatch(pages[i], $@"(^|\s){i + 1}\s*/\s*{pages.Count}\s*$").ShouldBeTrue($"page {i + 1}'s footer: {pages[i].TrimEnd()[^80..]}");
    }

    [Fact]
    public void PdfAndExcel_NameTheCitysEvaluatingBody_AndPrintWhyAnIncompleteYearWasPublished()
    {
        var report = Sample() with { EvaluatingBody = "室蘭市市民協働推進委員会", EvaluationTerm = "検証・評価", IncompleteReason = "評価未実施（委員会は翌年度に開催）" };

        var text = PdfToText(AnnualReportPdf.Render(report));
        text.ShouldContain("室蘭市市民協働推進委員会の検証・評価");
        text.ShouldNotContain("審議会");
        text.ShouldContain("評価未実施（委員会は翌年度に開催）");

        using var document = SpreadsheetDocument.Open(new MemoryStream(AnnualReportExcel.Render(report)), false);
        var strings = document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        strings.ShouldContain("評価未実施（委員会は翌年度に開催）");
        strings.ShouldContain("室蘭市市民協働推進委員会の検証・評価");
        strings.ShouldNotContain(s => s.Contains("審議会"));
    }

    [Fact]
    public void Pdf_RepeatsTheTableHeaderOnEveryPageOfItems()
    {
        var text = PdfToText(AnnualReportPdf.Render(Sample()));
        var pages = text.Split('\f');
        // The items run over several pages: each of them starts with the header row.
        var itemPages = pages.Where(p => p.Contains("-①") || p.Contains("-③")).ToList();
        itemPages.Count.ShouldBeGreaterThan(1);
        foreach (var page in itemPages) page.ShouldContain("実施状況");
    }

    [Fact]
    public void Excel_HasItsFourSheets_ItemsWithGrades_AndNumbersAsNumbers()
    {
        var report = Sample();
        var bytes = AnnualReportExcel.Render(report);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        // Valid against the Office schema, as Excel is strict about element order and styles.
        new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).ShouldBe(["概要", "項目", "指標", "評価"]);
        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();

        string?[][] Read(string name)
        {
            var part = (WorksheetPart)workbook.GetPartById(sheets.Single(s => s.Name == name).Id!);
            return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
                c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)] : c.CellValue?.Text).ToArray()).ToArray();
        }

        var items = Read("項目");
        items[0].ShouldBe(["番号", "深さ", "階層", "項目", "担当課", "計画", "評価", "評価の内容", "実施状況", "実績", "課題", "次年度の方向性", "連携先"]);
        items.Length.ShouldBe(1 + report.Items.Count);
        var row = items.Single(r => r[3] == ItemTitle);
        var item = report.Items.Single(i => i.Title == ItemTitle);
        row[6].ShouldBe(item.Grade);
        row[0].ShouldBe(item.Ref);
        row[8].ShouldBe(item.Done);

        // The header row is frozen.
        var itemsPart = (WorksheetPart)workbook.GetPartById(sheets.Single(s => s.Name == "項目").Id!);
        itemsPart.Worksheet.Descendants<Pane>().Single().State!.Value.ShouldBe(PaneStateValues.Frozen);

        // Numbers are numeric cells, not text.
        var indicatorsPart = (WorksheetPart)workbook.GetPartById(sheets.Single(s => s.Name == "指標").Id!);
        var baseline = indicatorsPart.Worksheet.Descendants<Cell>().Single(c => c.CellReference == "E2");
        (baseline.DataType is null || baseline.DataType.Value == CellValues.Number).ShouldBeTrue();
        decimal.Parse(baseline.CellValue!.Text, CultureInfo.InvariantCulture).ShouldBe(180m);
        var indicators = Read("指標");
        indicators[0].ShouldContain("令和8年度");
        indicators[1][0].ShouldBe("市民活動団体の登録数");
        indicators[1].ShouldContain("214.5");

        Read("概要").ShouldContain(r => r.Length > 1 && r[1] == "令和8年度");
        Read("評価").ShouldContain(r => r.Length > 2 && r[2] == report.CouncilOpinion);
    }

    /// <summary>The PDF's text as poppler's pdftotext lays it out, pages separated by form feeds.</summary>
    internal static string PdfToText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tsunagu-report-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException(
                    "pdftotext was not found: install Debian's poppler-utils (apt-get install poppler-utils) to run the PDF report tests.", e);
            }
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                process.WaitForExit();
                process.ExitCode.ShouldBe(0, $"pdftotext failed: {stderr.Result}");
                return stdout.Result;
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}

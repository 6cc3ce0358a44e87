using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tsunagu.Web.Shared.Spreadsheets;

namespace Tsunagu.Web.Tests.Spreadsheets;

/// <summary>
/// Text someone typed that a spreadsheet would run as a formula (OWASP "CSV Injection"): neutralised in every CSV we write,
/// written as text (never a formula) in every workbook, and read back as it was typed.
/// </summary>
public class FormulaInjectionTests
{
    public static TheoryData<string> Texts =>
    [
        "=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", "+81 90-1234-5678", "-5", "-", "\tタブで始まる", "\r改行で始まる", "=1+1;=2+2",
        "'=already quoted", "''@twice", "'", "'abc", "普通の団体名", "", "a;=cmd|' /C calc'!A0", "一行目\n二行目", "一行目\r二行目",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Csv_TextsReadBackAsTyped(string text)
    {
        var read = CsvFile.Read(CsvFile.Write(["名前"], [[SheetCell.Text(text)]]));
        read.Problems.ShouldBeEmpty();
        (read.Rows.Count > 1 ? read.Rows[1].Cells[0] : "").ShouldBe(text);
    }

    [Fact]
    public void Csv_PrefixesTextThatLooksLikeAFormula_ButNotNumbersOrDates_AndQuotesSemicolons()
    {
        var bytes = CsvFile.Write(["=見出し", "数", "日付", "名前", "メモ"],
            [[SheetCell.Text("=HYPERLINK(\"http://x\",\"y\")"), -5m, new DateOnly(2026, 4, 1), "@SUM(1)", "a;=1+1"], ["+1", 12.5m, SheetCell.Empty, "-x", "\tx"]]);
        Encoding.UTF8.GetString(bytes[3..]).ShouldBe(
            "'=見出し,数,日付,名前,メモ\r\n" +
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-5,2026-04-01,'@SUM(1),\"a;=1+1\"\r\n" +
            "'+1,12.5,,'-x,'\tx\r\n");
    }

    [Fact]
    public void Xlsx_WritesFormulaLikeTextAsStrings_NeverFormulas_AndNumbersAsNumbers()
    {
        var xlsx = SpreadsheetWriter.Table("団体", ["名前", "数"], [["=HYPERLINK(\"http://x\",\"y\")", -5m], ["@SUM(1)", 3m], ["+81 90", SheetCell.Empty]]);
        using (var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.WorksheetParts.Single().Worksheet;
            sheet.Descendants<CellFormula>().ShouldBeEmpty();
            var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
            var cells = sheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
            foreach (var (reference, text) in new[] { ("A2", "=HYPERLINK(\"http://x\",\"y\")"), ("A3", "@SUM(1)"), ("A4", "+81 90") })
            {
                cells[reference].DataType!.Value.ShouldBe(CellValues.SharedString, reference);
                strings[int.Parse(cells[reference].CellValue!.Text, CultureInfo.InvariantCulture)].ShouldBe(text, "the text as typed, without an apostrophe");
            }
            cells["B2"].DataType.ShouldBeNull("a number cell");
            cells["B2"].CellValue!.Text.ShouldBe("-5");
        }
        SpreadsheetReader.Read(xlsx)!.Rows.Select(r => r.Cells.ToArray()).ShouldBe(
            [["名前", "数"], ["=HYPERLINK(\"http://x\",\"y\")", "-5"], ["@SUM(1)", "3"], ["+81 90"]]);
    }
}

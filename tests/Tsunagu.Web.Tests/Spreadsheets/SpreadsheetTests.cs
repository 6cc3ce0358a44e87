using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Tsunagu.Web.Shared.Spreadsheets;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Spreadsheets;

/// <summary>The shared .xlsx writer and reader, on their own.</summary>
public class SpreadsheetTests
{
    private static readonly string[] FormulaLike = ["=SUM(A1:A2)", "+81 83 231 1111", "-5", "@HYPERLINK(\"x\")", "\tx", "\rx"];

    private static byte[] Sample()
    {
        var workbook = new SpreadsheetWriter();
        var sheet = workbook.AddSheet("表", [20, 10], freezeHeader: true);
        sheet.Headings(["文字", "数", "日付"], SheetCellStyle.Bold);
        sheet.Row("00123", 12.50m, new DateOnly(2015, 4, 1));
        sheet.Row("1行目\r\n2行目", -3, SheetCell.Empty);
        foreach (var text in FormulaLike) sheet.Row(text);
        workbook.AddSheet("二枚目").Row("二枚目の文字");
        return workbook.ToBytes();
    }

    private static (WorkbookPart Workbook, List<Cell> Cells) Cells(SpreadsheetDocument document, string sheet = "表")
    {
        var workbook = document.WorkbookPart!;
        var id = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == sheet).Id!;
        return (workbook, ((WorksheetPart)workbook.GetPartById(id!)).Worksheet.Descendants<Cell>().ToList());
    }

    [Fact]
    public void Writer_WritesTextAsText_NumbersAsNumbers_DatesAsDates_AndIsValid()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Sample()), false);
        new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var (workbook, cells) = Cells(document);
        Cell At(string reference) => cells.Single(c => c.CellReference == reference);

        At("A2").DataType!.Value.ShouldBe(CellValues.SharedString, "a code keeps its leading zeros as text");
        (At("B2").DataType is null || At("B2").DataType!.Value == CellValues.Number).ShouldBeTrue();
        At("B2").CellValue!.Text.ShouldBe("12.5");
        At("B3").CellValue!.Text.ShouldBe("-3");

        var date = At("C2");
        (date.DataType is null || date.DataType.Value == CellValues.Number).ShouldBeTrue();
        date.CellValue!.Text.ShouldBe("42095", "Excel's serial number of 2015-04-01");
        var styles = workbook.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)date.StyleIndex!.Value);
        styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value.ShouldBe("yyyy/mm/dd");

        // A line break is kept as Excel keeps it (LF), and the cell wraps.
        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        strings[int.Parse(At("A3").CellValue!.Text, CultureInfo.InvariantCulture)].ShouldBe("1行目\n2行目");
        styles.CellFormats!.Elements<CellFormat>().ElementAt((int)At("A3").StyleIndex!.Value).Alignment!.WrapText!.Value.ShouldBeTrue();
        cells.ShouldNotContain(c => c.CellReference == "C3", "an empty cell without a style is left out");
    }

    [Fact]
    public void Writer_NeverWritesAFormula_TextThatLooksLikeOneIsText()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Sample()), false);
        var (workbook, cells) = Cells(document);
        cells.ShouldAllBe(c => c.CellFormula == null);
        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        var column = cells.Where(c => c.CellReference!.Value!.StartsWith('A')).Skip(3).ToList();
        column.ShouldAllBe(c => c.DataType!.Value == CellValues.SharedString);
        column.Select(c => strings[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)]).ShouldBe(FormulaLike.Select(f => f.Replace('\r', '\n')));
    }

    [Fact]
    public void WrittenWorkbook_ReadsBackAsTheSameTexts()
    {
        var sheets = SpreadsheetReader.ReadAll(Sample());
        sheets.Select(s => s.Name).ShouldBe(["表", "二枚目"]);
        var rows = sheets[0].Rows;
        rows[0].Cells.ShouldBe(["文字", "数", "日付"]);
        rows[1].Cells.ShouldBe(["00123", "12.5", "2015-04-01"]);
        rows[2].Cells.ShouldBe(["1行目\n2行目", "-3"]);
        rows.Skip(3).Select(r => r[0]).ShouldBe(FormulaLike.Select(f => f.Replace('\r', '\n')));
        SpreadsheetReader.Read(Sample(), "二枚目")!.Rows.Single().Cells.ShouldBe(["二枚目の文字"]);
        SpreadsheetReader.Read(Sample(), "ない").ShouldBeNull();
    }

    [Fact]
    public void Reader_LeavesOutThePhoneticRuns_OfSharedInlineAndRichTextStrings()
    {
        var xlsx = JapaneseExcel.Workbook(("名簿", [["氏名", "団体"], ["山田", "山田海岸清掃の会"]]));
        SpreadsheetReader.Read(xlsx)!.Rows[1].Cells.ShouldBe(["山田", "山田海岸清掃の会"]);

        // The same in an inline string and in rich-text runs, each with its furigana.
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var (_, cells) = Cells(document, "名簿");
            var inline = cells.Single(c => c.CellReference == "A2");
            inline.DataType = CellValues.InlineString;
            inline.CellValue = null;
            inline.InlineString = new InlineString(new Text("山田"), new PhoneticRun(new Text("ヤマダ")) { BaseTextStartIndex = 0, EndingBaseIndex = 2 }, new PhoneticProperties { FontId = 1 });
            var rich = document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cells.Single(c => c.CellReference == "B2").CellValue!.Text, CultureInfo.InvariantCulture));
            rich.RemoveAllChildren();
            rich.Append(
                new Run(new RunProperties(new Bold()), new Text("山田")),
                new Run(new Text("海岸清掃の会")),
                new PhoneticRun(new Text("ヤマダ")) { BaseTextStartIndex = 0, EndingBaseIndex = 2 },
                new PhoneticRun(new Text("カイガンセイソウ")) { BaseTextStartIndex = 2, EndingBaseIndex = 6 },
                new PhoneticProperties { FontId = 1 });
            document.WorkbookPart.Workbook.Save();
        }
        SpreadsheetReader.Read(stream.ToArray())!.Rows[1].Cells.ShouldBe(["山田", "山田海岸清掃の会"]);
    }

    /// <summary>A sheet of raw cells: (reference, type, value, number format id or code).</summary>
    private static byte[] RawWorkbook(bool date1904, params (string Reference, CellValues? Type, string Value, string? Format)[] cells)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            if (date1904) workbook.Workbook.Append(new WorkbookProperties { Date1904 = true });
            var formats = new CellFormats(new CellFormat { NumberFormatId = 0 });
            var custom = new NumberingFormats();
            var row = new Row { RowIndex = 1 };
            foreach (var (reference, type, value, format) in cells)
            {
                uint? style = null;
                if (format is not null)
                {
                    var id = uint.TryParse(format, out var builtIn) ? builtIn : 164 + (uint)custom.ChildElements.Count;
                    if (!uint.TryParse(format, out _)) custom.Append(new NumberingFormat { NumberFormatId = id, FormatCode = format });
                    formats.Append(new CellFormat { NumberFormatId = id, ApplyNumberFormat = true });
                    style = (uint)formats.ChildElements.Count - 1;
                }
                var cell = new Cell { CellReference = reference, CellValue = new CellValue(value), StyleIndex = style };
                if (type is { } t) cell.DataType = t;
                row.Append(cell);
            }
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(custom, new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()), formats);
            workbook.Workbook.Append(new Sheets());
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = new Worksheet(new SheetData(row));
            workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Sheet1" });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    [Fact]
    public void Reader_GivesNumbersDatesAndBooleans_InOneInvariantForm()
    {
        var xlsx = RawWorkbook(false,
            ("A1", null, "12", null),
            ("B1", CellValues.Number, "0.30000000000000004", null),
            ("C1", null, "1.5E-3", "0.00E+00"),
            ("D1", null, "42095", "14"),
            ("E1", null, "42095", "yyyy\"年\"m\"月\"d\"日\""),
            ("F1", null, "42095", "[$-411]ggge\"年\"m\"月\"d\"日\""),
            ("G1", null, "42095.5", "yyyy/m/d h:mm"),
            ("H1", null, "0.5", "h:mm"),
            ("I1", CellValues.Boolean, "1", null),
            ("J1", CellValues.Boolean, "0", null),
            ("K1", CellValues.String, "=式の結果", null),
            ("L1", null, "1234567", "#,##0"));
        SpreadsheetReader.Read(xlsx)!.Rows.Single().Cells.ShouldBe(
            ["12", "0.3", "0.0015", "2015-04-01", "2015-04-01", "2015-04-01", "2015-04-01 12:00:00", "0.5", "TRUE", "FALSE", "=式の結果", "1234567"]);

        // Saved with the 1904 date system, the same day has another serial number.
        SpreadsheetReader.Read(RawWorkbook(true, ("A1", null, "40633", "14")))!.Rows.Single().Cells.ShouldBe(["2015-04-01"]);
    }

    [Theory]
    [InlineData(14u, null, true)]
    [InlineData(31u, null, true)]
    [InlineData(57u, null, true)]
    [InlineData(0u, "General", false)]
    [InlineData(176u, "G/標準\"人\"", false)]
    [InlineData(20u, null, false)]
    [InlineData(165u, "0.0", false)]
    [InlineData(166u, "0.00E+00", false)]
    [InlineData(167u, "\"day\"0", false)]
    [InlineData(168u, "[Red]#,##0", false)]
    [InlineData(169u, "yyyy/mm/dd", true)]
    [InlineData(170u, "[$-ja-JP]ggge\"年\"", true)]
    public void DateFormats_AreToldFromNumberFormats(uint id, string? code, bool isDate) => ExcelDates.IsDateFormat(id, code).ShouldBe(isDate);

    [Fact]
    public void AFileThatIsNotAWorkbook_IsRefused()
    {
        Should.Throw<UnreadableSpreadsheetException>(() => SpreadsheetReader.ReadAll("PK\u0003\u0004 not a zip"u8.ToArray()));
        Should.Throw<UnreadableSpreadsheetException>(() => SpreadsheetReader.ReadAll("団体名,ふりがな"u8.ToArray()));
    }

    [Fact]
    public void HeadedTable_FindsColumnsByHeading_FromTheFirstNonBlankRow()
    {
        var table = HeadedTable.From([new TableRow(2, ["", " "]), new TableRow(3, ["名前", " 数 ", "名前"]), new TableRow(4, [" 山田 ", "3", "二つ目"])]);
        table.HeadingRow.ShouldBe(3);
        table.Columns.ShouldBe(new Dictionary<string, int> { ["名前"] = 0, ["数"] = 1 }, ignoreOrder: true);
        table.Text(table.Rows.Single(), "名前").ShouldBe("山田");
        table.TextOrNull(table.Rows.Single(), "ない").ShouldBeNull();
        HeadedTable.From([]).HasHeadings.ShouldBeFalse();
    }
}

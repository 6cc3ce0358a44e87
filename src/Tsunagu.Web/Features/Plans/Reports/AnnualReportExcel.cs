using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tsunagu.Web.Calendar;

namespace Tsunagu.Web.Features.Plans.Reports;

/// <summary>
/// The annual report as an Excel workbook: 概要 (the plan, year, version, date and the council's opinion), 項目
/// (one row per node of the tree, upper levels in bold), 指標 (one row per indicator, one column per year) and
/// 審議会の評価. Text goes into the shared string table and numbers are numbers, as Excel writes them itself.
/// </summary>
public static class AnnualReportExcel
{
    // Cell formats of the stylesheet below.
    private const uint Plain = 0, HeaderStyle = 1, Wrapped = 2, NumberStyle = 3, DateStyle = 4, SectionStyle = 5, LabelStyle = 6, PercentStyle = 7;

    public static byte[] Render(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = Styles();
            var strings = new SharedStrings();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());

            void AddSheet(string name, SheetBuilder builder)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = builder.Build();
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
            }

            AddSheet("概要", Summary(report, strings));
            AddSheet("項目", ItemsSheet(report, strings));
            AddSheet("指標", IndicatorsSheet(report, strings));
            AddSheet("審議会の評価", EvaluationsSheet(report, strings));

            var sharedPart = workbookPart.AddNewPart<SharedStringTablePart>();
            sharedPart.SharedStringTable = strings.Table;
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static SheetBuilder Summary(AnnualReport report, SharedStrings strings)
    {
        var fy = new FiscalYear(report.FiscalYear);
        var published = Tsunagu.Web.Shared.Display.ToTokyo(report.PublishedAt);
        var sheet = new SheetBuilder(strings, [16, 100]);
        sheet.Row(sheet.Text(AnnualReportPdf.DocumentTitle(report), HeaderStyle));
        sheet.Row(sheet.Text("市区町村", LabelStyle), sheet.Text(report.CityName));
        sheet.Row(sheet.Text("計画", LabelStyle), sheet.Text(report.PlanTitle));
        sheet.Row(sheet.Text("計画キー", LabelStyle), sheet.Text(report.PlanKey));
        sheet.Row(sheet.Text("年度", LabelStyle), sheet.Text(fy.ToJapanese()));
        sheet.Row(sheet.Text("年度（西暦）", LabelStyle), sheet.Number(report.FiscalYear, Plain));
        sheet.Row(sheet.Text("版", LabelStyle), sheet.Number(report.Version, Plain));
        sheet.Row(sheet.Text("公表日", LabelStyle), sheet.Date(published.Date));
        sheet.Row(sheet.Text("公表日（和暦）", LabelStyle), sheet.Text(AnnualReportPdf.PublishedDate(report.PublishedAt)));
        sheet.Row(sheet.Text("階層", LabelStyle), sheet.Text(string.Join(" > ", report.Levels)));
        sheet.Row(sheet.Text("評価の区分", LabelStyle), sheet.Text(string.Join("\n", report.Grades.Select(g => $"{g.Code}：{g.Label}")), Wrapped));
        sheet.Row(sheet.Text("審議会の意見（答申）", LabelStyle), sheet.Text(report.CouncilOpinion ?? "", Wrapped));
        return sheet;
    }

    private static SheetBuilder ItemsSheet(AnnualReport report, SharedStrings strings)
    {
        var sheet = new SheetBuilder(strings, [14, 6, 10, 40, 20, 8, 6, 16, 60, 30, 30, 30, 24]) { FreezeHeader = true };
        sheet.Header("番号", "深さ", "階層", "項目", "担当課", "計画", "評価", "評価の内容", "実施状況", "実績", "課題", "次年度の方向性", "連携先");
        var labels = report.Grades.ToDictionary(g => g.Code, g => g.Label);
        var items = report.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var style = AnnualReportPdf.IsSection(items, i) ? SectionStyle : Wrapped;
            sheet.Row(
                sheet.Text(item.Ref, style),
                sheet.Number(item.Depth, style == SectionStyle ? SectionStyle : NumberStyle),
                sheet.Text(item.Depth < report.Levels.Count ? report.Levels[item.Depth] : "", style),
                sheet.Text(item.Title, style),
                sheet.Text(item.Departments, style),
                sheet.Text(item.PlannedWord, style),
                sheet.Text(item.Grade, style),
                sheet.Text(item.Grade is not null && labels.TryGetValue(item.Grade, out var label) ? label : null, style),
                sheet.Text(item.Done, style),
                sheet.Text(item.Figures, style),
                sheet.Text(item.Problems, style),
                sheet.Text(item.NextYear, style),
                sheet.Text(item.Partners, style));
        }
        return sheet;
    }

    private static SheetBuilder IndicatorsSheet(AnnualReport report, SharedStrings strings)
    {
        var years = report.Indicators.SelectMany(i => i.Actuals).Select(a => a.Year).Distinct().Order().ToList();
        var widths = new List<double> { 36, 8, 12, 12, 10, 12, 10 };
        widths.AddRange(years.Select(_ => 11.0));
        widths.Add(10);
        var sheet = new SheetBuilder(strings, [.. widths]) { FreezeHeader = true };
        sheet.Header([
            "指標", "単位", "方向", "基準年度", "基準値", "目標年度", "目標値",
            .. years.Select(y => new FiscalYear(y).ToJapanese()), "達成度（%）",
        ]);
        foreach (var indicator in report.Indicators)
        {
            var cells = new List<Cell>
            {
                sheet.Text(indicator.Name, Wrapped),
                sheet.Text(indicator.Unit),
                sheet.Text(indicator.HigherIsBetter ? "高いほど良い" : "低いほど良い"),
                sheet.Text(new FiscalYear(indicator.BaselineYear).ToJapanese()),
                sheet.Number(indicator.BaselineValue),
                sheet.Text(new FiscalYear(indicator.TargetYear).ToJapanese()),
                sheet.Number(indicator.TargetValue),
            };
            cells.AddRange(years.Select(year => indicator.Actuals.FirstOrDefault(a => a.Year == year)?.Value is { } v ? sheet.Number(v) : sheet.Empty()));
            cells.Add(indicator.Achievement is { } a ? sheet.Number(a, PercentStyle) : sheet.Empty());
            sheet.Row([.. cells]);
        }
        return sheet;
    }

    private static SheetBuilder EvaluationsSheet(AnnualReport report, SharedStrings strings)
    {
        var sheet = new SheetBuilder(strings, [10, 36, 70, 70]) { FreezeHeader = true };
        sheet.Header("番号", "基本方針", "評価", "意見");
        foreach (var e in report.Evaluations)
            sheet.Row(sheet.Text(e.PolicyRef, Wrapped), sheet.Text(e.PolicyTitle, Wrapped), sheet.Text(e.Evaluation, Wrapped), sheet.Text(e.Opinion, Wrapped));
        if (!string.IsNullOrWhiteSpace(report.CouncilOpinion))
            sheet.Row(sheet.Text("答申", SectionStyle), sheet.Text("審議会の意見（答申）", SectionStyle), sheet.Text(report.CouncilOpinion, Wrapped), sheet.Empty());
        return sheet;
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy/mm/dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "游ゴシック" }, new FontFamilyNumbering { Val = 3 }, new FontCharSet { Val = 128 }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "游ゴシック" }, new FontFamilyNumbering { Val = 3 }, new FontCharSet { Val = 128 })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8F1FE" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFEEEEF2" }) { PatternType = PatternValues.Solid })) { Count = 4 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            // 0 Plain
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            // 1 HeaderStyle: bold on a pale fill, wrapped
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }) { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
            // 2 Wrapped: text, wrapped, top
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true },
            // 3 NumberStyle: general number, top
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 0, ApplyAlignment = true },
            // 4 DateStyle
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true, FormatId = 0 },
            // 5 SectionStyle: an upper level of the tree, bold on grey
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 1, FillId = 3, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
            // 6 LabelStyle: bold, top
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { FontId = 1, ApplyFont = true, ApplyAlignment = true },
            // 7 PercentStyle: one decimal
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 165, ApplyNumberFormat = true, ApplyAlignment = true }) { Count = 8 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
        public SharedStringTable Table { get; } = new();

        public int Add(string value)
        {
            if (index.TryGetValue(value, out var i)) return i;
            Table.Append(new SharedStringItem(new Text(value) { Space = SpaceProcessingModeValues.Preserve }));
            index[value] = i = index.Count;
            return i;
        }
    }

    private sealed class SheetBuilder(SharedStrings strings, double[] widths)
    {
        private readonly SheetData data = new();
        private uint rowIndex;

        public bool FreezeHeader { get; init; }

        public void Header(params string[] headings) => Row([.. headings.Select(h => Text(h, HeaderStyle))]);

        public void Row(params Cell[] cells)
        {
            rowIndex++;
            var row = new Row { RowIndex = rowIndex };
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i].CellReference = $"{ColumnName(i)}{rowIndex}";
                row.Append(cells[i]);
            }
            data.Append(row);
        }

        public Cell Text(string? value, uint style = Plain) => string.IsNullOrEmpty(value)
            ? Empty(style)
            : new Cell
            {
                DataType = CellValues.SharedString,
                CellValue = new CellValue(strings.Add(value.Replace("\r\n", "\n")).ToString(CultureInfo.InvariantCulture)),
                StyleIndex = style,
            };

        public Cell Number(decimal value, uint style = NumberStyle) =>
            new() { DataType = CellValues.Number, CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)), StyleIndex = style };

        public Cell Date(DateTime value) =>
            new() { CellValue = new CellValue(value.ToOADate().ToString(CultureInfo.InvariantCulture)), StyleIndex = DateStyle };

        public Cell Empty(uint style = Plain) => new() { StyleIndex = style };

        public Worksheet Build()
        {
            var worksheet = new Worksheet();
            if (FreezeHeader)
                worksheet.Append(new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
                { WorkbookViewId = 0, TabSelected = false }));
            var columns = new Columns();
            for (var i = 0; i < widths.Length; i++)
                columns.Append(new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = widths[i], CustomWidth = true });
            worksheet.Append(columns);
            worksheet.Append(data);
            return worksheet;
        }

        private static string ColumnName(int index)
        {
            var name = "";
            for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
            return name;
        }
    }
}

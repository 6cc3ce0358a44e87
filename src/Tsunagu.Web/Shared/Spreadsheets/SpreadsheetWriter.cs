using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace Tsunagu.Web.Shared.Spreadsheets;

/// <summary>
/// Writes an .xlsx workbook of typed cells (<see cref="SheetCell"/>): texts in the shared string table and never as a
/// formula, numbers as numbers, dates as Excel dates (a serial number with a date format), as Excel writes them itself.
/// </summary>
public sealed class SpreadsheetWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly List<SheetBuilder> sheets = [];

    /// <param name="columnWidths">Widths in characters, from column A; columns past the list keep Excel's default.</param>
    /// <param name="freezeHeader">Keeps row 1 in view while scrolling.</param>
    public SheetBuilder AddSheet(string name, IReadOnlyList<double>? columnWidths = null, bool freezeHeader = false)
    {
        var sheet = new SheetBuilder(name, columnWidths ?? [], freezeHeader);
        sheets.Add(sheet);
        return sheet;
    }

    /// <summary>A workbook of one sheet: a bold, frozen heading row and one row per record.</summary>
    public static byte[] Table(string sheetName, IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<SheetCell>> rows)
    {
        var workbook = new SpreadsheetWriter();
        var sheet = workbook.AddSheet(sheetName, freezeHeader: true);
        sheet.Headings(headings, SheetCellStyle.Bold);
        foreach (var row in rows) sheet.Row(row);
        return workbook.ToBytes();
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new X.Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var strings = new SharedStrings();
            var list = workbook.Workbook.AppendChild(new X.Sheets());
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = sheet.Build(strings, first: list.ChildElements.Count == 0);
                list.Append(new X.Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(list.ChildElements.Count + 1), Name = sheet.Name });
            }
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = strings.Table();
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The rows of one sheet, kept until the workbook is written.</summary>
    public sealed class SheetBuilder
    {
        private readonly IReadOnlyList<double> widths;
        private readonly bool freezeHeader;
        private readonly List<IReadOnlyList<SheetCell>> rows = [];

        internal SheetBuilder(string name, IReadOnlyList<double> widths, bool freezeHeader) => (Name, this.widths, this.freezeHeader) = (name, widths, freezeHeader);

        public string Name { get; }

        public void Row(params IReadOnlyList<SheetCell> cells) => rows.Add(cells);

        public void Headings(IEnumerable<string> headings, SheetCellStyle style) => Row([.. headings.Select(h => SheetCell.Text(h, style))]);

        internal X.Worksheet Build(SharedStrings strings, bool first)
        {
            var worksheet = new X.Worksheet();
            if (freezeHeader)
                worksheet.Append(new X.SheetViews(new X.SheetView(
                    new X.Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = X.PaneValues.BottomLeft, State = X.PaneStateValues.Frozen },
                    new X.Selection { Pane = X.PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
                { WorkbookViewId = 0, TabSelected = first }));
            if (widths.Count > 0)
                worksheet.Append(new X.Columns(widths.Select((width, i) => new X.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })));
            var data = new X.SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var number = (uint)r + 1;
                var row = new X.Row { RowIndex = number };
                for (var c = 0; c < rows[r].Count; c++)
                    if (Cell(rows[r][c], $"{ColumnName(c)}{number}", strings) is { } cell) row.Append(cell);
                data.Append(row);
            }
            worksheet.Append(data);
            return worksheet;
        }

        /// <summary>An empty cell is written only when it has a style of its own (a fill, say); null otherwise.</summary>
        private static X.Cell? Cell(SheetCell value, string reference, SharedStrings strings)
        {
            switch (value)
            {
                case TextCell text:
                    // Excel keeps line breaks in a cell as LF; a multi-line text is wrapped, or it shows as one long line.
                    var lines = text.Value.Replace("\r\n", "\n").Replace('\r', '\n');
                    var style = text.Style == SheetCellStyle.Plain && lines.Contains('\n') ? SheetCellStyle.Wrapped : text.Style;
                    return new X.Cell
                    {
                        CellReference = reference,
                        DataType = X.CellValues.SharedString,
                        StyleIndex = Index(style),
                        CellValue = new X.CellValue(strings.Index(lines).ToString(CultureInfo.InvariantCulture)),
                    };
                case NumberCell number:
                    return new X.Cell { CellReference = reference, StyleIndex = Index(number.Style), CellValue = new X.CellValue(SheetCell.InvariantNumber(number.Value)) };
                case DateCell date:
                    return new X.Cell { CellReference = reference, StyleIndex = Index(date.Style), CellValue = new X.CellValue(ExcelDates.Serial(date.Value).ToString(CultureInfo.InvariantCulture)) };
                default:
                    return value.Style == SheetCellStyle.Plain ? null : new X.Cell { CellReference = reference, StyleIndex = Index(value.Style) };
            }
        }

        private static uint? Index(SheetCellStyle style) => style == SheetCellStyle.Plain ? null : (uint)style;
    }

    /// <summary>0 → "A", 26 → "AA".</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>Each text once, as Excel writes them; cells refer to it by index.</summary>
    internal sealed class SharedStrings
    {
        private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
        private readonly X.SharedStringTable table = new();

        public int Index(string text)
        {
            if (index.TryGetValue(text, out var i)) return i;
            table.Append(new X.SharedStringItem(new X.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            return index[text] = index.Count;
        }

        public X.SharedStringTable Table()
        {
            table.Count = table.UniqueCount = (uint)index.Count;
            return table;
        }
    }

    private const uint DateFormat = 164, OneDecimalFormat = 165;

    /// <summary>One cell format per <see cref="SheetCellStyle"/>, in the enum's order (the style index is the enum's value).</summary>
    private static X.Stylesheet Styles()
    {
        const uint regular = 0, bold = 1, noFill = 0, pale = 2, grey = 3;
        static X.Alignment Align(X.VerticalAlignmentValues vertical, bool wrap = false)
        {
            var alignment = new X.Alignment { Vertical = vertical };
            if (wrap) alignment.WrapText = true;
            return alignment;
        }
        static X.CellFormat Format(uint font = regular, uint fill = noFill, uint numberFormat = 0, X.Alignment? alignment = null)
        {
            var format = new X.CellFormat { NumberFormatId = numberFormat, FontId = font, FillId = fill, BorderId = 0, FormatId = 0 };
            if (font != regular) format.ApplyFont = true;
            if (fill != noFill) format.ApplyFill = true;
            if (numberFormat != 0) format.ApplyNumberFormat = true;
            if (alignment is not null)
            {
                format.Append(alignment);
                format.ApplyAlignment = true;
            }
            return format;
        }
        var top = X.VerticalAlignmentValues.Top;
        var formats = new Dictionary<SheetCellStyle, X.CellFormat>
        {
            [SheetCellStyle.Plain] = Format(),
            [SheetCellStyle.Bold] = Format(bold),
            [SheetCellStyle.Heading] = Format(bold, pale, alignment: Align(X.VerticalAlignmentValues.Center, wrap: true)),
            [SheetCellStyle.Wrapped] = Format(alignment: Align(top, wrap: true)),
            [SheetCellStyle.Top] = Format(alignment: Align(top)),
            [SheetCellStyle.Date] = Format(numberFormat: DateFormat),
            [SheetCellStyle.Section] = Format(bold, grey, alignment: Align(top, wrap: true)),
            [SheetCellStyle.Label] = Format(bold, alignment: Align(top)),
            [SheetCellStyle.OneDecimal] = Format(numberFormat: OneDecimalFormat, alignment: Align(top)),
        };
        static X.Font Font(bool isBold)
        {
            var font = new X.Font();
            if (isBold) font.Append(new X.Bold());
            font.Append(new X.FontSize { Val = 11 }, new X.FontName { Val = "游ゴシック" }, new X.FontFamilyNumbering { Val = 3 }, new X.FontCharSet { Val = 128 });
            return font;
        }
        static X.Fill Solid(string argb) => new(new X.PatternFill(new X.ForegroundColor { Rgb = argb }) { PatternType = X.PatternValues.Solid });
        return new X.Stylesheet(
            new X.NumberingFormats(
                new X.NumberingFormat { NumberFormatId = DateFormat, FormatCode = "yyyy/mm/dd" },
                new X.NumberingFormat { NumberFormatId = OneDecimalFormat, FormatCode = "0.0" })
            { Count = 2 },
            new X.Fonts(Font(isBold: false), Font(isBold: true)) { Count = 2 },
            new X.Fills(
                new X.Fill(new X.PatternFill { PatternType = X.PatternValues.None }),
                new X.Fill(new X.PatternFill { PatternType = X.PatternValues.Gray125 }),
                Solid("FFE8F1FE"),
                Solid("FFEEEEF2"))
            { Count = 4 },
            new X.Borders(new X.Border(new X.LeftBorder(), new X.RightBorder(), new X.TopBorder(), new X.BottomBorder(), new X.DiagonalBorder())) { Count = 1 },
            new X.CellStyleFormats(new X.CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new X.CellFormats(Enum.GetValues<SheetCellStyle>().Select(s => formats[s])) { Count = (uint)formats.Count },
            new X.CellStyles(new X.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}

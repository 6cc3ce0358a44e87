using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace Tsunagu.Web.Shared.Spreadsheets;

/// <summary>A sheet as read: its name and its non-blank rows.</summary>
public sealed record ReadSheet(string Name, IReadOnlyList<TableRow> Rows);

/// <summary>The bytes are not an .xlsx workbook (another format, or a damaged file).</summary>
public sealed class UnreadableSpreadsheetException(Exception inner) : Exception("Not an .xlsx workbook.", inner);

/// <summary>
/// Reads the sheets of an .xlsx workbook as plain text, the same whoever saved it: a text without the furigana Japanese
/// Excel stores beside it, a number in the invariant culture (12, 39.5), a date cell as yyyy-MM-dd, a boolean as TRUE/FALSE.
/// </summary>
public static class SpreadsheetReader
{
    /// <summary>An .xlsx file is a ZIP archive, which starts with "PK": how an upload is told from CSV or JSON.</summary>
    public static bool IsWorkbook(byte[] content) => content.Length > 4 && content[0] == 'P' && content[1] == 'K';

    /// <summary>The first sheet, or the one of that name; null when there is no such sheet.</summary>
    /// <exception cref="UnreadableSpreadsheetException">The bytes are not a workbook.</exception>
    public static ReadSheet? Read(byte[] xlsx, string? sheetName = null) =>
        Sheets(xlsx, name => sheetName is null || name == sheetName.Trim(), firstOnly: true).SingleOrDefault();

    /// <summary>Every sheet, in the workbook's order; names trimmed.</summary>
    /// <exception cref="UnreadableSpreadsheetException">The bytes are not a workbook.</exception>
    public static IReadOnlyList<ReadSheet> ReadAll(byte[] xlsx) => Sheets(xlsx, _ => true, firstOnly: false);

    private static List<ReadSheet> Sheets(byte[] xlsx, Func<string, bool> wanted, bool firstOnly)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
            var values = new CellTexts(workbook);
            var sheets = new List<ReadSheet>();
            foreach (var sheet in workbook.Workbook.Descendants<X.Sheet>())
            {
                var name = sheet.Name?.Value?.Trim() ?? "";
                if (!wanted(name) || sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) continue;
                sheets.Add(new ReadSheet(name, Rows(part, values)));
                if (firstOnly) break;
            }
            return sheets;
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or FileFormatException or InvalidOperationException
                                       or System.Xml.XmlException)
        {
            throw new UnreadableSpreadsheetException(e);
        }
    }

    private static List<TableRow> Rows(WorksheetPart part, CellTexts values)
    {
        var rows = new List<TableRow>();
        var previous = 0;
        foreach (var row in part.Worksheet.Descendants<X.Row>())
        {
            var number = (int?)row.RowIndex?.Value ?? previous + 1;
            previous = number;
            var cells = new List<string>();
            foreach (var cell in row.Elements<X.Cell>())
            {
                // A cell without a reference follows the one before it.
                var index = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                while (cells.Count < index) cells.Add("");
                var text = values.Text(cell);
                if (index < cells.Count) cells[index] = text;
                else cells.Add(text);
            }
            var read = new TableRow(number, cells);
            if (!read.IsBlank) rows.Add(read);
        }
        return rows;
    }

    /// <summary>"C7" → 2; null without a reference.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference) || !char.IsAsciiLetter(reference[0])) return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }

    /// <summary>What a workbook's cells need to be read as text: its shared strings, which styles show dates, its date system.</summary>
    private sealed class CellTexts(WorkbookPart workbook)
    {
        private readonly List<string> shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<X.SharedStringItem>().Select(PlainText).ToList() ?? [];
        private readonly bool[] dateStyles = DateStyles(workbook.WorkbookStylesPart?.Stylesheet);
        private readonly bool date1904 = workbook.Workbook.WorkbookProperties?.Date1904?.Value == true;

        public string Text(X.Cell cell)
        {
            var raw = cell.CellValue?.Text ?? "";
            switch (cell.DataType?.Value)
            {
                case X.CellValues.SharedString:
                    return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "";
                case X.CellValues.InlineString:
                    return cell.InlineString is null ? "" : PlainText(cell.InlineString);
                case X.CellValues.Boolean:
                    return raw.Trim() is "1" or "true" ? "TRUE" : "FALSE";
                case X.CellValues.Date:
                    return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso) ? DateText(iso) : raw;
                case null or X.CellValues.Number:
                    if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return raw;
                    var style = (int)(cell.StyleIndex?.Value ?? 0);
                    return style < dateStyles.Length && dateStyles[style] && number is >= 0 and < 2958466
                        ? DateText(ExcelDates.FromSerial(number, date1904))
                        : NumberText(number);
                default:
                    return raw;   // a formula's text result, an error such as #N/A
            }
        }

        /// <summary>yyyy-MM-dd, with the time only when there is one.</summary>
        private static string DateText(DateTime value) =>
            value.ToString(value.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        /// <summary>
        /// To Excel's own 15 significant digits, so 0.1+0.2 saved as 0.30000000000000004 reads 0.3; no exponent, no
        /// trailing zeros.
        /// </summary>
        private static string NumberText(double number) =>
            decimal.TryParse(number.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
                ? SheetCell.InvariantNumber(exact)
                : number.ToString("R", CultureInfo.InvariantCulture);

        private static bool[] DateStyles(X.Stylesheet? styles)
        {
            var codes = styles?.NumberingFormats?.Elements<X.NumberingFormat>()
                .Where(f => f.NumberFormatId?.Value is not null)
                .GroupBy(f => f.NumberFormatId!.Value).ToDictionary(g => g.Key, g => g.First().FormatCode?.Value) ?? [];
            return styles?.CellFormats?.Elements<X.CellFormat>()
                .Select(f => f.NumberFormatId?.Value is { } id && ExcelDates.IsDateFormat(id, codes.GetValueOrDefault(id)))
                .ToArray() ?? [];
        }
    }

    /// <summary>
    /// A string item's own text: its &lt;t&gt; and the &lt;t&gt; of its rich-text runs &lt;r&gt;, never the phonetic runs
    /// &lt;rPh&gt; (the furigana Japanese Excel records as one types, which would turn 山田 into 山田ヤマダ).
    /// </summary>
    public static string PlainText(OpenXmlElement item) =>
        string.Concat(item.ChildElements.Select(child => child switch
        {
            X.Text text => text.Text,
            X.Run run => run.Text?.Text ?? "",
            _ => "",
        }));
}

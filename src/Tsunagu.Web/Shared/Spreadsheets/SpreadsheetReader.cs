using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace Tsunagu.Web.Shared.Spreadsheets;

/// <summary>A sheet as read: its name and its non-blank rows.</summary>
public sealed record ReadSheet(string Name, IReadOnlyList<TableRow> Rows);

/// <summary>The bytes are not an .xlsx workbook (another format, or a damaged file), or one past the reader's limits.</summary>
public class UnreadableSpreadsheetException : Exception
{
    public UnreadableSpreadsheetException(Exception inner) : base("Not an .xlsx workbook.", inner) { }

    protected UnreadableSpreadsheetException(string message) : base(message) { }
}

/// <summary>A workbook past one of the <see cref="SpreadsheetLimits"/>; <see cref="Exception.Message"/> says which, in Japanese, for the import page.</summary>
public sealed class SpreadsheetLimitException(string message) : UnreadableSpreadsheetException(message);

/// <summary>
/// How much reading one upload may cost. An .xlsx file is a ZIP of XML: 200 KB can inflate to 64 MB, and one cell can
/// name column AAAAAA. Each limit is checked before or while the XML is read, never after.
/// </summary>
public sealed record SpreadsheetLimits
{
    public static SpreadsheetLimits Default { get; } = new();

    /// <summary>
    /// The XML read (workbook, shared strings, styles and the sheets read), uncompressed and all together: first by the
    /// sizes the ZIP declares, then counted as it inflates, since a ZIP can lie. 10,000 groups with every column filled
    /// (a description of 220 characters each) are 21 MB: a 1.1 MB file.
    /// </summary>
    public long MaxUncompressedBytes { get; init; } = 48 * 1024 * 1024;

    /// <summary>Rows with a value, in each sheet read.</summary>
    public int MaxRows { get; init; } = 20_000;

    /// <summary>Columns: a cell with a value further right is refused before anything is kept for it.</summary>
    public int MaxColumns { get; init; } = 200;

    /// <summary>The time reading may take, whatever the file (those 10,000 groups take about 2.5 s on one core).</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Reads the sheets of an .xlsx workbook as plain text, the same whoever saved it: a text without the furigana Japanese
/// Excel stores beside it, a number in the invariant culture (12, 39.5), a date cell as yyyy-MM-dd, a boolean as TRUE/FALSE.
/// Every part is read as a stream of XML nodes, never as a document tree (the SDK's typed OpenXmlReader took 6.5 s for
/// 10,000 rows, System.Xml's reader 2.5 s), within <see cref="SpreadsheetLimits"/>.
/// </summary>
public static class SpreadsheetReader
{
    /// <summary>An .xlsx file is a ZIP archive, which starts with "PK": how an upload is told from CSV or JSON.</summary>
    public static bool IsWorkbook(byte[] content) => content.Length > 4 && content[0] == 'P' && content[1] == 'K';

    /// <summary>The first sheet, or the one of that name; null when there is no such sheet.</summary>
    /// <exception cref="UnreadableSpreadsheetException">The bytes are not a workbook.</exception>
    /// <exception cref="SpreadsheetLimitException">The workbook is past a limit.</exception>
    public static ReadSheet? Read(byte[] xlsx, string? sheetName = null, SpreadsheetLimits? limits = null, CancellationToken ct = default) =>
        Sheets(xlsx, name => sheetName is null || name == sheetName.Trim(), firstOnly: true, limits ?? SpreadsheetLimits.Default, ct).SingleOrDefault();

    /// <summary>Every sheet, in the workbook's order; names trimmed.</summary>
    /// <exception cref="UnreadableSpreadsheetException">The bytes are not a workbook.</exception>
    /// <exception cref="SpreadsheetLimitException">The workbook is past a limit.</exception>
    public static IReadOnlyList<ReadSheet> ReadAll(byte[] xlsx, SpreadsheetLimits? limits = null, CancellationToken ct = default) =>
        Sheets(xlsx, _ => true, firstOnly: false, limits ?? SpreadsheetLimits.Default, ct);

    private static List<ReadSheet> Sheets(byte[] xlsx, Func<string, bool> wanted, bool firstOnly, SpreadsheetLimits limits, CancellationToken ct)
    {
        try
        {
            var budget = new Budget(limits, xlsx, ct);
            using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
            var (list, date1904) = Workbook(workbook, budget);
            var values = new CellTexts(SharedStrings(workbook.SharedStringTablePart, budget), DateStyles(workbook.WorkbookStylesPart, budget), date1904);
            var sheets = new List<ReadSheet>();
            foreach (var (name, id) in list)
            {
                if (!wanted(name) || id is null || !workbook.TryGetPartById(id, out var part) || part is not WorksheetPart worksheet) continue;
                sheets.Add(new ReadSheet(name, Rows(worksheet, name, values, budget, limits)));
                if (firstOnly) break;
            }
            return sheets;
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or FileFormatException or InvalidOperationException
                                       or XmlException)
        {
            throw new UnreadableSpreadsheetException(e);
        }
    }

    /// <summary>The sheets' names and relationship ids in the workbook's order, and its date system.</summary>
    private static (List<(string Name, string? Id)> Sheets, bool Date1904) Workbook(WorkbookPart part, Budget budget)
    {
        var sheets = new List<(string, string?)>();
        var date1904 = false;
        using var reader = budget.Open(part);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.LocalName == "workbookPr") date1904 = reader.GetAttribute("date1904") is "1" or "true";
            else if (reader.LocalName == "sheet")
                // r:id, in the transitional or the strict namespace of relationships.
                sheets.Add((reader.GetAttribute("name")?.Trim() ?? "",
                    reader.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
                        ?? reader.GetAttribute("id", "http://purl.oclc.org/ooxml/officeDocument/relationships")));
        }
        return (sheets, date1904);
    }

    private static List<string> SharedStrings(SharedStringTablePart? part, Budget budget)
    {
        var strings = new List<string>();
        if (part is null) return strings;
        using var reader = budget.Open(part);
        while (reader.Read())
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si") strings.Add(PlainText(reader));
        return strings;
    }

    /// <summary>Which cell styles (cellXfs, by index) show a date.</summary>
    private static bool[] DateStyles(WorkbookStylesPart? part, Budget budget)
    {
        if (part is null) return [];
        var codes = new Dictionary<uint, string?>();
        var formats = new List<uint?>();
        var cellFormats = -1;   // the depth of <cellXfs> while inside it (not <cellStyleXfs>, whose <xf> are not cells' styles)
        using var reader = budget.Open(part);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == cellFormats) cellFormats = -1;
            if (reader.NodeType != XmlNodeType.Element) continue;
            switch (reader.LocalName)
            {
                case "numFmt" when Number(reader.GetAttribute("numFmtId")) is { } id:
                    codes.TryAdd(id, reader.GetAttribute("formatCode"));
                    break;
                case "cellXfs" when !reader.IsEmptyElement:
                    cellFormats = reader.Depth;
                    break;
                case "xf" when cellFormats >= 0:
                    formats.Add(Number(reader.GetAttribute("numFmtId")));
                    break;
            }
        }
        return [.. formats.Select(id => id is { } i && ExcelDates.IsDateFormat(i, codes.GetValueOrDefault(i)))];

        static uint? Number(string? text) => uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static List<TableRow> Rows(WorksheetPart part, string sheet, CellTexts values, Budget budget, SpreadsheetLimits limits)
    {
        var rows = new List<TableRow>();
        var previous = 0;
        using var reader = budget.Open(part);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row") continue;
            var number = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : previous + 1;
            previous = number;
            var cells = RowCells(reader, sheet, number, values, limits);
            if (cells.Count == 0) continue;
            var row = new TableRow(number, cells);
            if (row.IsBlank) continue;
            if (rows.Count == limits.MaxRows)
                throw new SpreadsheetLimitException(string.Format(CultureInfo.InvariantCulture,
                    "シート「{0}」の行が多すぎます。1つのシートから読み取れるのは{1:N0}行までです。ファイルを分けてください。", sheet, limits.MaxRows));
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The texts of a row's cells, column A first, from the reader at the row's start to its end.</summary>
    private static List<string> RowCells(XmlReader reader, string sheet, int row, CellTexts values, SpreadsheetLimits limits)
    {
        var cells = new List<string>();
        var next = 0;
        foreach (var _ in Children(reader))
        {
            if (reader.LocalName != "c") continue;
            var reference = reader.GetAttribute("r");
            // A cell without a reference follows the one before it.
            var column = reference is null ? next : ColumnIndex(reference)
                ?? throw new SpreadsheetLimitException($"シート「{sheet}」の{row}行目に、Excelにない列のセル「{Shorten(reference)}」があります。Excelで開いて保存し直してください。");
            var text = values.Text(reader);
            next = column + 1;
            if (text.Length == 0) continue;   // an empty (styled) cell costs nothing, wherever it is
            if (column >= limits.MaxColumns)
                throw new SpreadsheetLimitException(
                    $"シート「{sheet}」のセル{SpreadsheetWriter.ColumnName(column)}{row}に入力があります。読み取れるのは{SpreadsheetWriter.ColumnName(limits.MaxColumns - 1)}列（{limits.MaxColumns}列目）までです。使わない列を消して保存し直してください。");
            while (cells.Count < column) cells.Add("");
            if (column < cells.Count) cells[column] = text;
            else cells.Add(text);
        }
        return cells;
    }

    /// <summary>
    /// The reader at each child element of the element it is on, in turn; afterwards it is on that element's end (an empty
    /// element has no children and no end). What a child leaves unread is skipped.
    /// </summary>
    private static IEnumerable<XmlReader> Children(XmlReader reader)
    {
        if (reader.IsEmptyElement) yield break;
        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1) yield return reader;
    }

    /// <summary>The text inside the element the reader is on (its text and CDATA, at any depth); the reader is left at its end.</summary>
    private static string InnerText(XmlReader reader)
    {
        if (reader.IsEmptyElement) return "";
        var depth = reader.Depth;
        string? first = null;
        StringBuilder? more = null;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)) continue;
            if (first is null) first = reader.Value;
            else (more ??= new StringBuilder(first)).Append(reader.Value);
        }
        return more?.ToString() ?? first ?? "";
    }

    /// <summary>"C7" → 2; null for a reference that is not a cell of Excel's grid (A to XFD), such as AAAAAA1.</summary>
    private static int? ColumnIndex(string reference)
    {
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            // Checked letter by letter: a reference of many letters is refused here, never counted out.
            if (++letters > 3) return null;
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return letters == 0 || index > 16_384 ? null : index - 1;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    /// <summary>
    /// A string item's own text, from the reader at &lt;si&gt; or &lt;is&gt; to its end: its &lt;t&gt; and the &lt;t&gt; of its
    /// rich-text runs &lt;r&gt;, never the phonetic runs &lt;rPh&gt; (the furigana Japanese Excel records as one types, which
    /// would turn 山田 into 山田ヤマダ).
    /// </summary>
    private static string PlainText(XmlReader reader)
    {
        var text = new StringBuilder();
        foreach (var child in Children(reader))
        {
            if (child.LocalName == "t") text.Append(InnerText(child));
            else if (child.LocalName == "r")
                foreach (var run in Children(child))
                    if (run.LocalName == "t") text.Append(InnerText(run));
        }
        return text.ToString();
    }

    /// <summary>What a workbook's cells need to be read as text: its shared strings, which styles show dates, its date system.</summary>
    private sealed class CellTexts(List<string> shared, bool[] dateStyles, bool date1904)
    {
        /// <summary>The cell's text, from the reader at &lt;c&gt; (its type and style) to its end.</summary>
        public string Text(XmlReader reader)
        {
            var (type, style) = (reader.GetAttribute("t"), reader.GetAttribute("s"));
            string? raw = null, inline = null;
            foreach (var child in Children(reader))
            {
                if (child.LocalName == "v") raw = InnerText(child);
                else if (child.LocalName == "is") inline = PlainText(child);
            }
            raw ??= "";
            switch (type)
            {
                case "s":
                    return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "";
                case "inlineStr":
                    return inline ?? "";
                case "b":
                    return raw.Trim() is "1" or "true" ? "TRUE" : "FALSE";
                case "d":
                    return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso) ? DateText(iso) : raw;
                case null or "n":
                    if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return raw;
                    var index = int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
                    return index < dateStyles.Length && dateStyles[index] && number is >= 0 and < 2958466
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
    }

    /// <summary>The uncompressed bytes and the time one reading may still use, shared by every part it reads.</summary>
    private sealed class Budget
    {
        private readonly SpreadsheetLimits limits;
        private readonly CancellationToken ct;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly Dictionary<string, long> declared = new(StringComparer.OrdinalIgnoreCase);
        private long used;

        /// <summary>Reads the ZIP's directory (each entry's uncompressed size as declared), before anything is inflated.</summary>
        public Budget(SpreadsheetLimits limits, byte[] xlsx, CancellationToken ct)
        {
            (this.limits, this.ct) = (limits, ct);
            using (var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read))
                foreach (var entry in zip.Entries) declared[entry.FullName] = Math.Max(entry.Length, declared.GetValueOrDefault(entry.FullName));
            // What opening the package reads by itself: its content types and relationships.
            used = declared.Where(e => e.Key == "[Content_Types].xml" || e.Key.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)).Sum(e => e.Value);
            Expect(0);
        }

        /// <summary>Refuses what the ZIP says it holds before inflating it.</summary>
        private void Expect(long bytes)
        {
            if (used + bytes > limits.MaxUncompressedBytes) throw TooLarge();
        }

        /// <summary>A part's XML as a stream of nodes (never a document tree), counted as it inflates.</summary>
        public XmlReader Open(OpenXmlPart part)
        {
            Expect(declared.GetValueOrDefault(part.Uri.OriginalString.TrimStart('/')));
            return XmlReader.Create(new MeteredStream(part.GetStream(FileMode.Open, FileAccess.Read), this), Settings);
        }

        private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = true, IgnoreComments = true };

        /// <summary>Every few KB read: the caller may have given up (the request ended), or the time may be past.</summary>
        public void Count(int bytes)
        {
            ct.ThrowIfCancellationRequested();
            if (clock.Elapsed > limits.MaxTime)
                throw new SpreadsheetLimitException(string.Format(CultureInfo.InvariantCulture,
                    "ファイルの読み取りが{0}秒を超えたため、中止しました。ファイルを分けるか、不要な行・列・シートを消して保存し直してください。", limits.MaxTime.TotalSeconds));
            used += bytes;
            if (used > limits.MaxUncompressedBytes) throw TooLarge();
        }

        private SpreadsheetLimitException TooLarge() => new(string.Format(CultureInfo.InvariantCulture,
            "ファイルの中身が大きすぎるため、読み取りませんでした（展開すると{0:N0}MBを超えます）。不要なシート・行・書式を消すか、ファイルを分けてください。",
            limits.MaxUncompressedBytes / (1024 * 1024)));
    }

    /// <summary>A stream that tells the budget every byte read from it.</summary>
    private sealed class MeteredStream(Stream inner, Budget budget) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        private int Counted(int read)
        {
            budget.Count(read);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

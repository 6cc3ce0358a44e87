using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
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
    /// sizes the ZIP declares, then counted as it inflates, since a ZIP can lie. A sheet of 20,000 rows of groups is about 16 MB.
    /// </summary>
    public long MaxUncompressedBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Rows with a value, in each sheet read.</summary>
    public int MaxRows { get; init; } = 20_000;

    /// <summary>Columns: a cell with a value further right is refused before anything is kept for it.</summary>
    public int MaxColumns { get; init; } = 200;

    /// <summary>The time reading may take, whatever the file.</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Reads the sheets of an .xlsx workbook as plain text, the same whoever saved it: a text without the furigana Japanese
/// Excel stores beside it, a number in the invariant culture (12, 39.5), a date cell as yyyy-MM-dd, a boolean as TRUE/FALSE.
/// Every part is read as a stream (never as a document tree), within <see cref="SpreadsheetLimits"/>.
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
                                       or System.Xml.XmlException)
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
            if (!reader.IsStartElement) continue;
            if (reader.LocalName == "workbookPr") date1904 = Attribute(reader, "date1904") is "1" or "true";
            else if (reader.LocalName == "sheet")
                // r:id, in the transitional or the strict namespace of relationships.
                sheets.Add((Attribute(reader, "name")?.Trim() ?? "",
                    reader.Attributes.FirstOrDefault(a => a.LocalName == "id" && a.NamespaceUri.EndsWith("relationships", StringComparison.Ordinal)).Value));
        }
        return (sheets, date1904);
    }

    private static List<string> SharedStrings(SharedStringTablePart? part, Budget budget)
    {
        var strings = new List<string>();
        if (part is null) return strings;
        using var reader = budget.Open(part);
        while (reader.Read())
            if (reader.IsStartElement && reader.LocalName == "si") strings.Add(PlainText(reader));
        return strings;
    }

    /// <summary>Which cell styles (cellXfs, by index) show a date.</summary>
    private static bool[] DateStyles(WorkbookStylesPart? part, Budget budget)
    {
        if (part is null) return [];
        var codes = new Dictionary<uint, string?>();
        var formats = new List<uint?>();
        var inCellFormats = false;
        using var reader = budget.Open(part);
        while (reader.Read())
        {
            switch (reader.LocalName)
            {
                case "numFmt" when reader.IsStartElement && Number(Attribute(reader, "numFmtId")) is { } id:
                    codes.TryAdd(id, Attribute(reader, "formatCode"));
                    break;
                case "cellXfs":
                    inCellFormats = reader.IsStartElement;
                    break;
                case "xf" when inCellFormats && reader.IsStartElement:
                    formats.Add(Number(Attribute(reader, "numFmtId")));
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
            if (!reader.IsStartElement || reader.LocalName != "row") continue;
            var number = int.TryParse(Attribute(reader, "r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : previous + 1;
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
    private static List<string> RowCells(OpenXmlReader reader, string sheet, int row, CellTexts values, SpreadsheetLimits limits)
    {
        var cells = new List<string>();
        var depth = reader.Depth;
        var next = 0;
        while (reader.Read() && reader.Depth > depth)
        {
            if (!reader.IsStartElement || reader.LocalName != "c") continue;
            var reference = Attribute(reader, "r");
            // A cell without a reference follows the one before it.
            var column = reference is null ? next : ColumnIndex(reference)
                ?? throw new SpreadsheetLimitException($"シート「{sheet}」の{row}行目に、Excelにない列のセル「{Shorten(reference)}」があります。Excelで開いて保存し直してください。");
            var text = values.Text(reader, Attribute(reader, "t"), Attribute(reader, "s"));
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

    private static string? Attribute(OpenXmlReader reader, string localName)
    {
        foreach (var attribute in reader.Attributes)
            if (attribute.LocalName == localName && string.IsNullOrEmpty(attribute.NamespaceUri)) return attribute.Value;
        return null;
    }

    /// <summary>
    /// A string item's own text, from the reader at &lt;si&gt; or &lt;is&gt; to its end: its &lt;t&gt; and the &lt;t&gt; of its
    /// rich-text runs &lt;r&gt;, never the phonetic runs &lt;rPh&gt; (the furigana Japanese Excel records as one types, which
    /// would turn 山田 into 山田ヤマダ).
    /// </summary>
    private static string PlainText(OpenXmlReader reader)
    {
        var text = new StringBuilder();
        var depth = reader.Depth;
        int? phonetic = null;
        while (reader.Read() && reader.Depth > depth)
        {
            if (phonetic is { } inside && reader.Depth > inside) continue;
            phonetic = null;
            if (!reader.IsStartElement) continue;
            if (reader.LocalName == "rPh") phonetic = reader.Depth;
            else if (reader.LocalName == "t") text.Append(reader.GetText());
        }
        return text.ToString();
    }

    /// <summary>What a workbook's cells need to be read as text: its shared strings, which styles show dates, its date system.</summary>
    private sealed class CellTexts(List<string> shared, bool[] dateStyles, bool date1904)
    {
        /// <summary>The cell's text, from the reader at &lt;c&gt; (with its type and style) to its end.</summary>
        public string Text(OpenXmlReader reader, string? type, string? style)
        {
            string? raw = null, inline = null;
            var depth = reader.Depth;
            while (reader.Read() && reader.Depth > depth)
            {
                if (!reader.IsStartElement) continue;
                if (reader.LocalName == "v") raw = reader.GetText();
                else if (reader.LocalName == "is") inline = PlainText(reader);
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

        /// <summary>A part's XML as a stream of elements, counted as it inflates.</summary>
        public TypedOpenXmlPartReader Open(OpenXmlPart part)
        {
            Expect(declared.GetValueOrDefault(part.Uri.OriginalString.TrimStart('/')));
            return new TypedOpenXmlPartReader(new MeteredStream(part.GetStream(FileMode.Open, FileAccess.Read), this),
                new OpenXmlPartReaderOptions { IgnoreWhitespace = true, CloseStream = true });
        }

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

using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Tsunagu.Web.Shared.Spreadsheets;

/// <summary>A problem with a CSV file as a file (its encoding or quoting), in Japanese for the import page.</summary>
public sealed record CsvProblem(int? Row, string Message);

/// <summary>The rows of a CSV file (blank lines left out), or the problems that kept it from being read.</summary>
public sealed record CsvReading(IReadOnlyList<TableRow> Rows, IReadOnlyList<CsvProblem> Problems);

/// <summary>
/// CSV as Japanese Excel opens and saves it: written in UTF-8 with a BOM (without one Excel reads Shift_JIS and garbles
/// the text), CRLF, quoted where needed; read from UTF-8 (with or without BOM) or Shift_JIS (CP932), whichever the bytes are.
/// </summary>
public static class CsvFile
{
    public const string ContentType = "text/csv; charset=utf-8";

    // Shift_JIS is not among .NET's built-in encodings.
    static CsvFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// Every text cell (headings too) that a spreadsheet would take as a formula gets a leading apostrophe (OWASP "CSV
    /// Injection"): a group named =HYPERLINK(…) or an event titled @SUM(1), typed by anyone, opens in Excel as the text it
    /// is, never as a live formula. Numbers stay numbers (-5 is written -5). <see cref="Read"/> takes the apostrophe off
    /// again, so what we write imports back unchanged. A text containing a semicolon is quoted as well, so a spreadsheet
    /// set to split at semicolons cannot start a formula in the middle of it, and so is one with a lone CR or LF.
    /// </summary>
    public static byte[] Write(IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<SheetCell>> rows)
    {
        using var stream = new MemoryStream();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = "\r\n",
            // Done here instead, for text cells only: CsvHelper's own escaping would also turn the number -5 into '-5.
            InjectionOptions = InjectionOptions.None,
            // With NewLine set, CsvHelper quotes only a field holding CRLF; a lone CR or LF would end the record early.
            ShouldQuote = args => ConfigurationFunctions.ShouldQuote(args) || (args.Field?.IndexOfAny([';', '\r', '\n']) ?? -1) >= 0,
        };
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, config))
        {
            foreach (var heading in headings) csv.WriteField(Guard(heading));
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(cell is TextCell text ? Guard(text.Value) : cell.AsText());
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    /// <summary>How a spreadsheet would take the text as a formula (or, for tab and CR, hide where it starts).</summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// The text as written to a CSV cell: with an apostrophe in front when it looks like a formula, or when it already starts
    /// with apostrophes followed by what looks like one (so that <see cref="Unguard"/> can tell the two apart and every text
    /// reads back as it was).
    /// </summary>
    public static string Guard(string text) => NeedsGuard(text) ? "'" + text : text;

    /// <summary>A cell as read: the apostrophe <see cref="Guard"/> added is taken off; any other text is left as it is.</summary>
    public static string Unguard(string cell) => cell.Length > 1 && cell[0] == '\'' && NeedsGuard(cell[1..]) ? cell[1..] : cell;

    private static bool NeedsGuard(string text) => LooksLikeFormula(text.TrimStart('\''));

    /// <summary>The rows, within the rows and columns of <see cref="SpreadsheetLimits"/> (as a workbook's sheet).</summary>
    public static CsvReading Read(byte[] content, SpreadsheetLimits? limits = null)
    {
        limits ??= SpreadsheetLimits.Default;
        if (content.Length == 0) return new([], [new CsvProblem(null, "ファイルが空です。")]);
        var text = Decode(content);
        if (text is null) return new([], [new CsvProblem(null, "文字コードを判別できません。UTF-8またはShift_JISのCSVで保存してください。")]);

        var problems = new List<CsvProblem>();
        var rows = new List<TableRow>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => problems.Add(new CsvProblem(args.Context.Parser?.Row, "引用符（\"）の使い方が正しくありません。セルの中の \" は \"\" と書いてください。")),
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, config);
        try
        {
            while (parser.Read())
            {
                var row = new TableRow(parser.Row, [.. (parser.Record ?? []).Select(Unguard)]);
                if (row.IsBlank) continue;
                if (row.Cells.Skip(limits.MaxColumns).Any(c => !string.IsNullOrWhiteSpace(c)))
                {
                    problems.Add(new CsvProblem(parser.Row, $"{limits.MaxColumns}列目より右に入力があります。使わない列を消して保存し直してください。"));
                    break;
                }
                if (rows.Count == limits.MaxRows)
                {
                    problems.Add(new CsvProblem(parser.Row, string.Format(CultureInfo.InvariantCulture, "行が多すぎます。1つのファイルから読み取れるのは{0:N0}行までです。ファイルを分けてください。", limits.MaxRows)));
                    break;
                }
                rows.Add(row);
            }
        }
        catch (CsvHelperException e)
        {
            problems.Add(new CsvProblem(e.Context?.Parser?.Row, "CSVとして読み取れません。引用符（\"）が閉じられているか確認してください。"));
        }
        return new(problems.Count == 0 ? rows : [], problems);
    }

    /// <summary>UTF-8 (with a BOM, or valid UTF-8), else Shift_JIS if it decodes cleanly; null if neither.</summary>
    public static string? Decode(byte[] content)
    {
        var preamble = Encoding.UTF8.GetPreamble();
        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        if (content.AsSpan().StartsWith(preamble)) return Strict(strictUtf8, content[preamble.Length..]);
        return Strict(strictUtf8, content)
            ?? Strict(Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), content);
    }

    private static string? Strict(Encoding encoding, byte[] bytes)
    {
        try { return encoding.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
    }
}

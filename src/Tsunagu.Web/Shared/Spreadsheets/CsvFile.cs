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

    /// <param name="guardFormulas">
    /// A text starting with =, +, -, @, tab or CR gets a leading apostrophe, so Excel shows what someone typed instead of
    /// running it as a formula. Not for files meant to be imported again, where it would change the values.
    /// </param>
    public static byte[] Write(IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<SheetCell>> rows, bool guardFormulas = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n", InjectionOptions = InjectionOptions.None }))
        {
            foreach (var heading in headings) csv.WriteField(heading);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(cell is TextCell text && guardFormulas && LooksLikeFormula(text.Value) ? "'" + text.Value : cell.AsText());
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    /// <summary>How a spreadsheet would take the text as a formula (or, for tab and CR, hide where it starts).</summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static CsvReading Read(byte[] content)
    {
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
                var row = new TableRow(parser.Row, parser.Record ?? []);
                if (!row.IsBlank) rows.Add(row);
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

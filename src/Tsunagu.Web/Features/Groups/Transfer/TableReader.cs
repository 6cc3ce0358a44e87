using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tsunagu.Web.Features.Groups.Transfer;

/// <summary>A problem found in an import file: where (row and column, when known) and what.</summary>
public sealed record ImportProblem(int? Row, string? Column, string Message);

/// <summary>Rows of an uploaded table, with the file's own row numbers (the heading row is row 1).</summary>
public sealed record Table(string[] Headings, List<(int Row, string[] Cells)> Rows);

/// <summary>
/// Reads an uploaded table: .xlsx (first sheet), or CSV in UTF-8 (with or without BOM) or Shift_JIS,
/// whichever the bytes are. Broken quoting and undecodable text are reported, not guessed around.
/// </summary>
public static class TableReader
{
    static TableReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (Table? Table, List<ImportProblem> Problems) Read(byte[] content)
    {
        if (content.Length == 0) return (null, [new ImportProblem(null, null, "ファイルが空です。")]);
        if (content.Length > 4 && content[0] == 'P' && content[1] == 'K') return ReadXlsx(content);
        var text = Decode(content);
        return text is null
            ? (null, [new ImportProblem(null, null, "文字コードを判別できません。UTF-8またはShift_JISのCSVで保存してください。")])
            : ReadCsv(text);
    }

    /// <summary>UTF-8 (BOM or valid UTF-8), else Shift_JIS if it decodes cleanly; null if neither.</summary>
    public static string? Decode(byte[] content)
    {
        var preamble = Encoding.UTF8.GetPreamble();
        if (content.AsSpan().StartsWith(preamble)) return Strict(new UTF8Encoding(false, true), content[preamble.Length..]);
        return Strict(new UTF8Encoding(false, true), content)
            ?? Strict(Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), content);
    }

    private static string? Strict(Encoding encoding, byte[] bytes)
    {
        try { return encoding.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
    }

    private static (Table?, List<ImportProblem>) ReadCsv(string text)
    {
        var problems = new List<ImportProblem>();
        var rows = new List<(int, string[])>();
        string[]? headings = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => problems.Add(new ImportProblem(args.Context.Parser?.Row, null, "引用符（\"）の使い方が正しくありません。セルの中の \" は \"\" と書いてください。")),
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvParser(reader, config);
        try
        {
            while (csv.Read())
            {
                var record = csv.Record ?? [];
                if (headings is null) headings = record.Select(h => h.Trim()).ToArray();
                else if (record.Any(c => !string.IsNullOrWhiteSpace(c))) rows.Add((csv.Row, record));
            }
        }
        catch (CsvHelperException ex)
        {
            problems.Add(new ImportProblem(ex.Context?.Parser?.Row, null, "CSVとして読み取れません。引用符（\"）が閉じられているか確認してください。"));
        }
        if (headings is null) problems.Add(new ImportProblem(null, null, "見出しの行がありません。"));
        return (problems.Count == 0 ? new Table(headings!, rows) : null, problems);
    }

    private static (Table?, List<ImportProblem>) ReadXlsx(byte[] content)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException();
            var sheet = workbook.Workbook.Descendants<Sheet>().FirstOrDefault() ?? throw new InvalidDataException();
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            string[]? headings = null;
            var rows = new List<(int, string[])>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new SortedDictionary<int, string>();
                foreach (var cell in row.Elements<Cell>())
                    cells[ColumnIndex(cell.CellReference?.Value) ?? cells.Count] = CellText(cell, shared);
                var values = cells.Count == 0 ? [] : Enumerable.Range(0, cells.Keys.Max() + 1).Select(i => cells.GetValueOrDefault(i, "")).ToArray();
                var number = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 2));
                if (headings is null) headings = values.Select(v => v.Trim()).ToArray();
                else if (values.Any(v => !string.IsNullOrWhiteSpace(v))) rows.Add((number, values));
            }
            return headings is null ? (null, [new ImportProblem(null, null, "見出しの行がありません。")]) : (new Table(headings, rows), []);
        }
        catch (Exception ex) when (ex is InvalidDataException or OpenXmlPackageException or System.IO.FileFormatException)
        {
            return (null, [new ImportProblem(null, null, "Excelファイル（.xlsx）として読み取れません。")]);
        }
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i < shared.Count) return shared[i];
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        return cell.CellValue?.Text ?? "";
    }

    /// <summary>"C7" → 2.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }
}

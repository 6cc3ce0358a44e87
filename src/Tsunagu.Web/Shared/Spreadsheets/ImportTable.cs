namespace Tsunagu.Web.Shared.Spreadsheets;

/// <summary>A problem found in an import file: where (row and column, when known) and what.</summary>
public sealed record ImportProblem(int? Row, string? Column, string Message);

/// <summary>An uploaded file as a table with headings: .xlsx (first sheet) or CSV in UTF-8 or Shift_JIS.</summary>
public static class ImportTable
{
    /// <summary>The upload as a table; null, with the problems, when it cannot be read as one.</summary>
    public static (HeadedTable? Table, List<ImportProblem> Problems) Read(byte[] content, CancellationToken ct = default)
    {
        IReadOnlyList<TableRow> rows;
        if (SpreadsheetReader.IsWorkbook(content))
        {
            try { rows = SpreadsheetReader.Read(content, ct: ct)?.Rows ?? []; }
            catch (SpreadsheetLimitException e) { return (null, [new ImportProblem(null, null, e.Message)]); }
            catch (UnreadableSpreadsheetException) { return (null, [new ImportProblem(null, null, "Excelファイル（.xlsx）として読み取れません。")]); }
        }
        else
        {
            var csv = CsvFile.Read(content);
            if (csv.Problems.Count > 0) return (null, [.. csv.Problems.Select(p => new ImportProblem(p.Row, null, p.Message))]);
            rows = csv.Rows;
        }
        var table = HeadedTable.From(rows);
        return table.HasHeadings ? (table, []) : (null, [new ImportProblem(null, null, "見出しの行がありません。")]);
    }

    /// <summary>
    /// The problems of the headings themselves: a heading written twice, one the importer does not know, a required one
    /// missing. An importer reads no row while there are any.
    /// </summary>
    public static List<ImportProblem> HeadingProblems(HeadedTable table, IReadOnlyCollection<string> known, IEnumerable<string> required)
    {
        var problems = new List<ImportProblem>();
        foreach (var repeated in table.Repeated) problems.Add(new ImportProblem(table.HeadingRow, repeated.Heading, HeadedTable.RepeatedMessage(repeated)));
        foreach (var h in table.Headings.Where(h => h.Length > 0 && !known.Contains(h)).Distinct())
            problems.Add(new ImportProblem(table.HeadingRow, h, $"「{h}」という列は使えません。列の名前はエクスポートしたファイルと同じにしてください。"));
        foreach (var h in required.Where(r => !table.Headings.Contains(r))) problems.Add(new ImportProblem(table.HeadingRow, h, $"必須の列「{h}」がありません。"));
        return problems;
    }
}

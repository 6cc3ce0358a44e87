namespace Tsunagu.Web.Shared.Spreadsheets;

/// <summary>A row read from a sheet or a CSV file: its number in the file (as Excel or a text editor counts) and its cells as text, column A first.</summary>
public sealed record TableRow(int Number, IReadOnlyList<string> Cells)
{
    /// <summary>The cell of a column, "" past the row's last cell.</summary>
    public string this[int column] => column < Cells.Count ? Cells[column] : "";

    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// A table as people keep it in a spreadsheet: the first non-blank row is the headings, every non-blank row after it
/// a record, and a column is found by its heading, so the columns may come in any order.
/// </summary>
public sealed class HeadedTable
{
    private HeadedTable(TableRow heading, List<TableRow> rows)
    {
        HeadingRow = heading.Number;
        Headings = [.. heading.Cells.Select(h => h.Trim())];
        var columns = new Dictionary<string, int>();
        var repeated = new List<(string, int, int)>();
        for (var i = 0; i < Headings.Count; i++)
        {
            if (Headings[i].Length == 0) continue;
            if (!columns.TryAdd(Headings[i], i)) repeated.Add((Headings[i], columns[Headings[i]], i));
        }
        Columns = columns;
        Repeated = repeated;
        Rows = rows;
    }

    /// <summary>When every row is blank: no headings (<see cref="HasHeadings"/> false) and no rows.</summary>
    public static HeadedTable From(IEnumerable<TableRow> rows)
    {
        var filled = rows.Where(r => !r.IsBlank).ToList();
        return filled.Count == 0 ? new HeadedTable(new TableRow(1, []), []) : new HeadedTable(filled[0], filled[1..]);
    }

    public bool HasHeadings => Columns.Count > 0;

    public int HeadingRow { get; }
    /// <summary>Trimmed, in the file's order; "" for a column without a heading.</summary>
    public IReadOnlyList<string> Headings { get; }
    /// <summary>Each heading's column index (the first, for a heading written twice).</summary>
    public IReadOnlyDictionary<string, int> Columns { get; }
    /// <summary>Each heading written again: which column would count is a guess, so importers refuse these.</summary>
    public IReadOnlyList<(string Heading, int First, int Again)> Repeated { get; }

    /// <summary>The message for a repeated heading, with the columns as Excel names them.</summary>
    public static string RepeatedMessage((string Heading, int First, int Again) repeated) =>
        $"見出し「{repeated.Heading}」の列が2つあります（{SpreadsheetWriter.ColumnName(repeated.First)}列と{SpreadsheetWriter.ColumnName(repeated.Again)}列）。どちらかの列を消すか、見出しを直してください。";
    public IReadOnlyList<TableRow> Rows { get; }

    /// <summary>The cell under a heading, trimmed; "" when empty or when there is no such column.</summary>
    public string Text(TableRow row, string heading) => Columns.TryGetValue(heading, out var i) ? row[i].Trim() : "";

    /// <summary>The cell under a heading, trimmed; null when empty or when there is no such column.</summary>
    public string? TextOrNull(TableRow row, string heading) => Text(row, heading) is { Length: > 0 } text ? text : null;
}

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tsunagu.Web.Shared.Spreadsheets;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>
/// Workbooks as Japanese Excel saves what people type: every text a shared string, with the reading the input method
/// gave each word kept beside it in phonetic runs (&lt;rPh&gt;), e.g.
/// <c>&lt;si&gt;&lt;t&gt;山田&lt;/t&gt;&lt;rPh sb="0" eb="2"&gt;&lt;t&gt;ヤマダ&lt;/t&gt;&lt;/rPh&gt;&lt;phoneticPr fontId="1"/&gt;&lt;/si&gt;</c>.
/// </summary>
public static class JapaneseExcel
{
    /// <summary>The words given a reading wherever they appear.</summary>
    public static readonly IReadOnlyDictionary<string, string> Readings = new Dictionary<string, string>
    {
        ["山田"] = "ヤマダ",
        ["海岸"] = "カイガン",
        ["清掃"] = "セイソウ",
        ["代表"] = "ダイヒョウ",
        ["計画"] = "ケイカク",
        ["森"] = "モリ",
    };

    /// <summary>Each sheet's rows from row 1; null or "" leaves the cell out.</summary>
    public static byte[] Workbook(params (string Name, string?[][] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = new List<string>();
            var list = workbook.Workbook.AppendChild(new Sheets());
            foreach (var (name, rows) in sheets)
            {
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    var row = new Row { RowIndex = (uint)r + 1 };
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        if (string.IsNullOrEmpty(rows[r][c])) continue;
                        var index = strings.IndexOf(rows[r][c]!);
                        if (index < 0) { index = strings.Count; strings.Add(rows[r][c]!); }
                        row.Append(new Cell
                        {
                            CellReference = $"{SpreadsheetWriter.ColumnName(c)}{r + 1}",
                            DataType = CellValues.SharedString,
                            CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                            ShowPhonetic = true,
                        });
                    }
                    data.Append(row);
                }
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(data, new PhoneticProperties { FontId = 1, Type = PhoneticValues.NoConversion });
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)list.ChildElements.Count + 1, Name = name });
            }
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable =
                new SharedStringTable(strings.Select(Item)) { Count = (uint)strings.Count, UniqueCount = (uint)strings.Count };
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The text, a phonetic run over each word with a reading, then the phonetic properties, as Excel orders them.</summary>
    public static SharedStringItem Item(string text)
    {
        var item = new SharedStringItem(new Text(text));
        var words = Readings.SelectMany(r => Positions(text, r.Key).Select(at => (At: at, Word: r.Key, Reading: r.Value))).OrderBy(w => w.At);
        foreach (var (at, word, reading) in words)
            item.Append(new PhoneticRun(new Text(reading)) { BaseTextStartIndex = (uint)at, EndingBaseIndex = (uint)(at + word.Length) });
        item.Append(new PhoneticProperties { FontId = 1 });
        return item;
    }

    private static IEnumerable<int> Positions(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            yield return at;
    }
}

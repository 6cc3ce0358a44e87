using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tsunagu.Web.Features.Groups.Transfer;

/// <summary>Writes a table as CSV (UTF-8 with BOM, for Japanese Excel) or as an .xlsx workbook.</summary>
public static class SpreadsheetFiles
{
    /// <param name="guardFormulas">
    /// Cells starting with =, +, - or @ are written with a leading apostrophe, so Excel shows text that people typed instead
    /// of running it as a formula (not for files meant to be imported again, where it would change the values).
    /// </param>
    public static byte[] Csv(IReadOnlyList<string> headings, IEnumerable<string[]> rows, bool guardFormulas = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)
               { NewLine = "\r\n", InjectionOptions = guardFormulas ? InjectionOptions.Escape : InjectionOptions.None }))
        {
            foreach (var h in headings) csv.WriteField(h);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(cell);
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    public static byte[] Xlsx(string sheetName, IReadOnlyList<string> headings, IEnumerable<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(headings));
            foreach (var row in rows) data.Append(Row(row));
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Every cell as text (inline string), so codes and postal codes keep their leading zeros.</summary>
    private static Row Row(IEnumerable<string> cells)
    {
        var row = new Row();
        foreach (var value in cells)
            row.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }) });
        return row;
    }
}

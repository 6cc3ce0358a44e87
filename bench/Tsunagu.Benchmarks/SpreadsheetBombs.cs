using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Tsunagu.Web.Shared.Spreadsheets;

namespace Tsunagu.Benchmarks;

/// <summary>
/// The hostile workbooks of the hardening issue, read once each by the reader every import uses, in a process of its
/// own (the peak working set is the process's): a sheet that inflates to 64 MB of XML, and a sheet whose cells sit at
/// column AAAAAA. Prints the file's size, the time to the reader's answer, and the working set before and at its peak.
///   dotnet run -c Release --project bench/Tsunagu.Benchmarks -- spreadsheet [inflating|far-column]
/// </summary>
public static class SpreadsheetBombs
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static int Run(string[] args)
    {
        var kind = args.Length > 1 ? args[1] : "inflating";
        var xlsx = kind switch
        {
            "inflating" => Workbook(w =>
            {
                const string row = "<row><c t=\"inlineStr\"><is><t>繰り返し</t></is></c><c><v>1</v></c></row>";
                for (var written = 0L; written < 64L * 1024 * 1024; written += Encoding.UTF8.GetByteCount(row)) w.Write(row);
            }),
            "far-column" => Workbook(w =>
            {
                for (var r = 1; r <= 10; r++) w.Write($"<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c><c r=\"AAAAAA{r}\"><v>{r}</v></c></row>");
            }),
            _ => throw new ArgumentException($"Unknown workbook {kind}: inflating or far-column"),
        };
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var clock = Stopwatch.StartNew();
        string answer;
        try
        {
            answer = $"read {SpreadsheetReader.Read(xlsx)?.Rows.Count ?? 0} rows";
        }
        catch (UnreadableSpreadsheetException e)
        {
            answer = $"refused: {e.Message}";
        }
        clock.Stop();
        process.Refresh();
        Console.WriteLine($"{kind}: {xlsx.Length / 1024.0:0.0} KB file; {clock.Elapsed.TotalSeconds:0.000} s; working set {before / 1048576} MB before, peak {process.PeakWorkingSet64 / 1048576} MB; {answer}");
        return 0;
    }

    /// <summary>A workbook of one sheet whose XML is written as it is, straight into the ZIP.</summary>
    private static byte[] Workbook(Action<TextWriter> writeSheetData)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, Action<TextWriter> write)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
                write(writer);
            }
            Entry("[Content_Types].xml", w => w.Write("""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""));
            Entry("_rels/.rels", w => w.Write("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
            Entry("xl/workbook.xml", w => w.Write($"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
            Entry("xl/_rels/workbook.xml.rels", w => w.Write("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""));
            Entry("xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>""");
                writeSheetData(w);
                w.Write("</sheetData></worksheet>");
            });
        }
        return stream.ToArray();
    }
}

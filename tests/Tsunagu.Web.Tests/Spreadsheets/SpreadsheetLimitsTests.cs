using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Tsunagu.Web.Shared.Spreadsheets;

namespace Tsunagu.Web.Tests.Spreadsheets;

/// <summary>
/// The reader's limits, each refused with its message before or while reading, never after: a workbook that inflates
/// far beyond its size, a cell at a column Excel does not have, too many rows or columns, too much time. Nothing here is
/// timed: what is checked is the refusal, and that the reading stopped (what it allocated stays small).
/// </summary>
public class SpreadsheetLimitsTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook of one sheet named Sheet1 whose XML is written as it is, straight into the ZIP.</summary>
    private static byte[] Workbook(Action<TextWriter> writeSheetData)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, Action<TextWriter> write)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
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

    private static byte[] Rows(params string[] rows) => Workbook(w => { foreach (var row in rows) w.Write(row); });

    /// <summary>The same sheet row written over and over: about 64 MB of XML that compresses to a few hundred KB.</summary>
    public static byte[] InflatingWorkbook() => Workbook(w =>
    {
        const string row = "<row><c t=\"inlineStr\"><is><t>繰り返し</t></is></c><c><v>1</v></c></row>";
        for (var written = 0L; written < 64L * 1024 * 1024; written += Encoding.UTF8.GetByteCount(row)) w.Write(row);
    });

    /// <summary>The ZIP declares <paramref name="size"/> bytes for the entry, in its directory and its local header, whatever it holds.</summary>
    private static byte[] DeclaringSize(byte[] zip, string entry, uint size)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.ASCII.GetBytes(entry);
        for (var at = 0; at < bytes.Length - 46; at++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) != 0x02014b50) continue;
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 28));
            if (!bytes.AsSpan(at + 46, nameLength).SequenceEqual(name)) continue;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 24), size);
            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 42));
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(local + 22), size);
            return bytes;
        }
        throw new InvalidOperationException($"No entry {entry}");
    }

    /// <summary>What reading allocated, in bytes: a refused bomb must cost little, not the 2.8 GB of a document tree.</summary>
    private static (Exception Refusal, long Allocated) Refusal(Action read)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Should.Throw<UnreadableSpreadsheetException>(read);
        return (refusal, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void AWorkbookInflatingTo64MB_IsRefusedByItsSize_BeforeItIsRead()
    {
        var xlsx = InflatingWorkbook();
        xlsx.Length.ShouldBeLessThan(2 * 1024 * 1024, "the bomb is small as a file");

        var (refusal, allocated) = Refusal(() => SpreadsheetReader.Read(xlsx));

        refusal.ShouldBeOfType<SpreadsheetLimitException>().Message.ShouldContain("ファイルの中身が大きすぎる");
        allocated.ShouldBeLessThan(8L * 1024 * 1024);
    }

    [Fact]
    public void AWorkbookThatLiesAboutItsSize_IsStoppedWhileReading()
    {
        // The directory says 100 KB; the sheet inflates to 64 MB.
        var xlsx = DeclaringSize(InflatingWorkbook(), "xl/worksheets/sheet1.xml", 100 * 1024);

        var (_, allocated) = Refusal(() => SpreadsheetReader.Read(xlsx, limits: new SpreadsheetLimits { MaxRows = 1_000_000 }));

        allocated.ShouldBeLessThan(64L * 1024 * 1024, "reading stopped long before the 64 MB");
    }

    [Fact]
    public void TheUncompressedBytes_AreCountedAsTheyAreRead()
    {
        var xlsx = Rows([.. Enumerable.Range(1, 2000).Select(r => $"<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c></row>")]);

        var refusal = Should.Throw<SpreadsheetLimitException>(() => SpreadsheetReader.Read(xlsx, limits: new SpreadsheetLimits { MaxUncompressedBytes = 16 * 1024 }));

        refusal.Message.ShouldContain("ファイルの中身が大きすぎる");
        SpreadsheetReader.Read(xlsx)!.Rows.Count.ShouldBe(2000);
    }

    [Fact]
    public void ACellAtColumnAAAAAA_IsRefusedAtOnce()
    {
        var xlsx = Rows("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"AAAAAA1\"><v>2</v></c></row>");

        var (refusal, allocated) = Refusal(() => SpreadsheetReader.Read(xlsx));

        refusal.ShouldBeOfType<SpreadsheetLimitException>().Message.ShouldContain("AAAAAA1");
        allocated.ShouldBeLessThan(4L * 1024 * 1024, "no cell is made for the columns before it");
    }

    [Fact]
    public void AValueRightOfTheLastColumn_IsRefused_AnEmptyStyledCellThereIsNot()
    {
        var limits = new SpreadsheetLimits { MaxColumns = 3 };
        SpreadsheetReader.Read(Rows("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"XFD1\" s=\"0\"/></row>"), limits: limits)!.Rows.Single().Cells.ShouldBe(["1"]);

        var refusal = Should.Throw<SpreadsheetLimitException>(() => SpreadsheetReader.Read(Rows("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"D1\"><v>4</v></c></row>"), limits: limits));

        refusal.Message.ShouldContain("D1");
        refusal.Message.ShouldContain("C列（3列目）まで");
    }

    [Fact]
    public void TooManyRows_AreRefused_BlankRowsDoNotCount()
    {
        var limits = new SpreadsheetLimits { MaxRows = 3 };
        string Row(int r) => $"<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c></row>";
        SpreadsheetReader.Read(Rows(Row(1), "<row r=\"2\"/>", "<row r=\"3\"><c r=\"A3\" s=\"0\"/></row>", Row(4), Row(5)), limits: limits)!.Rows.Count.ShouldBe(3);

        var refusal = Should.Throw<SpreadsheetLimitException>(() => SpreadsheetReader.Read(Rows(Row(1), Row(2), Row(3), Row(4)), limits: limits));

        refusal.Message.ShouldContain("シート「Sheet1」の行が多すぎます");
        refusal.Message.ShouldContain("3行まで");
    }

    [Fact]
    public void ReadingPastItsTime_IsRefused_ButTheCallersCancellationIsNotALimit()
    {
        var xlsx = Rows("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");

        Should.Throw<SpreadsheetLimitException>(() => SpreadsheetReader.Read(xlsx, limits: new SpreadsheetLimits { MaxTime = TimeSpan.Zero }))
            .Message.ShouldContain("秒を超えた");
        Should.Throw<OperationCanceledException>(() => SpreadsheetReader.Read(xlsx, ct: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Csv_TooManyRowsOrAValueTooFarRight_IsAProblem()
    {
        var limits = new SpreadsheetLimits { MaxRows = 2, MaxColumns = 3 };
        CsvFile.Read("a,b,c\r\n\r\n1,2,3\r\n"u8.ToArray(), limits).Problems.ShouldBeEmpty();
        CsvFile.Read("a,b,c\r\n1,2,3\r\n4,5,6\r\n"u8.ToArray(), limits).Problems.Single().Message.ShouldContain("行が多すぎます");
        var wide = CsvFile.Read("a,b,c,,,\r\n1,2,3,,,x\r\n"u8.ToArray(), limits);
        wide.Problems.Single().Message.ShouldContain("3列目より右に入力があります");
        wide.Rows.ShouldBeEmpty();
    }
}

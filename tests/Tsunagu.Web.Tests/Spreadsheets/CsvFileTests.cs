using System.Text;
using Tsunagu.Web.Shared.Spreadsheets;

namespace Tsunagu.Web.Tests.Spreadsheets;

/// <summary>The shared CSV writer and reader, on their own.</summary>
public class CsvFileTests
{
    private static readonly SheetCell[][] Rows =
    [
        ["山田", 12, new DateOnly(2015, 4, 1), "カンマ,と\"引用符\"と\r\n改行"],
        ["=HYPERLINK(\"https://example.com\")", -5, SheetCell.Empty, "@x"],
    ];

    [Fact]
    public void Write_IsUtf8WithBom_CrLf_QuotedWhereNeeded()
    {
        var bytes = CsvFile.Write(["名前", "数", "日付", "メモ"], Rows);
        bytes[..3].ShouldBe(Encoding.UTF8.GetPreamble());
        Encoding.UTF8.GetString(bytes[3..]).ShouldBe(
            "名前,数,日付,メモ\r\n" +
            "山田,12,2015-04-01,\"カンマ,と\"\"引用符\"\"と\r\n改行\"\r\n" +
            "\"'=HYPERLINK(\"\"https://example.com\"\")\",-5,,'@x\r\n");
    }

    [Fact]
    public void WhatIsWritten_ReadsBack()
    {
        var read = CsvFile.Read(CsvFile.Write(["名前", "数", "日付", "メモ"], Rows));
        read.Problems.ShouldBeEmpty();
        read.Rows.Select(r => r.Number).ShouldBe([1, 2, 3]);
        read.Rows[1].Cells.ShouldBe(["山田", "12", "2015-04-01", "カンマ,と\"引用符\"と\r\n改行"]);
        read.Rows[2].Cells.ShouldBe(["=HYPERLINK(\"https://example.com\")", "-5", "", "@x"]);
    }

    [Theory]
    [InlineData("shift_jis")]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    public void Read_DetectsTheEncoding(string encoding)
    {
        const string csv = "団体名,ふりがな\r\n山田の会（ﾃｽﾄ）,やまだのかい\r\n\r\n～①髙,\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = encoding switch
        {
            "shift_jis" => Encoding.GetEncoding(932).GetBytes(csv),
            "utf-8" => Encoding.UTF8.GetBytes(csv),
            _ => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
        };
        var read = CsvFile.Read(bytes);
        read.Problems.ShouldBeEmpty();
        read.Rows.Select(r => string.Join("|", r.Cells)).ShouldBe(["団体名|ふりがな", "山田の会（ﾃｽﾄ）|やまだのかい", "～①髙|"], "blank lines are left out");
    }

    [Fact]
    public void Read_RefusesWhatItCannotDecodeOrParse()
    {
        CsvFile.Read([]).Problems.Single().Message.ShouldContain("空");
        CsvFile.Read([0x81, 0x20, 0x2C, 0x81, 0x0D, 0x0A]).Problems.Single().Message.ShouldContain("文字コード");
        var broken = CsvFile.Read(Encoding.UTF8.GetBytes("a,b\r\n\"閉じていない,"));
        broken.Problems.ShouldNotBeEmpty();
        broken.Rows.ShouldBeEmpty();
    }
}

using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Groups.Transfer;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Spreadsheets;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Groups;

public class GroupImportTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "nagato";
    private static readonly string Heading = string.Join(",", GroupTable.Headings);

    private static string Row(string name, string fields = "環境保全、まちづくり", string district = "湊", string email = "rep@example.jp",
        string phone = "0837-22-2111", string postal = "759-4101", string kana = "てすとだんたい") =>
        string.Join(",", name, kana, "ボランティア団体", "", fields, district, "\"海岸を清掃しています。\"\"きれいな海\"\"を守ります。\"", "毎月第1日曜日", "仙崎海岸",
            "12", "2015-04-01", "なし", "https://example.jp", "", "はい", "事務局", "info@example.jp", "", "代表 一郎", email, phone, postal, "長門市東深川", "登録済み（公開中）");

    private async Task<Browser> StaffAsync()
    {
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        return browser;
    }

    private static Task<IHtmlDocument> UploadAsync(Browser browser, byte[] content, string fileName) => GroupImportPage.UploadAsync(browser, City, content, fileName);

    private Task<int> CountAsync() =>
        TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().CountAsync(g => db.Cities.Any(c => c.Id == g.CityId && c.Slug == City)));

    private static List<(string Row, string Column, string Message)> Problems(IHtmlDocument page) => GroupImportPage.Problems(page);

    private static string Unique(string stem) => $"{stem}{Guid.NewGuid():N}"[..(stem.Length + 8)];

    [Theory]
    [InlineData("utf8-bom")]
    [InlineData("utf8")]
    [InlineData("shift_jis")]
    [InlineData("xlsx")]
    public async Task GoodFile_IsPreviewed_ThenCommittedWhole(string kind)
    {
        var browser = await StaffAsync();
        var names = new[] { Unique("取込A"), Unique("取込B") };
        var csv = Heading + "\r\n" + Row(names[0]) + "\r\n" + Row(names[1], district: "") + "\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var content = kind switch
        {
            "utf8-bom" => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(),
            "utf8" => Encoding.UTF8.GetBytes(csv),
            "shift_jis" => Encoding.GetEncoding(932).GetBytes(csv),
            _ => SpreadsheetWriter.Table(GroupTable.SheetName, GroupTable.Headings,
                    CsvFile.Read(Encoding.UTF8.GetBytes(csv)).Rows.Skip(1).Select(r => r.Cells.Select(c => SheetCell.Text(c)).ToArray())),
        };
        var before = await CountAsync();
        var preview = await UploadAsync(browser, content, kind == "xlsx" ? "groups.xlsx" : "groups.csv");
        preview.QuerySelector(".notice--success")!.TextContent.ShouldContain("2件の団体を取り込めます");
        (await CountAsync()).ShouldBe(before, "a preview writes no group");

        var commit = await GroupImportPage.CommitAsync(browser, City, preview);
        commit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CountAsync()).ShouldBe(before + 2);
        var imported = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Include(g => g.Fields).Include(g => g.Districts).SingleAsync(g => g.Name == names[0]));
        imported.Description.ShouldBe("海岸を清掃しています。\"きれいな海\"を守ります。");
        imported.Fields.Select(f => f.Field).Order().ShouldBe([3, 7]);
        imported.Districts.Count.ShouldBe(1);
        imported.RepresentativePostalCode.ShouldBe("759-4101");

        // The same upload cannot be committed twice.
        (await GroupImportPage.CommitAsync(browser, City, preview)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WorkbookSavedByJapaneseExcel_IsImportedWithoutTheFurigana()
    {
        var browser = await StaffAsync();
        var name = Unique("山田海岸清掃の会");
        var row = CsvFile.Read(Encoding.UTF8.GetBytes(Heading + "\r\n" + Row(name, kana: "やまだかいがんせいそうのかい"))).Rows[1].Cells.ToArray();
        var xlsx = JapaneseExcel.Workbook((GroupTable.SheetName, [GroupTable.Headings, row]));

        var preview = await UploadAsync(browser, xlsx, "japanese-excel.xlsx");
        preview.QuerySelector(".notice--success")!.TextContent.ShouldContain("1件の団体を取り込めます");
        (await GroupImportPage.CommitAsync(browser, City, preview)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var imported = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().SingleAsync(g => g.NameKana == "やまだかいがんせいそうのかい"));
        imported.Name.ShouldBe(name, "山田, not 山田ヤマダ");
        imported.Description.ShouldBe("海岸を清掃しています。\"きれいな海\"を守ります。");
        imported.MeetingPlace.ShouldBe("仙崎海岸");
        imported.RepresentativeName.ShouldBe("代表 一郎");
    }

    [Fact]
    public async Task BadRows_AreReportedByRowAndColumn_AndNothingIsImported()
    {
        var existing = (await TestData.CreateGroupAsync(factory, City, g => g.Named(Unique("既存"), "きそん"))).Name;
        var browser = await StaffAsync();
        var dup = Unique("重複");
        var csv = string.Join("\r\n", Heading,
            Row(Unique("良い行")),                          // row 2: fine
            Row(existing),                                  // row 3: name taken in the city
            Row(dup), Row(dup),                             // rows 4, 5: same name twice in the file
            Row(Unique("分野"), fields: "宇宙開発"),         // row 6: unknown field
            Row(Unique("地区"), district: "下関"),           // row 7: district of no such name in Nagato
            Row(Unique("連絡"), email: "not-an-email", phone: "12345", postal: "75-0852"), // row 8
            Row("", kana: ""));                             // row 9: required cells empty
        var before = await CountAsync();
        var page = await UploadAsync(browser, Encoding.UTF8.GetBytes(csv), "bad.csv");
        var problems = Problems(page);
        problems.ShouldContain(p => p.Row == "3" && p.Column == "団体名" && p.Message.Contains("すでに登録"));
        problems.ShouldContain(p => p.Row == "5" && p.Column == "団体名" && p.Message.Contains("4行目"));
        problems.ShouldContain(p => p.Row == "6" && p.Column == "活動分野" && p.Message.Contains("宇宙開発"));
        problems.ShouldContain(p => p.Row == "7" && p.Column == "地区" && p.Message.Contains("下関"));
        problems.ShouldContain(p => p.Row == "8" && p.Column == "代表者メールアドレス");
        problems.ShouldContain(p => p.Row == "8" && p.Column == "代表者電話番号");
        problems.ShouldContain(p => p.Row == "8" && p.Column == "代表者郵便番号");
        problems.ShouldContain(p => p.Row == "9" && p.Column == "団体名");
        problems.ShouldContain(p => p.Row == "9" && p.Column == "ふりがな");
        problems.ShouldNotContain(p => p.Row == "2");
        page.QuerySelector("input[name=uploadId]").ShouldBeNull();
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task MissingAndUnknownColumns_AreRefused()
    {
        var browser = await StaffAsync();
        var csv = "団体名,ふりがな,種類,好きな食べ物\r\nあ,あ,その他,カレー\r\n";
        var problems = Problems(await UploadAsync(browser, Encoding.UTF8.GetBytes(csv), "columns.csv"));
        problems.ShouldContain(p => p.Row == "1" && p.Column == "好きな食べ物");
        problems.ShouldContain(p => p.Row == "1" && p.Column == "活動分野" && p.Message.Contains("必須の列"));
        problems.ShouldContain(p => p.Row == "1" && p.Column == "代表者メールアドレス");
    }

    [Fact]
    public async Task BrokenQuoting_IsRefused()
    {
        var browser = await StaffAsync();
        var csv = Heading + "\r\n" + Row(Unique("引用")).Replace("\"海岸", "海\"岸") + "\r\n\"閉じていない,";
        var problems = Problems(await UploadAsync(browser, Encoding.UTF8.GetBytes(csv), "quotes.csv"));
        problems.ShouldNotBeEmpty();
        problems.ShouldContain(p => p.Message.Contains("引用符"));
    }

    [Fact]
    public async Task WrongEncoding_IsRefused()
    {
        var browser = await StaffAsync();
        // A Shift_JIS lead byte followed by a byte that cannot trail it: neither valid Shift_JIS nor valid UTF-8.
        var content = new byte[] { 0x81, 0x20, 0x2C, 0x81, 0x0D, 0x0A };
        var problems = Problems(await UploadAsync(browser, content, "euc.csv"));
        problems.ShouldContain(p => p.Message.Contains("文字コード"));
    }

    [Fact]
    public async Task AFileThatIsNotASpreadsheet_IsRefused()
    {
        var browser = await StaffAsync();
        var problems = Problems(await UploadAsync(browser, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01, 0x02], "fake.xlsx"));
        problems.ShouldContain(p => p.Message.Contains("Excel"));
    }

    [Fact]
    public async Task ARepeatedHeading_IsAProblem_NotAGuess()
    {
        var browser = await StaffAsync();
        var csv = Heading + ",団体名\r\n" + Row(Unique("見出し")) + ",別の名前\r\n";
        var before = await CountAsync();
        var page = await UploadAsync(browser, Encoding.UTF8.GetBytes(csv), "repeated.csv");
        Problems(page).ShouldContain(p => p.Row == "1" && p.Column == "団体名" && p.Message.Contains("見出し「団体名」の列が2つあります（A列とY列）"));
        page.QuerySelector("input[name=uploadId]").ShouldBeNull();
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task AWorkbookPastTheReadersLimits_IsRefusedWithItsMessage_AndNothingIsImported()
    {
        var browser = await StaffAsync();
        var before = await CountAsync();
        var inflating = Problems(await UploadAsync(browser, Spreadsheets.SpreadsheetLimitsTests.InflatingWorkbook(), "bomb.xlsx"));
        inflating.ShouldContain(p => p.Message.Contains("ファイルの中身が大きすぎる"));

        var farColumn = SpreadsheetWriter.Table(GroupTable.SheetName, [.. GroupTable.Headings, .. Enumerable.Range(0, 300).Select(i => i == 299 ? "遠くの列" : "")], []);
        var wide = Problems(await UploadAsync(browser, farColumn, "wide.xlsx"));
        wide.ShouldContain(p => p.Message.Contains("GR列（200列目）まで"));
        (await CountAsync()).ShouldBe(before);
    }
}

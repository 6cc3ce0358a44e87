using System.Net;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

/// <summary>The events as open data, in the item list of the 自治体標準オープンデータセット「イベント一覧」.</summary>
public class OpenDataEventsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "muroran";

    private static readonly string[] Columns =
    [
        "全国地方公共団体コード", "ID", "地方公共団体名", "イベント名", "イベント名_カナ", "イベント名_英字", "開始日", "終了日", "開始時間", "終了時間",
        "開始日時特記事項", "説明", "料金(基本)", "料金(詳細)", "連絡先名称", "連絡先電話番号", "連絡先内線番号", "主催者", "場所名称", "住所", "方書",
        "緯度", "経度", "アクセス方法", "駐車場情報", "定員", "参加申込終了日", "参加申込終了時間", "参加申込方法", "URL", "備考",
    ];

    private async Task<(string[] Header, List<Dictionary<string, string>> Rows)> ReadAsync()
    {
        var response = await factory.CreateClient().GetAsync($"/{City}/opendata/events.csv");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(Encoding.UTF8.GetPreamble());
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!));
        return (csv.HeaderRecord!, rows);
    }

    [Fact]
    public async Task Header_IsTheCurrentItemListOfTheStandard_InItsOrder()
    {
        await factory.EnsurePreparedAsync();
        (await ReadAsync()).Header.ShouldBe(Columns);
        EventFeeds.OpenDataColumns.ShouldBe(Columns);
    }

    [Fact]
    public async Task Row_HasTheCodeIdBodyNameDatesTimesAndFeeAsTheStandardWritesThem()
    {
        var paid = (await TestData.CreateEventAsync(factory, City, e => { e.Title = "有料の講座"; e.MeetingCount = 2; e.FirstStartsAt = new DateTime(2099, 5, 9, 1, 30, 0, DateTimeKind.Utc); })).Id;
        var free = (await TestData.CreateEventAsync(factory, City, e => e.Title = "無料の交流会")).Id;
        await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().Where(e => e.Id == paid).ExecuteUpdateAsync(s => s.SetProperty(e => e.Fee, 500)));
        var city = await TestData.WithDbAsync(factory, db => db.Cities.AsNoTracking().SingleAsync(c => c.Slug == City));
        var stored = await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().Include(e => e.Meetings).SingleAsync(e => e.Id == paid));

        var rows = (await ReadAsync()).Rows;
        var row = rows.Single(r => r["ID"] == paid.ToString(CultureInfo.InvariantCulture));
        row["全国地方公共団体コード"].ShouldBe(city.Code);
        city.Code.ShouldMatch(@"^\d{6}$");
        row["地方公共団体名"].ShouldBe("北海道室蘭市");
        row["イベント名"].ShouldBe("有料の講座");
        // 2099-05-09 01:30 UTC is 10:30 in Japan; the second meeting a week later; each two hours long.
        row["開始日"].ShouldBe("2099-05-09");
        row["終了日"].ShouldBe("2099-05-16");
        row["開始時間"].ShouldBe("10:30");
        row["終了時間"].ShouldBe("12:30");
        row["開始日時特記事項"].ShouldBe("全2回：5/9 10:30、5/16 10:30");
        row["料金(基本)"].ShouldBe("500");
        row["料金(詳細)"].ShouldBe("");
        row["連絡先名称"].ShouldBe(city.CentreName);
        row["主催者"].ShouldBe(city.CentreName);
        row["場所名称"].ShouldBe("市民活動センター 会議室1");
        row["定員"].ShouldBe("10");
        var closes = Display.ToTokyo(stored.RegistrationClosesAt);
        row["参加申込終了日"].ShouldBe(closes.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        row["参加申込終了時間"].ShouldBe(closes.ToString("HH:mm", CultureInfo.InvariantCulture));
        row["URL"].ShouldBe($"http://localhost/{City}/events/{paid}");

        var freeRow = rows.Single(r => r["ID"] == free.ToString(CultureInfo.InvariantCulture));
        freeRow["料金(基本)"].ShouldBe("0", "a number of yen, never a word");
        freeRow["料金(詳細)"].ShouldBe("無料");
        foreach (var r in rows)
        {
            r["開始日"].ShouldMatch(@"^\d{4}-\d{2}-\d{2}$");
            r["開始時間"].ShouldMatch(@"^\d{2}:\d{2}$");
            r["料金(基本)"].ShouldMatch(@"^\d+$");
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Exchange;

/// <summary>
/// A few fictional needs and offers (ニーズとシーズ) per demo city, posted by its demo groups so that each need
/// has a likely counterpart. Every post is marked as demo data. A city that has posts already is left alone.
/// </summary>
public class DemoExchange(TsunaguDb db, TimeProvider clock) : IDemoDataSet
{
    public int Order => 30;
    public string Description => "Demo needs and offers";

    private sealed record DemoPost(string Theme, ExchangeDirection Direction, ExchangeCategory Category, string Title, string Details, int[] Fields, int DaysAgo);

    private static readonly DemoPost[] Posts =
    [
        new("子ども食堂", ExchangeDirection.Need, ExchangeCategory.People, "子ども食堂の調理を手伝ってくれる人を探しています（デモ）",
            "毎月第2・第4土曜日の昼に、30食ほどの調理を手伝ってくれる方を探しています。調理の経験がある団体の方だと助かります。", [13, 1], 3),
        new("農園くらぶ", ExchangeDirection.Offer, ExchangeCategory.Equipment, "収穫した野菜を子ども食堂などに提供できます（デモ）",
            "畑で育てた季節の野菜を、月に1回ほど提供できます。子ども食堂や高齢者のサロンなどで使ってください。", [5, 13], 5),
        new("おはなし会", ExchangeDirection.Need, ExchangeCategory.Venue, "読み聞かせ会の会場を探しています（デモ）",
            "親子20組ほどが入れる、靴を脱いで座れる部屋を、月に1回お借りできる団体を探しています。", [2, 13], 8),
        new("まちづくり研究会", ExchangeDirection.Offer, ExchangeCategory.Venue, "空き店舗を活用した会場を貸し出せます（デモ）",
            "商店街の空き店舗を改装したスペース（畳の部屋あり、20人程度）を、市民活動の会場として無料で貸し出せます。", [3, 19], 10),
        new("防災ネットワーク", ExchangeDirection.Need, ExchangeCategory.Equipment, "防災訓練で使うテントと発電機を借りたい（デモ）",
            "秋の避難所運営訓練で、テント2張りと小型発電機1台をお借りできる団体・事業者を探しています。", [8, 9], 12),
        new("パソコン教室", ExchangeDirection.Offer, ExchangeCategory.KnowHow, "団体のSNS広報のしかたを教えます（デモ）",
            "SNSでの活動の発信や、チラシづくりのこつを、団体の皆さんに出張してお伝えします。", [14, 2], 15),
        new("市民活動サポート", ExchangeDirection.Offer, ExchangeCategory.KnowHow, "会計と助成金の申請書づくりを手伝います（デモ）",
            "団体の会計帳簿のつけ方や、助成金の申請書の書き方について、相談に乗ります。", [19], 18),
        new("高齢者サロン", ExchangeDirection.Need, ExchangeCategory.People, "体操教室の講師をしてくれる人を探しています（デモ）",
            "公民館のサロンで、椅子に座ってできる体操を教えてくださる方（団体）を探しています。月1回、1時間ほどです。", [1], 20),
        new("スポーツクラブ", ExchangeDirection.Offer, ExchangeCategory.People, "体操やスポーツの指導ができる人がいます（デモ）",
            "高齢の方や子ども向けの体操・軽いスポーツを指導できるメンバーがいます。地域の集まりに出向きます。", [6, 13], 22),
    ];

    /// <summary>Adds the demo posts to every city that has none yet; returns how many were added.</summary>
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            if (await db.Set<ExchangePost>().IgnoreQueryFilters().AnyAsync(p => p.CityId == city.Id, ct)) continue;
            var groups = await db.Groups.IgnoreQueryFilters().AsNoTracking().Include(g => g.Districts)
                .Where(g => g.CityId == city.Id && g.IsDemo && g.Status == GroupStatus.Approved).OrderBy(g => g.Id).ToListAsync(ct);
            if (groups.Count == 0) continue;
            var posts = new List<ExchangePost>();
            foreach (var demo in Posts)
            {
                var group = groups.FirstOrDefault(g => g.Name.Contains(demo.Theme, StringComparison.Ordinal));
                if (group is null) continue;
                var post = new ExchangePost
                {
                    CityId = city.Id,
                    GroupId = group.Id,
                    Direction = demo.Direction,
                    Category = demo.Category,
                    Title = demo.Title,
                    Details = demo.Details + "\n\nこれはデモ用の架空の投稿です。",
                    DistrictId = group.Districts.FirstOrDefault()?.DistrictId,
                    Status = ExchangePostStatus.Open,
                    IsDemo = true,
                    CreatedAt = now.AddDays(-demo.DaysAgo),
                    UpdatedAt = now.AddDays(-demo.DaysAgo),
                };
                post.Fields.AddRange(demo.Fields.Select(f => new ExchangePostField { Field = f }));
                post.SearchText = ExchangePosts.SearchTextOf(post);
                posts.Add(post);
            }
            db.AddRange(posts);
            await db.SaveChangesAsync(ct);
            added += posts.Count;
        }
        return added;
    }
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Lectures;

/// <summary>
/// A catalogue of on-request lectures (出前講座) for each demo city, as the plans describe them (学習機会の提供): what
/// civic collaboration is, starting to volunteer, setting up an NPO, finding grants. A city that has any topic is left alone.
/// </summary>
public class DemoLectures(TsunaguDb db, TimeProvider clock) : IDemoDataSet
{
    public int Order => 100;
    public string Description => "Demo on-request lecture topics";

    private static readonly (string Title, string Description, string Speaker, int Minutes, string Audience)[] Topics =
    [
        ("市民協働ってなに？", "市民と行政、団体どうしが力を合わせる「協働」の考え方と、市内の事例をわかりやすく紹介します。", "市民協働の担当課", 60, "自治会・町内会、地域の集まり"),
        ("はじめてのボランティア", "ボランティア活動の始め方、活動保険、ボランティア登録とマッチングの使い方をお話しします。", "市民活動センター", 60, "どなたでも"),
        ("NPO法人の設立と運営", "任意団体とNPO法人の違い、設立の手続き、会計と事業報告の基本を学びます。", "市民活動センター", 90, "団体の役員、設立を考えている方"),
        ("助成金の探し方と申請書の書き方", "地域活動に使える助成制度の探し方と、伝わる申請書の書き方を、記入例を使って説明します。", "市民活動センター", 90, "市民活動団体"),
    ];

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            if (await db.Set<LectureTopic>().IgnoreQueryFilters().AnyAsync(t => t.CityId == city.Id, ct)) continue;
            db.AddRange(Topics.Select(t => new LectureTopic
            {
                CityId = city.Id,
                Title = t.Title + "（デモ）",
                Description = t.Description,
                Speaker = t.Speaker,
                Minutes = t.Minutes,
                Audience = t.Audience,
                IsDemo = true,
                CreatedAt = now,
            }));
            added += Topics.Length;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}

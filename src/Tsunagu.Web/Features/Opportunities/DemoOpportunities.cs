using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>
/// Each demo city's programmes (as its documents name them) and a few fictional opportunities from its demo groups, with
/// shifts in the coming weeks. Every opportunity is marked as demo; a city that has any opportunity is left alone.
/// </summary>
public class DemoOpportunities(TsunaguDb db, TimeProvider clock) : IDemoDataSet
{
    public int Order => 70;
    public string Description => "Demo opportunities";

    private static readonly Dictionary<string, (string Name, string Description)[]> Programmes = new()
    {
        ["shimonoseki"] = [("ボランティアギルド", "ボランティアをしたい市民と、人手を求める団体・まちづくり協議会をつなぐ登録制度")],
        ["nagato"] = [("総合サポート制度", "市民活動を始めたい人・続けたい団体を、センターが総合的に支える制度")],
        ["muroran"] =
        [
            ("まかせてパートナー", "行政パートナー制度：市の事業の一部を担う市民・団体"),
            ("まごころパートナー", "行政パートナー制度：市民の暮らしを支える活動を担う市民・団体"),
            ("まち「ピカ」パートナー", "行政パートナー制度：道路や公園の美化を担う市民・団体"),
        ],
        ["yamaguchi"] = [("ニーズ・シーズマッチング", "団体の求めることと、市民・団体ができることを結ぶ取り組み")],
    };

    private sealed record Sample(string Title, string Description, string Group, int Field, string[] Required, string[] Welcome, int DaysAhead, int Hour, int Hours, int Places, int Repeats, int? MinAge);

    private static readonly Sample[] Samples =
    [
        new("こども食堂の調理と配膳", "毎週土曜のこども食堂で、調理・配膳・片付けを手伝ってくださる方を募集します。エプロンと三角巾をお持ちください。", "食堂", 13, ["調理"], ["子どもの見守り・学習支援"], 5, 10, 4, 4, 4, 16),
        new("海岸清掃ボランティア", "月に一度、海岸のごみ拾いをします。軍手・ごみ袋はこちらで用意します。", "清掃", 10, [], ["清掃・環境美化"], 9, 9, 2, 15, 3, null),
        new("防災訓練の運営スタッフ", "地区の防災訓練で、受付・誘導・炊き出しを担当していただきます。防災士の方は歓迎します。", "防災", 11, [], ["防災・災害支援", "イベントの運営"], 14, 9, 4, 8, 1, 18),
        new("高齢者サロンの話し相手", "公民館のサロンで、お茶を飲みながら高齢の方とおしゃべりをしてください。", "見守り", 2, ["傾聴"], ["高齢者の見守り・話し相手"], 3, 13, 2, 3, 6, null),
    ];

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Display.Today(clock);
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            if (await db.Set<Opportunity>().IgnoreQueryFilters().AnyAsync(o => o.CityId == city.Id, ct)) continue;
            if (!await db.Set<Programme>().IgnoreQueryFilters().AnyAsync(p => p.CityId == city.Id, ct) && Programmes.TryGetValue(city.Slug, out var programmes))
                db.AddRange(programmes.Select((p, i) => new Programme { CityId = city.Id, Name = p.Name, Description = p.Description, SortOrder = i + 1 }));
            if (!await db.Set<VolunteerSkill>().IgnoreQueryFilters().AnyAsync(s => s.CityId == city.Id, ct))
                db.AddRange(VolunteerService.DefaultSkills.Select((name, i) => new VolunteerSkill { CityId = city.Id, Name = name, SortOrder = i + 1 }));
            await db.SaveChangesAsync(ct);

            var groups = await db.Groups.IgnoreQueryFilters().AsNoTracking().Where(g => g.CityId == city.Id && g.IsDemo && g.Status == GroupStatus.Approved)
                .Select(g => new { g.Id, g.Name, District = g.Districts.Select(d => (int?)d.DistrictId).FirstOrDefault() }).ToListAsync(ct);
            if (groups.Count == 0) continue;
            var skills = await db.Set<VolunteerSkill>().IgnoreQueryFilters().Where(s => s.CityId == city.Id).ToDictionaryAsync(s => s.Name, s => s.Id, ct);
            var programme = await db.Set<Programme>().IgnoreQueryFilters().Where(p => p.CityId == city.Id).OrderBy(p => p.SortOrder).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            foreach (var sample in Samples)
            {
                var group = groups.FirstOrDefault(g => g.Name.Contains(sample.Group, StringComparison.Ordinal)) ?? groups[added % groups.Count];
                var o = new Opportunity
                {
                    CityId = city.Id,
                    Title = sample.Title,
                    Description = sample.Description,
                    OrganiserKind = OrganiserKind.Group,
                    GroupId = group.Id,
                    Place = "（デモ）" + group.Name + "の活動場所",
                    DistrictId = group.District,
                    MinAge = sample.MinAge,
                    InsuranceCovered = true,
                    ProgrammeId = programme,
                    Status = OpportunityStatus.Open,
                    IsDemo = true,
                    CreatedAt = now,
                    UpdatedAt = now,
                    NotifiedAt = now,
                    SearchText = Groups.SearchText.Of(sample.Title, sample.Description),
                };
                o.Fields.Add(new OpportunityField { Field = sample.Field });
                o.Skills.AddRange(sample.Required.Where(skills.ContainsKey).Select(s => new OpportunitySkill { SkillId = skills[s], Required = true }));
                o.Skills.AddRange(sample.Welcome.Where(skills.ContainsKey).Select(s => new OpportunitySkill { SkillId = skills[s], Required = false }));
                for (var i = 0; i < sample.Repeats; i++)
                {
                    var day = today.AddDays(sample.DaysAhead + 7 * i);
                    var start = Display.ToUtc(day, new TimeOnly(sample.Hour, 0));
                    o.Shifts.Add(new Shift { CityId = city.Id, StartsAt = start, EndsAt = start.AddHours(sample.Hours), Places = sample.Places });
                }
                db.Add(o);
                added++;
            }
            await db.SaveChangesAsync(ct);
        }
        return added;
    }
}

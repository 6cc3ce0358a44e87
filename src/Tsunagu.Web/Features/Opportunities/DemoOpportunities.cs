using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>
/// Each demo city's programmes (as its documents name and describe them) and a few fictional opportunities from its demo
/// groups, with shifts in the coming weeks; in Muroran also opportunities the city runs under its 行政パートナー制度. A
/// group's opportunity counts under a programme only where the city's programme is about such volunteering (下関's
/// ボランティアギルド, 長門's 総合サポート制度). Every opportunity is marked as demo; a city that has any is left alone.
/// </summary>
public class DemoOpportunities(TsunaguDb db, TimeProvider clock) : IDemoDataSet
{
    public int Order => 70;
    public string Description => "Demo opportunities";

    private static readonly Dictionary<string, (string Name, string Description)[]> Programmes = new()
    {
        ["shimonoseki"] = [("ボランティアギルド", "しものせき市民活動センターが、ボランティアに参加したい人と受け入れたい団体・まちづくり協議会との架け橋をする制度")],
        ["nagato"] = [("総合サポート制度", "地域で行われる市民協働のまちづくり事業へのボランティア参加を促すため、市民・市民活動団体・事業者を募集して事前に登録し、情報を届ける制度")],
        ["muroran"] =
        [
            ("まかせてパートナー", "行政パートナー制度：市の仕事の一部を自発的に担う有償ボランティア"),
            ("まごころパートナー", "行政パートナー制度：市の仕事に自発的に協力する無償ボランティア"),
            ("まち「ピカ」パートナー", "行政パートナー制度：道路や公園など公共の場所の清掃美化活動をするボランティアの登録"),
        ],
        ["yamaguchi"] = [("ニーズ・シーズマッチング", "地域活動のニーズ（求めること）と市民活動のシーズ（できること）を結ぶしくみ")],
    };

    /// <summary>The programme the demo groups' opportunities count under, where the city's programme is about such volunteering.</summary>
    private static readonly Dictionary<string, string> GroupProgramme = new()
    {
        ["shimonoseki"] = "ボランティアギルド",
        ["nagato"] = "総合サポート制度",
    };

    private sealed record Sample(string Title, string Description, string Group, int Field, string[] Required, string[] Welcome, int DaysAhead, int Hour, int Hours, int Places, int Repeats, int? MinAge);

    private static readonly Sample[] Samples =
    [
        new("こども食堂の調理と配膳", "毎週土曜のこども食堂で、調理・配膳・片付けを手伝ってくださる方を募集します。エプロンと三角巾をお持ちください。", "食堂", 13, ["調理"], ["子どもの見守り・学習支援"], 5, 10, 4, 4, 4, 16),
        new("海岸清掃ボランティア", "月に一度、海岸のごみ拾いをします。軍手・ごみ袋はこちらで用意します。", "清掃", 7, [], ["清掃・環境美化"], 9, 9, 2, 15, 3, null),
        new("防災訓練の運営スタッフ", "地区の防災訓練で、受付・誘導・炊き出しを担当していただきます。防災士の方は歓迎します。", "防災", 8, [], ["防災・災害支援", "イベントの運営"], 14, 9, 4, 8, 1, 18),
        new("高齢者サロンの話し相手", "公民館のサロンで、お茶を飲みながら高齢の方とおしゃべりをしてください。", "見守り", 1, ["傾聴"], ["高齢者の見守り・話し相手"], 3, 13, 2, 3, 6, null),
    ];

    /// <summary>An opportunity a city department runs itself under one of the city's programmes.</summary>
    private sealed record CitySample(string Title, string Description, string Department, string Programme, string Place, int Field, string[] Welcome, int DaysAhead, int Hour, int Hours, int Places, int Repeats, int? MinAge);

    private static readonly Dictionary<string, CitySample[]> CitySamples = new()
    {
        // 室蘭: まかせて are paid volunteers taking on part of the city's own work, まごころ unpaid helpers, まち「ピカ」 town cleaning.
        ["muroran"] =
        [
            new("公園の花壇の手入れ（まかせてパートナー・有償）", "市が管理する公園の花壇の植え替えと水やりの一部を、まかせてパートナーとして担っていただきます。市の仕事を担う有償ボランティアで、活動ごとに謝礼をお支払いします。", "地域生活課", "まかせてパートナー", "（デモ）市内の公園", 7, ["農作業", "清掃・環境美化"], 6, 9, 3, 4, 3, 18),
            new("市の催しの受付と案内（まごころパートナー・無償）", "市が開く催しで、受付と会場の案内に協力していただきます。まごころパートナーとして市の仕事に協力する無償ボランティアです。", "地域生活課", "まごころパートナー", "（デモ）市民会館", 6, ["イベントの運営"], 12, 10, 4, 6, 1, 16),
            new("まち「ピカ」パートナーの一斉清掃", "まち「ピカ」パートナーに登録して、道路や公園など公共の場所の清掃美化に参加しませんか。軍手とごみ袋は市が用意し、集めたごみは市が回収します。", "地域生活課", "まち「ピカ」パートナー", "（デモ）市内の道路と公園", 7, ["清掃・環境美化"], 10, 9, 2, 30, 2, null),
        ],
    };

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
            var programmeIds = await db.Set<Programme>().IgnoreQueryFilters().Where(p => p.CityId == city.Id).ToDictionaryAsync(p => p.Name, p => p.Id, ct);
            int? ProgrammeNamed(string? name) => name is not null && programmeIds.TryGetValue(name, out var id) ? id : null;
            var programme = ProgrammeNamed(GroupProgramme.GetValueOrDefault(city.Slug));
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
            foreach (var sample in CitySamples.GetValueOrDefault(city.Slug, []))
            {
                var o = new Opportunity
                {
                    CityId = city.Id,
                    Title = sample.Title,
                    Description = sample.Description,
                    OrganiserKind = OrganiserKind.Department,
                    DepartmentName = sample.Department,
                    Place = sample.Place,
                    MinAge = sample.MinAge,
                    InsuranceCovered = true,
                    ProgrammeId = ProgrammeNamed(sample.Programme),
                    Status = OpportunityStatus.Open,
                    IsDemo = true,
                    CreatedAt = now,
                    UpdatedAt = now,
                    NotifiedAt = now,
                    SearchText = Groups.SearchText.Of(sample.Title, sample.Description),
                };
                o.Fields.Add(new OpportunityField { Field = sample.Field });
                o.Skills.AddRange(sample.Welcome.Where(skills.ContainsKey).Select(s => new OpportunitySkill { SkillId = skills[s], Required = false }));
                for (var i = 0; i < sample.Repeats; i++)
                {
                    var start = Display.ToUtc(today.AddDays(sample.DaysAhead + 7 * i), new TimeOnly(sample.Hour, 0));
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

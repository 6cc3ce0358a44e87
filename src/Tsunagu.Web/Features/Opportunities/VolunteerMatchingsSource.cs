using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>
/// Matchings between volunteers and groups, district councils, the centre or departments confirmed in a fiscal year
/// (Shimonoseki's マッチング件数); a confirmation later withdrawn does not count. The indicator may narrow them to a
/// programme and to organisers: Shimonoseki's 「市民活動団体及びまちづくり協議会とボランティアギルド登録者とのマッチング件数」
/// is "programme=ボランティアギルド;organiser=団体" (a district council is a registered group too).
/// </summary>
public class VolunteerMatchingsSource(TsunaguDb db, TimeProvider clock) : IIndicatorSource
{
    public string Name => "volunteer-matchings";
    public string Label => "年度内のボランティアのマッチング件数";

    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["programme"] = "制度の名前（例：ボランティアギルド）",
        ["organiser"] = "募集した側（団体、センター、課）",
    };

    private static readonly (OrganiserKind Kind, string[] Words)[] Organisers =
    [
        (OrganiserKind.Group, ["団体", "group"]),
        (OrganiserKind.Centre, ["センター", "centre"]),
        (OrganiserKind.Department, ["課", "市", "department"]),
    ];

    private DateTime? firstRecord;

    public string? Problem(IndicatorSourceParameters parameters) =>
        parameters.List("organiser").FirstOrDefault(o => Organiser(o) is null) is { } unknown
            ? $"募集した側「{unknown}」はありません。団体、センター、課のいずれかにしてください。"
            : null;

    public async Task<decimal?> ValueAsync(int fiscalYear, IndicatorSourceParameters parameters, CancellationToken ct = default)
    {
        var (start, end) = new FiscalYear(fiscalYear).UtcRange();
        if (start > clock.GetUtcNow().UtcDateTime) return null;
        // Before the city matched volunteers in Tsunagu there is nothing to count: no figure rather than a false zero.
        // Demo opportunities are fictional: neither they nor matchings on them count.
        firstRecord ??= await db.Set<Opportunity>().Where(o => !o.IsDemo).MinAsync(o => (DateTime?)o.CreatedAt, ct) ?? DateTime.MaxValue;
        if (firstRecord >= end) return null;
        var opportunities = db.Set<Opportunity>().Where(o => !o.IsDemo);
        var organisers = parameters.List("organiser").Select(o => Organiser(o)!.Value).ToList();
        if (organisers.Count > 0) opportunities = opportunities.Where(o => organisers.Contains(o.OrganiserKind));
        // A group's opportunity counts only while the group is a real one.
        opportunities = opportunities.Where(o => o.GroupId == null || db.Groups.Any(g => g.Id == o.GroupId && !g.IsDemo));
        var programmes = parameters.List("programme");
        if (programmes.Count > 0)
        {
            var ids = await db.Set<Programme>().Where(p => programmes.Contains(p.Name)).Select(p => p.Id).ToListAsync(ct);
            opportunities = opportunities.Where(o => o.ProgrammeId != null && ids.Contains(o.ProgrammeId.Value));
        }
        return await db.Set<ShiftApplication>().CountAsync(a => a.Status == ApplicationStatus.Confirmed && a.MatchedAt >= start && a.MatchedAt < end
            && opportunities.Any(o => o.Id == a.OpportunityId), ct);
    }

    private static OrganiserKind? Organiser(string word) =>
        Organisers.Where(o => o.Words.Contains(word, StringComparer.OrdinalIgnoreCase)).Select(o => (OrganiserKind?)o.Kind).FirstOrDefault();
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>
/// Matchings between volunteers and groups, district councils, the centre or departments confirmed in a fiscal year
/// (Shimonoseki's マッチング件数); a confirmation later withdrawn does not count.
/// </summary>
public class VolunteerMatchingsSource(TsunaguDb db, TimeProvider clock) : IIndicatorSource
{
    public string Name => "volunteer-matchings";
    public string Label => "年度内のボランティアのマッチング件数";

    private DateTime? firstRecord;

    public async Task<decimal?> ValueAsync(int fiscalYear, CancellationToken ct = default)
    {
        var (start, end) = new FiscalYear(fiscalYear).UtcRange();
        if (start > clock.GetUtcNow().UtcDateTime) return null;
        // Before the city matched volunteers in Tsunagu there is nothing to count: no figure rather than a false zero.
        // Demo opportunities are fictional: neither they nor matchings on them count.
        firstRecord ??= await db.Set<Opportunity>().Where(o => !o.IsDemo).MinAsync(o => (DateTime?)o.CreatedAt, ct) ?? DateTime.MaxValue;
        if (firstRecord >= end) return null;
        return await db.Set<ShiftApplication>().CountAsync(a => a.Status == ApplicationStatus.Confirmed && a.MatchedAt >= start && a.MatchedAt < end
            && db.Set<Opportunity>().Any(o => o.Id == a.OpportunityId && !o.IsDemo), ct);
    }

}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Exchange;

/// <summary>
/// Group-to-group matchings in a fiscal year: introductions that succeeded, dated by when their outcome was recorded.
/// An introduction involving a demo group never counts.
/// </summary>
public class GroupMatchingsSource(TsunaguDb db, TimeProvider clock) : IIndicatorSource
{
    public string Name => "group-matchings";
    public string Label => "年度内の団体同士のマッチング件数";

    public async Task<decimal?> ValueAsync(int fiscalYear, IndicatorSourceParameters parameters, CancellationToken ct = default)
    {
        var year = new FiscalYear(fiscalYear);
        if (year.FirstDay > Display.Today(clock)) return null;
        var (from, to) = year.UtcRange();
        var demoGroups = db.Groups.Where(g => g.IsDemo).Select(g => g.Id);
        return await db.Set<ExchangeIntroduction>().CountAsync(i => i.Outcome == IntroductionOutcome.Succeeded && i.OutcomeAt >= from && i.OutcomeAt < to
            && !demoGroups.Contains(i.NeedGroupId) && !demoGroups.Contains(i.OfferGroupId), ct);
    }
}

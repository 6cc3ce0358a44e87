using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;

namespace Tsunagu.Web.Features.Events;

/// <summary>
/// Course satisfaction: the share, in percent, of survey answers given in a fiscal year (April–March, Japan time) that
/// were 4 or 5 on the 5-point scale; no figure when nobody answered. Answers about demo events do not count.
/// </summary>
public class CourseSatisfactionSource(TsunaguDb db, TimeProvider clock) : IIndicatorSource
{
    public string Name => "course-satisfaction";
    public string Label => "講座参加者の満足度（満足と答えた割合、%）";

    public async Task<decimal?> ValueAsync(int fiscalYear, IndicatorSourceParameters parameters, CancellationToken ct = default)
    {
        var (start, end) = new Calendar.FiscalYear(fiscalYear).UtcRange();
        if (start > clock.GetUtcNow().UtcDateTime) return null;
        var answers = db.Set<EventSurveyAnswer>().Where(a => a.CreatedAt >= start && a.CreatedAt < end
            && db.Set<Event>().Any(e => e.Id == a.EventId && !e.IsDemo));
        var total = await answers.CountAsync(ct);
        if (total == 0) return null;
        var satisfied = await answers.CountAsync(a => a.Satisfaction >= 4, ct);
        return Math.Round(100m * satisfied / total, 1);
    }
}

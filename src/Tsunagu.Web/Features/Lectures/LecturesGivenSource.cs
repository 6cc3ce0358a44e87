using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;

namespace Tsunagu.Web.Features.Lectures;

/// <summary>
/// On-request lectures given in a fiscal year (出前講座の実施件数): requests marked done whose date falls in the year.
/// Requests for demo topics never count.
/// </summary>
public class LecturesGivenSource(TsunaguDb db, TimeProvider clock) : IIndicatorSource
{
    public string Name => "lectures-given";
    public string Label => "年度内の出前講座の実施件数";

    public async Task<decimal?> ValueAsync(int fiscalYear, IndicatorSourceParameters parameters, CancellationToken ct = default)
    {
        var (start, end) = new Calendar.FiscalYear(fiscalYear).UtcRange();
        if (start > clock.GetUtcNow().UtcDateTime) return null;
        var topics = db.Set<LectureTopic>().Where(t => !t.IsDemo);
        // Before the city took requests in Tsunagu there is nothing to count: no figure rather than a false zero.
        if (!await topics.AnyAsync(t => t.CreatedAt < end, ct)) return null;
        return await db.Set<LectureRequest>().CountAsync(r => r.Status == LectureRequestStatus.Done && r.ScheduledAt >= start && r.ScheduledAt < end
            && topics.Any(t => t.Id == r.TopicId), ct);
    }
}

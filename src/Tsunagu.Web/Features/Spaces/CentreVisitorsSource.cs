using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>People who used the centre's rooms in a fiscal year, as staff counted them at check-out (施設の利用者数); demo bookings never count.</summary>
public class CentreVisitorsSource(TsunaguDb db, TimeProvider clock) : IIndicatorSource
{
    public string Name => "centre-visitors";
    public string Label => "年度内のセンターの利用者数（部屋の利用人数）";

    public async Task<decimal?> ValueAsync(int fiscalYear, IndicatorSourceParameters parameters, CancellationToken ct = default)
    {
        var (start, end) = new Calendar.FiscalYear(fiscalYear).UtcRange();
        if (start > clock.GetUtcNow().UtcDateTime) return null;
        // Demo rooms and demo groups' bookings are fictional: they never count.
        var counted = db.Set<Booking>().Where(b => b.Status == BookingStatus.Confirmed && b.People != null && b.StartsAt >= start && b.StartsAt < end
            && db.Set<Room>().Any(r => r.Id == b.RoomId && !r.IsDemo) && (b.GroupId == null || db.Groups.Any(g => g.Id == b.GroupId && !g.IsDemo)));
        // A year in which nobody was counted has no figure rather than a false zero.
        if (!await counted.AnyAsync(ct)) return null;
        return await counted.SumAsync(b => b.People!.Value, ct);
    }
}

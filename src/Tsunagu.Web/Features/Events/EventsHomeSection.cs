using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Events;

/// <summary>新着情報: the next published events that still take registrations and have places left, soonest first.</summary>
public class NextEventsSection(TsunaguDb db, TimeProvider clock, Text t) : ICityHomeSection
{
    public string Title => "講座・イベント";
    public string Path => "events";
    public int Order => 30;

    public async Task<IReadOnlyList<CityHomeItem>> ItemsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var events = await db.Set<Event>().AsNoTracking()
            .Where(e => e.Status == EventStatus.Published && e.Confirmed < e.Capacity && e.RegistrationClosesAt > now
                && e.Meetings.Any(m => m.StartsAt > now))
            .Select(e => new { e.Id, e.Title, e.Capacity, e.Confirmed, StartsAt = e.Meetings.Min(m => m.StartsAt) })
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(5).ToListAsync(ct);
        return [.. events.Select(e => new CityHomeItem(e.Title, $"events/{e.Id}", $"{Display.Tokyo(e.StartsAt)}・{t["残り{0}席", e.Capacity - e.Confirmed]}"))];
    }
}

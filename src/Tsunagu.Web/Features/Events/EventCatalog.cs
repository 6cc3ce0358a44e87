using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;

namespace Tsunagu.Web.Features.Events;

/// <summary>Events as pages and the other services read them: one event, those to come, a person's registration and place in the queue.</summary>
public class EventCatalog(TsunaguDb db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<Event?> FindAsync(int id, CancellationToken ct = default) =>
        db.Set<Event>().Include(e => e.Meetings.OrderBy(m => m.StartsAt)).Include(e => e.Room).Include(e => e.Group).Include(e => e.EligibleGroup)
            .AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>Published events that have not ended, soonest first.</summary>
    public async Task<List<Event>> UpcomingAsync(CancellationToken ct = default)
    {
        var now = Now;
        var events = await db.Set<Event>().AsNoTracking().Include(e => e.Meetings).Include(e => e.Room).Include(e => e.Group)
            .Where(e => e.Status == EventStatus.Published && e.Meetings.Any(m => m.EndsAt > now)).ToListAsync(ct);
        return [.. events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id)];
    }

    /// <summary>Whether the person administers this registered (approved) group.</summary>
    public Task<bool> LeadsAsync(int groupId, string userId, CancellationToken ct = default) =>
        db.Groups.AnyAsync(g => g.Id == groupId && g.Status == GroupStatus.Approved && g.Administrators.Any(a => a.UserId == userId), ct);

    /// <summary>The signed-in person's registration for an event, if any.</summary>
    public Task<EventRegistration?> MineAsync(int eventId, string userId, CancellationToken ct = default) =>
        db.Set<EventRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.EventId == eventId && r.UserId == userId, ct);

    /// <summary>Someone's place in the queue now: those still waiting before them, plus one.</summary>
    public async Task<int> QueuePlaceAsync(EventRegistration r, CancellationToken ct = default) =>
        await db.Set<EventRegistration>().CountAsync(x => x.EventId == r.EventId && x.Status == RegistrationStatus.Waitlisted && x.Position < r.Position, ct) + 1;

    public bool HasStarted(Event e) => e.StartsAt <= Now;

    /// <summary>Whether the online link may be shown to this registration now: confirmed, from 24 hours before the start until the end.</summary>
    public bool ShowsOnlineLink(Event e, EventRegistration? r) =>
        r is { Status: RegistrationStatus.Confirmed or RegistrationStatus.Attended } && OnlineLinkOpen(e, Now);

    /// <summary>The online link is given from 24 hours before the first meeting until the last one ends, while the event is on.</summary>
    public static bool OnlineLinkOpen(Event e, DateTime at) =>
        e.OnlineLink is not null && e.Status == EventStatus.Published && e.StartsAt is { } start && e.EndsAt is { } end && at >= start.AddHours(-24) && at < end;
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events;

/// <summary>
/// The centre's decisions on events: a registered group proposes an event (or revises its proposal), centre staff approve
/// it (which books its room and publishes it) or reject it with a reason, and staff cancel a published event.
/// Everyone concerned is e-mailed.
/// </summary>
public class EventReview(
    TsunaguDb db, TimeProvider clock, CurrentCity city, Outbox outbox, PublicLinks links, Text t, EventCatalog catalog, EventEditing editing, EventRooms rooms)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private string Slug => city.Required.Slug;

    /// <summary>
    /// A registered group's administrator proposes an event for the group: saved as waiting for the centre's approval (not
    /// public, no registrations, no room booked yet), and centre staff are told. Null when it is not their group.
    /// </summary>
    public async Task<Result<Event>?> ProposeAsync(int groupId, EventDraft d, string userId, CancellationToken ct = default)
    {
        if (!await catalog.LeadsAsync(groupId, userId, ct)) return null;
        d = d.ForGroup(groupId);
        var problems = await editing.ValidateAsync(d, ct: ct);
        if (!problems.Ok) return problems;
        var e = d.NewEvent(EventStatus.PendingApproval, userId, groupId, Now);
        db.Add(e);
        await TellStaffAsync(e, ct);
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>
    /// A group changes its proposal while it waits or after it was rejected: it waits for approval again, and centre staff
    /// are told. Null when the event is not this group's proposal or the person does not administer the group.
    /// </summary>
    public async Task<Problems?> ReviseAsync(int groupId, int id, EventDraft d, string userId, CancellationToken ct = default)
    {
        if (!await catalog.LeadsAsync(groupId, userId, ct)) return null;
        if (!await db.Set<Event>().AnyAsync(e => e.Id == id && e.GroupId == groupId && (e.Status == EventStatus.PendingApproval || e.Status == EventStatus.Rejected), ct))
            return null;
        return await editing.ChangeAsync(id, d, async e =>
        {
            e.Status = EventStatus.PendingApproval;
            e.ReviewComment = null;
            e.ReviewedAt = null;
            await TellStaffAsync(e, ct);
        }, ct);
    }

    private async Task TellStaffAsync(Event e, CancellationToken ct)
    {
        var group = await db.Groups.Where(g => g.Id == e.GroupId).Select(g => g.Name).FirstAsync(ct);
        foreach (var email in await db.CityMemberships.EmailsOfAsync(CityRole.CentreStaff, ct))
            outbox.Enqueue(email, t["【つなぐ】講座・イベントの提案がありました"],
                t["「{0}」から講座・イベント「{1}」の提案がありました。内容を確認し、承認するか見送ってください。\n\n{2}", group, e.Title, links.For($"/{Slug}/admin/events")]);
    }

    /// <summary>
    /// Centre staff approve a group's proposal: with a room, each meeting books it (confirmed, at the group rate, in the
    /// proposer's name); then it is published and the group's administrators are told. Returns the problems, if any (a
    /// taken slot names its meeting, and nothing changes).
    /// </summary>
    public async Task<Problems> ApproveAsync(int id, CancellationToken ct = default)
    {
        var e = await db.Set<Event>().Include(x => x.Meetings).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || e.Status != EventStatus.PendingApproval || e.GroupId is not { } groupId) return Problems.Of("", t["この提案はすでに審査されています。"]);
        var meetings = e.Meetings.OrderBy(m => m.StartsAt).ToList();
        var slots = meetings.Select(m => (m.StartsAt, m.EndsAt)).ToList();
        var booked = new List<Booking>();
        if (e.RoomId is { } roomId)
        {
            if (await db.Set<Room>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, ct) is not { } room) return Problems.Of("RoomId", t["部屋を選んでください。"]);
            var problems = await rooms.ProblemsAsync(room, slots, id, ct);
            if (!problems.Ok) return problems;
            db.ChangeTracker.Clear(); // the room service saves on this context: nothing of the event may ride along
            var booking = await rooms.BookAsync(roomId, e.Title, slots, e.CreatedByUserId, groupId, ct);
            if (!booking.Ok) return booking.Problems;
            booked = booking.Value!;
            e = await db.Set<Event>().Include(x => x.Meetings).FirstAsync(x => x.Id == id, ct);
            meetings = e.Meetings.OrderBy(m => m.StartsAt).ToList();
            // Reviewed by someone else, or revised by the group, while the rooms were being booked: undo them and stop.
            if (e.Status != EventStatus.PendingApproval || e.RoomId != roomId || !meetings.Select(m => (m.StartsAt, m.EndsAt)).SequenceEqual(slots))
            {
                db.ChangeTracker.Clear();
                await rooms.ReleaseAsync(booked.Select(b => b.Id), ct);
                return Problems.Of("", t["審査のあいだに、この提案が変わったか、ほかの職員が審査しました。画面を開き直してください。"]);
            }
            for (var i = 0; i < meetings.Count; i++) meetings[i].BookingId = booked[i].Id;
        }
        e.Status = EventStatus.Published;
        e.ReviewedAt = Now;
        e.ReviewComment = null;
        e.UpdatedAt = Now;
        foreach (var email in await db.AdministratorEmailsAsync(groupId, ct))
            outbox.Enqueue(email, t["【つなぐ】講座・イベント「{0}」が承認されました", e.Title],
                t["提案いただいた「{0}」をセンターが承認し、公開しました。申込の受付は {1} から始まります。\n\n{2}", e.Title, Display.Tokyo(e.RegistrationOpensAt), links.For($"/{Slug}/events/{e.Id}")]);
        var decided = await SaveDecisionAsync(id, ct); // Status is a concurrency token: approved or rejected by someone else meanwhile, this fails.
        if (!decided.Ok) await rooms.ReleaseAsync(booked.Select(b => b.Id), ct);
        return decided;
    }

    /// <summary>Centre staff reject a group's proposal with a reason, which the group's administrators are sent and see.</summary>
    public async Task<Problems> RejectAsync(int id, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Problems.Of("Reason", t["見送る理由を入力してください。"]);
        var e = await db.Set<Event>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || e.Status != EventStatus.PendingApproval || e.GroupId is not { } groupId) return Problems.Of("", t["この提案はすでに審査されています。"]);
        e.Status = EventStatus.Rejected;
        e.ReviewComment = reason.Trim();
        e.ReviewedAt = Now;
        e.UpdatedAt = Now;
        foreach (var email in await db.AdministratorEmailsAsync(groupId, ct))
            outbox.Enqueue(email, t["【つなぐ】講座・イベント「{0}」の提案について", e.Title],
                t["提案いただいた「{0}」は、今回は承認を見送りました。\n理由：{1}\n\n内容を直して、もう一度提案できます。\n{2}", e.Title, e.ReviewComment, links.For($"/{Slug}/groups/{groupId}/events")]);
        return await SaveDecisionAsync(id, ct);
    }

    /// <summary>
    /// Saves a decision on a proposal (its Status is a concurrency token): another member of staff may have decided first.
    /// The status changes, so the calendar entries' revision goes up with it.
    /// </summary>
    private Task<Problems> SaveDecisionAsync(int id, CancellationToken ct) =>
        db.InTurnAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            await EventSequence.BumpAsync(db, id, ct);
            return Problems.None;
        }, ct, whenChangedMeanwhile: () => Problems.Of("", t["ほかの職員が同時にこの提案を審査しました。画面を開き直してください。"]));

    /// <summary>
    /// Staff cancel a published event that has not ended, with a reason: it shows as cancelled (中止), takes no more
    /// registrations, every confirmed and waitlisted registrant is e-mailed, and the room bookings still to come are released.
    /// </summary>
    public async Task<Problems> CancelEventAsync(int id, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Problems.Of("Reason", t["中止の理由を入力してください。"]);
        var e = await db.Set<Event>().Include(x => x.Meetings).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || e.Status != EventStatus.Published) return Problems.Of("", t["このイベントは中止できません。"]);
        if (e.EndsAt is { } end && end <= Now) return Problems.Of("", t["終わったイベントは中止できません。"]);
        var problems = await db.InTurnAsync(async () =>
        {
            e.Status = EventStatus.Cancelled;
            e.CancellationReason = reason.Trim();
            e.CancelledAt = Now;
            e.UpdatedAt = Now;
            // The conditional update (WHERE Status = 'Published') writes the event's row: registrations after it find nothing
            // to take, so the list read next holds everyone who got in.
            await db.SaveChangesAsync(ct);
            await EventSequence.BumpAsync(db, id, ct);
            var emails = await db.Set<EventRegistration>()
                .Where(r => r.EventId == id && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted))
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => u.Email).Where(x => x != null).Select(x => x!).ToListAsync(ct);
            foreach (var email in emails)
                outbox.Enqueue(email, t["【つなぐ】「{0}」は中止になりました", e.Title],
                    t["お申し込みいただいた「{0}」（{1}）は中止になりました。\n理由：{2}\n\nご迷惑をおかけして申し訳ありません。\n{3}",
                        e.Title, e.StartsAt is { } s ? Display.Tokyo(s) : "", e.CancellationReason, links.For($"/{Slug}/events/{e.Id}")]);
            await db.SaveChangesAsync(ct);
            return Problems.None;
        }, ct, whenChangedMeanwhile: () => Problems.Of("", t["ほかの職員が同時にこのイベントを変更しました。画面を開き直してください。"]));
        if (problems.Ok) await rooms.ReleaseAsync(e.Meetings.Where(m => m.BookingId is not null).Select(m => m.BookingId!.Value), ct);
        return problems;
    }
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Events;

/// <summary>
/// Staff create and change events: what they entered is checked, the meetings are kept or moved, and with a room each
/// meeting holds a booking of it (<see cref="EventRooms"/>); a larger capacity promotes people from the waitlist.
/// </summary>
public class EventEditing(TsunaguDb db, TimeProvider clock, Text t, EventRooms rooms, EventRegistrations registrations)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Checks an event as staff entered it; a problem per field.</summary>
    public Problems Validate(EventDraft d, int alreadyConfirmed = 0)
    {
        var problems = new Problems();
        if (d.Capacity < 1) problems.Add("Capacity", t["定員は1以上の数を入力してください。"]);
        else if (d.Capacity < alreadyConfirmed) problems.Add("Capacity", t["定員は、参加が確定している{0}人より少なくできません。", alreadyConfirmed]);
        if (d.Fee < 0) problems.Add("Fee", t["参加費は0円以上で入力してください。"]);
        if (d.Meetings.Count == 0) problems.Add("Meetings", t["日時を1回以上入力してください。"]);
        for (var i = 0; i < d.Meetings.Count; i++)
        {
            if (d.Meetings[i].EndsAt <= d.Meetings[i].StartsAt)
                problems.Add(MeetingFields.Of(i, "EndTime"), t["第{0}回の終了時刻は開始時刻より後にしてください。", i + 1]);
            for (var j = 0; j < i; j++)
            {
                if (d.Meetings[i].StartsAt < d.Meetings[j].EndsAt && d.Meetings[j].StartsAt < d.Meetings[i].EndsAt)
                {
                    problems.Add(MeetingFields.Of(i, "StartTime"), t["第{0}回の時間が第{1}回と重なっています。", i + 1, j + 1]);
                    break;
                }
            }
        }
        if (d.RegistrationClosesAt <= d.RegistrationOpensAt)
            problems.Add("RegistrationClosesAt", t["申込の締切は受付開始より後にしてください。"]);
        else if (d.Meetings.Count > 0 && d.RegistrationClosesAt > d.Meetings.Max(m => m.EndsAt))
            problems.Add("RegistrationClosesAt", t["申込の締切は、最終回が終わるより前にしてください。"]);
        if (d.Kind == EventKind.OnlineExchange && string.IsNullOrWhiteSpace(d.OnlineLink))
            problems.Add("OnlineLink", t["オンライン交流会には参加用のリンクを入力してください。"]);
        else if (!string.IsNullOrWhiteSpace(d.OnlineLink) && !(Uri.TryCreate(d.OnlineLink.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            problems.Add("OnlineLink", t["参加用のリンクは https:// で始まるアドレスを入力してください。"]);
        if (string.IsNullOrWhiteSpace(d.Place) && string.IsNullOrWhiteSpace(d.OnlineLink) && d.RoomId is null)
            problems.Add("Place", t["会場（部屋か場所）か参加用のリンクのどちらかを入力してください。"]);
        if (d.Eligibility == EventEligibility.OneGroup && d.EligibleGroupId is null)
            problems.Add("EligibleGroupId", t["申し込める団体を選んでください。"]);
        return problems;
    }

    /// <summary>
    /// <see cref="Validate"/>, plus what needs the database: the group and the room exist, and each meeting falls in the
    /// centre's hours and its room slot is free, apart from the bookings this event already holds.
    /// </summary>
    public async Task<Problems> ValidateAsync(EventDraft d, int? eventId = null, int alreadyConfirmed = 0, CancellationToken ct = default)
    {
        var problems = Validate(d, alreadyConfirmed);
        if (d.Eligibility == EventEligibility.OneGroup && d.EligibleGroupId is { } groupId
            && !await db.Groups.AnyAsync(g => g.Id == groupId && g.Status == GroupStatus.Approved, ct))
            problems.Add("EligibleGroupId", t["申し込める団体を選んでください。"]);
        if (d.RoomId is { } roomId)
        {
            var room = await db.Set<Room>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, ct);
            if (room is null) problems.Add("RoomId", t["部屋を選んでください。"]);
            else if (!problems.Any(p => p.Field.StartsWith("Meetings", StringComparison.Ordinal)))
                problems.AddRange(await rooms.ProblemsAsync(room, d.Meetings, eventId, ct));
        }
        return problems;
    }

    /// <summary>
    /// Creates an event (staff), published at once; with a room, every meeting books it (confirmed, for the centre) first,
    /// and if any slot is taken nothing is saved and the meeting is named.
    /// </summary>
    public async Task<Result<Event>> CreateAsync(EventDraft d, string? userId, CancellationToken ct = default)
    {
        var problems = await ValidateAsync(d, ct: ct);
        if (!problems.Ok) return problems;
        var e = d.NewEvent(EventStatus.Published, userId, groupId: null, Now);
        var booked = new List<Booking>();
        if (d.RoomId is { } roomId)
        {
            var booking = await rooms.BookAsync(roomId, e.Title, d.Meetings, userId, null, ct);
            if (!booking.Ok) return booking.Problems;
            booked = booking.Value!;
            foreach (var m in e.Meetings) m.BookingId = booked.First(b => b.StartsAt == m.StartsAt && b.EndsAt == m.EndsAt).Id;
        }
        db.Add(e);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await rooms.ReleaseAsync(booked.Select(b => b.Id), ct);
            throw;
        }
        return e;
    }

    /// <summary>
    /// Changes an event. A published event with a room keeps the bookings of unchanged meetings and moves the others (a
    /// meeting whose new slot is taken is named and nothing changes); a larger capacity promotes people from the waitlist.
    /// A group's proposal (waiting or rejected) books nothing. A cancelled event cannot be changed.
    /// </summary>
    public Task<Problems> UpdateAsync(int id, EventDraft d, CancellationToken ct = default) => ChangeAsync(id, d, alsoInTurn: null, ct);

    /// <summary>
    /// For each new meeting time (in time order), the existing meeting row it takes: a time that did not change keeps its
    /// own row (its id, its reminders already sent, its calendar entry); the other times take the rows left, in time order;
    /// null for a meeting that is new. Rows no time takes are removed.
    /// </summary>
    public static int?[] PairMeetings(IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)> rows, IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)> times)
    {
        var rowFor = new int?[times.Count];
        var taken = new bool[rows.Count];
        for (var i = 0; i < times.Count; i++)
            for (var j = 0; j < rows.Count; j++)
                if (!taken[j] && rows[j] == times[i]) { rowFor[i] = j; taken[j] = true; break; }
        var free = Enumerable.Range(0, rows.Count).Where(j => !taken[j]).GetEnumerator();
        for (var i = 0; i < times.Count; i++)
            if (rowFor[i] is null && free.MoveNext()) rowFor[i] = free.Current;
        return rowFor;
    }

    /// <summary><see cref="UpdateAsync"/>; <paramref name="alsoInTurn"/> changes the event further in the same save (a group's revision waits for approval again).</summary>
    internal async Task<Problems> ChangeAsync(int id, EventDraft d, Func<Event, Task>? alsoInTurn, CancellationToken ct)
    {
        var e = await db.Set<Event>().Include(x => x.Meetings).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new InvalidOperationException("No such event.");
        if (e.Status == EventStatus.Cancelled) return Problems.Of("", t["中止したイベントは変更できません。"]);
        if (e.GroupId is { } groupId) d = d.ForGroup(groupId);
        var problems = await ValidateAsync(d, id, e.Confirmed, ct);
        if (!problems.Ok) return problems;

        var slots = d.Meetings.Select((m, i) => (m.StartsAt, m.EndsAt, Index: i)).OrderBy(m => m.StartsAt).ToList();
        var old = e.Meetings.OrderBy(m => m.StartsAt).ToList();
        // What this change was planned against: if the event is reviewed, cancelled or edited while rooms are booked, it stops.
        var statusRead = e.Status;
        var meetingsRead = old.Select(m => (m.Id, m.StartsAt, m.EndsAt, m.BookingId)).ToList();
        var booksRoom = e.Status == EventStatus.Published && d.RoomId is not null;
        var rowFor = PairMeetings(old.Select(m => (m.StartsAt, m.EndsAt)).ToList(), slots.Select(m => (m.StartsAt, m.EndsAt)).ToList());
        var unused = Enumerable.Range(0, old.Count).Where(j => !rowFor.Contains(j)).ToList();
        var keep = new bool[slots.Count];
        var release = new List<int>();
        for (var i = 0; i < slots.Count; i++)
        {
            if (rowFor[i] is not { } o) continue;
            var same = old[o].StartsAt == slots[i].StartsAt && old[o].EndsAt == slots[i].EndsAt;
            if (booksRoom && same && d.RoomId == e.RoomId && old[o].BookingId is not null) keep[i] = true;
            else if (old[o].BookingId is { } bookingId) release.Add(bookingId);
        }
        release.AddRange(unused.Select(j => old[j].BookingId).OfType<int>());
        var needed = slots.Where((_, i) => booksRoom && !keep[i]).ToList();
        // The freed slots go first, so a meeting can move within its own old time; if a new slot is taken after all, the old ones come back.
        var released = await rooms.ReleaseAsync(release, ct);
        var booked = new List<Booking>();
        if (needed.Count > 0)
        {
            var booking = await rooms.BookAsync(d.RoomId!.Value, d.Title.Trim(), [.. needed.Select(n => (n.StartsAt, n.EndsAt))], e.CreatedByUserId, e.GroupId, ct);
            if (!booking.Ok)
            {
                await rooms.RestoreAsync(released, ct);
                // The room service names meetings by their place in the list it was given: back to their place in the draft.
                return [.. booking.Problems.Select(p => p with { Field = MeetingFields.Renumber(p.Field, i => needed[i].Index) })];
            }
            booked = booking.Value!;
        }

        // The room service saved on this context (and clears it when it meets a conflict): start the change from the database.
        db.ChangeTracker.Clear();
        e = await db.Set<Event>().Include(x => x.Meetings).FirstAsync(x => x.Id == id, ct);
        old = e.Meetings.OrderBy(m => m.StartsAt).ToList();
        // From here the Status token guards the save; before here, the event must still be as it was read.
        if (e.Status != statusRead || !old.Select(m => (m.Id, m.StartsAt, m.EndsAt, m.BookingId)).SequenceEqual(meetingsRead))
            problems = ChangedMeanwhile();
        var promoted = new List<EventRegistration>();
        if (problems.Ok)
            (problems, promoted) = await db.InTurnAsync<(Problems Problems, List<EventRegistration> Promoted)>(async () =>
            {
                // Take the event's row first, then check the capacity against the count as it is now.
                await db.TakeAsync<Event>(x => x.Id == id, ct);
                var confirmed = await db.Set<Event>().Where(x => x.Id == id).Select(x => x.Confirmed).FirstAsync(ct);
                if (d.Capacity < confirmed) return (Problems.Of("Capacity", t["定員は、参加が確定している{0}人より少なくできません。", confirmed]), []);
                var timesChanged = !old.Select(m => (m.StartsAt, m.EndsAt)).SequenceEqual(slots.Select(m => (m.StartsAt, m.EndsAt)));
                var placeAndStatus = (e.Place, e.RoomId, e.Status);
                foreach (var j in unused) db.Remove(old[j]);
                for (var i = 0; i < slots.Count; i++)
                {
                    var meeting = rowFor[i] is { } o ? old[o] : new EventMeeting();
                    meeting.StartsAt = slots[i].StartsAt;
                    meeting.EndsAt = slots[i].EndsAt;
                    meeting.BookingId = keep[i] ? meeting.BookingId
                        : booksRoom ? booked.First(b => b.StartsAt == slots[i].StartsAt && b.EndsAt == slots[i].EndsAt).Id : null;
                    if (rowFor[i] is null) e.Meetings.Add(meeting);
                }
                d.ApplyTo(e, Now);
                if (alsoInTurn is not null) await alsoInTurn(e);
                if (timesChanged || (e.Place, e.RoomId, e.Status) != placeAndStatus) await EventSequence.BumpAsync(db, id, ct);
                db.Entry(e).Property(x => x.Confirmed).IsModified = false;
                db.Entry(e).Property(x => x.WaitlistIssued).IsModified = false;
                await db.SaveChangesAsync(ct); // Status is a concurrency token: cancelled or reviewed meanwhile, this fails.
                return (Problems.None, await registrations.PromoteAsync(id, ct));
            }, ct, whenChangedMeanwhile: () => (ChangedMeanwhile(), []), commitIf: x => x.Problems.Ok);
        if (!problems.Ok)
        {
            db.ChangeTracker.Clear();
            await rooms.ReleaseAsync(booked.Select(b => b.Id), ct);
            await rooms.RestoreAsync(released, ct);
            return problems;
        }
        await registrations.TellPromotedAsync(e, promoted, ct);
        return problems;
    }

    private Problems ChangedMeanwhile() => Problems.Of("", t["ほかの職員が同時にこのイベントを変更しました。画面を開き直してください。"]);
}

/// <summary>The revision (<see cref="Event.Sequence"/>) of an event's calendar entries.</summary>
public static class EventSequence
{
    /// <summary>
    /// One more, counted by the database (UPDATE … SET Sequence = Sequence + 1) inside the change's transaction: two changes
    /// at the same moment never hand out the same number, and a change that is rolled back takes its number with it.
    /// </summary>
    public static Task BumpAsync(TsunaguDb db, int eventId, CancellationToken ct) =>
        db.Set<Event>().Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, e => e.Sequence + 1), ct);
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Events;

/// <summary>
/// The centre's part in events: rooms booked through <see cref="SpaceService"/> (one booking per meeting, linked from the
/// meeting), the approval of groups' proposals, cancellation, and who may register.
/// </summary>
public partial class EventService
{
    [GeneratedRegex(@"^Meetings\[(\d+)\]\.(\w+)$")]
    private static partial Regex MeetingFieldPattern();


    /// <summary>
    /// Each meeting against the room: inside the centre's opening hours, not on a closed day, and not over another live
    /// booking or block (this event's own bookings aside). Keys name the meeting's date field, messages name the meeting.
    /// </summary>
    private async Task<List<(string Field, string Message)>> RoomProblemsAsync(Room room, IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)> meetings, int? eventId, CancellationToken ct)
    {
        var problems = new List<(string, string)>();
        if (meetings.Count == 0) return problems;
        var rules = await spaces.RulesAsync(ct);
        var own = eventId is { } id
            ? await db.Set<EventMeeting>().Where(m => m.EventId == id && m.BookingId != null).Select(m => m.BookingId!.Value).ToListAsync(ct)
            : [];
        var live = (await spaces.LiveBetweenAsync(meetings.Min(m => m.StartsAt), meetings.Max(m => m.EndsAt), ct))
            .Where(b => b.RoomId == room.Id && !own.Contains(b.Id)).ToList();
        for (var i = 0; i < meetings.Count; i++)
        {
            var (start, end) = meetings[i];
            var localStart = Display.ToTokyo(start);
            var localEnd = Display.ToTokyo(end);
            var field = $"Meetings[{i}].Date";
            if (rules.IsClosedOn(localStart.DayOfWeek))
                problems.Add((field, t["第{0}回（{1}）は{2}の休館日です。", i + 1, Display.Span(start, end), room.Name]));
            else if (localStart.Date != localEnd.Date || TimeOnly.FromDateTime(localStart) < rules.Opens || TimeOnly.FromDateTime(localEnd) > rules.Closes)
                problems.Add((field, t["第{0}回（{1}）は開館時間（{2}〜{3}）の外です。", i + 1, Display.Span(start, end), rules.Opens.ToString("HH:mm"), rules.Closes.ToString("HH:mm")]));
            else if (live.FirstOrDefault(b => b.StartsAt < end && start < b.EndsAt) is { } taken)
                problems.Add((field, taken.Status == BookingStatus.Blocked
                    ? t["第{0}回（{1}）は、{2}がセンターの都合で使えない時間です。別の日時か部屋を選んでください。", i + 1, Display.Span(start, end), room.Name]
                    : t["第{0}回（{1}）は、{2}にすでに予約があります（{3}）。別の日時か部屋を選んでください。", i + 1, Display.Span(start, end), room.Name, Display.Span(taken.StartsAt, taken.EndsAt)]));
        }
        return problems;
    }

    /// <summary>
    /// Books the room for each meeting through the room service and confirms the bookings (the centre's own events pay no
    /// fee; a group's pays the group rate). If any slot is taken meanwhile, the bookings already made are cancelled and that
    /// meeting (by its place in <paramref name="meetings"/>) is named.
    /// </summary>
    private async Task<(List<Booking> Booked, Dictionary<string, string> Errors)> BookAsync(
        int roomId, string title, IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)> meetings, string? userId, int? groupId, CancellationToken ct)
    {
        var booked = new List<Booking>();
        var roomName = await db.Set<Room>().Where(r => r.Id == roomId).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? "";
        for (var i = 0; i < meetings.Count; i++)
        {
            var (start, end) = meetings[i];
            var purpose = t["講座・イベント「{0}」第{1}回", title, i + 1];
            var booking = await spaces.BookForAsync(userId!, roomId, start, end, purpose.Length > 200 ? purpose[..200] : purpose, groupId, ct);
            if (booking is null)
            {
                await ReleaseAsync(booked.Select(b => b.Id), ct);
                return ([], new() { [$"Meetings[{i}].Date"] = t["第{0}回（{1}）は、{2}にすでに予約があります。別の日時か部屋を選んでください。", i + 1, Display.Span(start, end), roomName] });
            }
            booked.Add(booking);
        }
        // The centre's own events use its rooms free; a group's event holds the room from the approval and pays at the counter.
        foreach (var booking in booked)
        {
            if (groupId is null) booking.FeeYen = 0;
            await spaces.ConfirmAsync(booking, paid: groupId is null || booking.FeeYen == 0, ct);
        }
        return (booked, []);
    }

    /// <summary>Cancels these room bookings (those still to come) through the room service; returns the slots it freed.</summary>
    private async Task<List<Booking>> ReleaseAsync(IEnumerable<int> bookingIds, CancellationToken ct)
    {
        var ids = bookingIds.ToList();
        if (ids.Count == 0) return [];
        var freed = new List<Booking>();
        foreach (var booking in await db.Set<Booking>().Where(b => ids.Contains(b.Id)).ToListAsync(ct))
            if (await spaces.CancelAsync(booking, byTheCentre: true, ct)) freed.Add(booking);
        return freed;
    }

    /// <summary>After a change that could not be made, books the freed slots again and points their meetings at the new bookings.</summary>
    private async Task RestoreAsync(List<Booking> freed, CancellationToken ct)
    {
        foreach (var old in freed)
        {
            var again = await spaces.BookForAsync(old.UserId!, old.RoomId, old.StartsAt, old.EndsAt, old.Purpose, old.GroupId, ct);
            if (again is null) continue;
            again.FeeYen = old.FeeYen;
            await spaces.ConfirmAsync(again, paid: old.PaidAt is not null, ct);
            await db.Set<EventMeeting>().Where(m => m.BookingId == old.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.BookingId, again.Id), ct);
        }
    }

    /// <summary>
    /// Centre staff approve a group's proposal: with a room, each meeting books it (confirmed, at the group rate, in the
    /// proposer's name); then it is published and the group's administrators are told. Returns the problems, if any (a
    /// taken slot names its meeting, and nothing changes).
    /// </summary>
    public async Task<List<string>> ApproveAsync(int id, CancellationToken ct = default)
    {
        var e = await db.Set<Event>().Include(x => x.Meetings).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || e.Status != EventStatus.PendingApproval || e.GroupId is not { } groupId) return [t["この提案はすでに審査されています。"]];
        var meetings = e.Meetings.OrderBy(m => m.StartsAt).ToList();
        var slots = meetings.Select(m => (m.StartsAt, m.EndsAt)).ToList();
        var booked = new List<Booking>();
        if (e.RoomId is { } roomId)
        {
            if (await db.Set<Room>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, ct) is not { } room) return [t["部屋を選んでください。"]];
            var problems = await RoomProblemsAsync(room, slots, id, ct);
            if (problems.Count > 0) return [.. problems.Select(p => p.Message)];
            db.ChangeTracker.Clear(); // the room service saves on this context: nothing of the event may ride along
            (booked, var errors) = await BookAsync(roomId, e.Title, slots, e.CreatedByUserId, groupId, ct);
            if (errors.Count > 0) return [.. errors.Values];
            e = await db.Set<Event>().Include(x => x.Meetings).FirstAsync(x => x.Id == id, ct);
            meetings = e.Meetings.OrderBy(m => m.StartsAt).ToList();
            // Reviewed by someone else, or revised by the group, while the rooms were being booked: undo them and stop.
            if (e.Status != EventStatus.PendingApproval || e.RoomId != roomId || !meetings.Select(m => (m.StartsAt, m.EndsAt)).SequenceEqual(slots))
            {
                db.ChangeTracker.Clear();
                await ReleaseAsync(booked.Select(b => b.Id), ct);
                return [t["審査のあいだに、この提案が変わったか、ほかの職員が審査しました。画面を開き直してください。"]];
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
        try
        {
            await db.SaveChangesAsync(ct); // Status is a concurrency token: approved or rejected by someone else meanwhile, this fails.
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await ReleaseAsync(booked.Select(b => b.Id), ct);
            return [t["ほかの職員が同時にこの提案を審査しました。画面を開き直してください。"]];
        }
        return [];
    }

    /// <summary>Centre staff reject a group's proposal with a reason, which the group's administrators are sent and see.</summary>
    public async Task<string?> RejectAsync(int id, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return t["見送る理由を入力してください。"];
        var e = await db.Set<Event>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || e.Status != EventStatus.PendingApproval || e.GroupId is not { } groupId) return t["この提案はすでに審査されています。"];
        e.Status = EventStatus.Rejected;
        e.ReviewComment = reason.Trim();
        e.ReviewedAt = Now;
        e.UpdatedAt = Now;
        foreach (var email in await db.AdministratorEmailsAsync(groupId, ct))
            outbox.Enqueue(email, t["【つなぐ】講座・イベント「{0}」の提案について", e.Title],
                t["提案いただいた「{0}」は、今回は承認を見送りました。\n理由：{1}\n\n内容を直して、もう一度提案できます。\n{2}", e.Title, e.ReviewComment, links.For($"/{Slug}/groups/{groupId}/events")]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return t["ほかの職員が同時にこの提案を審査しました。画面を開き直してください。"];
        }
        return null;
    }

    /// <summary>
    /// Staff cancel a published event that has not ended, with a reason: it shows as cancelled (中止), takes no more
    /// registrations, every confirmed and waitlisted registrant is e-mailed, and the room bookings still to come are released.
    /// </summary>
    public async Task<string?> CancelEventAsync(int id, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return t["中止の理由を入力してください。"];
        var e = await db.Set<Event>().Include(x => x.Meetings).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || e.Status != EventStatus.Published) return t["このイベントは中止できません。"];
        if (e.EndsAt is { } end && end <= Now) return t["終わったイベントは中止できません。"];
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                e.Status = EventStatus.Cancelled;
                e.CancellationReason = reason.Trim();
                e.CancelledAt = Now;
                e.UpdatedAt = Now;
                // The conditional update (WHERE Status = 'Published') locks the row: registrations after it find nothing to take,
                // so the list read next holds everyone who got in.
                await db.SaveChangesAsync(ct);
                var emails = await db.Set<EventRegistration>()
                    .Where(r => r.EventId == id && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted))
                    .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => u.Email).Where(x => x != null).Select(x => x!).ToListAsync(ct);
                foreach (var email in emails)
                    outbox.Enqueue(email, t["【つなぐ】「{0}」は中止になりました", e.Title],
                        t["お申し込みいただいた「{0}」（{1}）は中止になりました。\n理由：{2}\n\nご迷惑をおかけして申し訳ありません。\n{3}",
                            e.Title, e.StartsAt is { } s ? Display.Tokyo(s) : "", e.CancellationReason, links.For($"/{Slug}/events/{e.Id}")]);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return t["ほかの職員が同時にこのイベントを変更しました。画面を開き直してください。"];
        }
        await ReleaseAsync(e.Meetings.Where(m => m.BookingId is not null).Select(m => m.BookingId!.Value), ct);
        return null;
    }

    /// <summary>Why this person may not register for this event (it is for others), or null.</summary>
    public async Task<string?> IneligibleReasonAsync(Event e, string userId, CancellationToken ct = default)
    {
        switch (e.Eligibility)
        {
            case EventEligibility.GroupMembers when !await db.Groups.AnyAsync(g => g.Status == GroupStatus.Approved && g.Administrators.Any(a => a.UserId == userId), ct):
                return t["このイベントは登録団体の方が対象です。つなぐで登録団体の管理者になっている方が申し込めます。"];
            case EventEligibility.OneGroup when e.EligibleGroupId is not { } groupId || !await LeadsAsync(groupId, userId, ct):
                var name = await db.Groups.Where(g => g.Id == e.EligibleGroupId).Select(g => g.Name).FirstOrDefaultAsync(ct) ?? "";
                return t["このイベントは「{0}」の方が対象です。つなぐでこの団体の管理者になっている方が申し込めます。", name];
            default:
                return null;
        }
    }

    private string ResidentsOnly() => t["このイベントは{0}に住んでいる方、市内に通勤・通学している方が対象です。当てはまることを確認してください。", city.Required.Name];

    /// <summary>Who may register, as the event page says it.</summary>
    public string EligibilityText(Event e) => e.Eligibility switch
    {
        EventEligibility.Residents => t["{0}に住んでいる方、市内に通勤・通学している方", city.Required.Name],
        EventEligibility.GroupMembers => t["登録団体の方（つなぐで団体の管理者になっている方）"],
        EventEligibility.OneGroup => t["「{0}」の方（つなぐでこの団体の管理者になっている方）", e.EligibleGroup?.Name ?? ""],
        _ => t["どなたでも（つなぐへの登録が必要です）"],
    };
}

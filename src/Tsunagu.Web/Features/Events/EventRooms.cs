using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Events;

/// <summary>
/// An event's centre room, booked through <see cref="SpaceService"/>: one booking per meeting, linked from the meeting.
/// The room service takes the room's row in a transaction of its own, always before (never inside) a transaction that
/// takes the event's row. It saves on the request's context: callers clear what they had tracked before relying on it.
/// </summary>
public class EventRooms(TsunaguDb db, Text t, SpaceService spaces)
{
    /// <summary>
    /// Each meeting against the room: inside the centre's opening hours, not on a closed day, and not over another live
    /// booking or block (this event's own bookings aside). Problems name the meeting's date field and the meeting.
    /// </summary>
    public async Task<Problems> ProblemsAsync(Room room, IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)> meetings, int? eventId, CancellationToken ct)
    {
        var problems = new Problems();
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
            var field = MeetingFields.Of(i, "Date");
            if (rules.IsClosedOn(localStart.DayOfWeek))
                problems.Add(field, t["第{0}回（{1}）は{2}の休館日です。", i + 1, Display.Span(start, end), room.Name]);
            else if (localStart.Date != localEnd.Date || TimeOnly.FromDateTime(localStart) < rules.Opens || TimeOnly.FromDateTime(localEnd) > rules.Closes)
                problems.Add(field, t["第{0}回（{1}）は開館時間（{2}〜{3}）の外です。", i + 1, Display.Span(start, end), rules.Opens.ToString("HH:mm", CultureInfo.InvariantCulture), rules.Closes.ToString("HH:mm", CultureInfo.InvariantCulture)]);
            else if (live.FirstOrDefault(b => b.StartsAt < end && start < b.EndsAt) is { } taken)
                problems.Add(field, taken.Status == BookingStatus.Blocked
                    ? t["第{0}回（{1}）は、{2}がセンターの都合で使えない時間です。別の日時か部屋を選んでください。", i + 1, Display.Span(start, end), room.Name]
                    : t["第{0}回（{1}）は、{2}にすでに予約があります（{3}）。別の日時か部屋を選んでください。", i + 1, Display.Span(start, end), room.Name, Display.Span(taken.StartsAt, taken.EndsAt)]);
        }
        return problems;
    }

    /// <summary>
    /// Books the room for each meeting and confirms the bookings (the centre's own events pay no fee; a group's pays the
    /// group rate). If any slot is taken meanwhile, the bookings already made are cancelled and that meeting (by its place
    /// in <paramref name="meetings"/>) is named.
    /// </summary>
    public async Task<Result<List<Booking>>> BookAsync(
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
                return Problems.Of(MeetingFields.Of(i, "Date"), t["第{0}回（{1}）は、{2}にすでに予約があります。別の日時か部屋を選んでください。", i + 1, Display.Span(start, end), roomName]);
            }
            booked.Add(booking);
        }
        // The centre's own events use its rooms free; a group's event holds the room from the approval and pays at the counter.
        foreach (var booking in booked)
        {
            if (groupId is null) booking.FeeYen = 0;
            await spaces.ConfirmAsync(booking, paid: groupId is null || booking.FeeYen == 0, ct);
        }
        return booked;
    }

    /// <summary>Cancels these room bookings (those still to come); returns the slots it freed.</summary>
    public async Task<List<Booking>> ReleaseAsync(IEnumerable<int> bookingIds, CancellationToken ct)
    {
        var ids = bookingIds.ToList();
        if (ids.Count == 0) return [];
        var freed = new List<Booking>();
        foreach (var booking in await db.Set<Booking>().Where(b => ids.Contains(b.Id)).ToListAsync(ct))
            if (await spaces.CancelAsync(booking, byTheCentre: true, ct)) freed.Add(booking);
        return freed;
    }

    /// <summary>After a change that could not be made, books the freed slots again and points their meetings at the new bookings.</summary>
    public async Task RestoreAsync(List<Booking> freed, CancellationToken ct)
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
}

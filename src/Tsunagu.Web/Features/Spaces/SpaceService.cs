using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Spaces;

public enum BookingRepeat { None, Weekly, Monthly }

/// <summary>
/// Rooms, the city's booking rules, and bookings. Every booking (or block) is written in a transaction that first bumps
/// the room's <see cref="Room.BookingVersion"/>: PostgreSQL's row lock and SQLite's write lock queue the room's writers,
/// so the overlap check and the insert are never interleaved and two live bookings of a room never overlap.
/// </summary>
public class SpaceService(TsunaguDb db, TimeProvider clock, Text t)
{
    public const int MaxSeries = 26;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<SpaceRules> RulesAsync(CancellationToken ct = default)
    {
        if (await db.Set<SpaceRules>().FirstOrDefaultAsync(ct) is { } rules) return rules;
        db.Add(new SpaceRules());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request created the city's rules at the same moment (unique per city): use theirs.
            db.ChangeTracker.Clear();
        }
        return await db.Set<SpaceRules>().FirstAsync(ct);
    }

    public Task<List<Room>> RoomsAsync(CancellationToken ct = default) =>
        db.Set<Room>().AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Id).ToListAsync(ct);

    /// <summary>Live bookings and blocks overlapping [from, to), all rooms.</summary>
    public Task<List<Booking>> LiveBetweenAsync(DateTime from, DateTime to, CancellationToken ct = default) =>
        db.Set<Booking>().AsNoTracking()
            .Where(b => b.StartsAt < to && b.EndsAt > from && (b.Status == BookingStatus.Provisional || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Blocked))
            .OrderBy(b => b.StartsAt).ToListAsync(ct);

    public sealed record Request(int RoomId, DateOnly? Date, TimeOnly? Start, TimeOnly? End, string Purpose, int? GroupId, BookingRepeat Repeat, int? Count);

    public sealed record Conflict(DateTime StartsAt, DateTime EndsAt, string Reason);

    public sealed record Outcome(List<(string Field, string Message)> Problems, List<Conflict> Conflicts, List<Booking> Bookings)
    {
        public bool Succeeded => Problems.Count == 0 && Conflicts.Count == 0;
    }

    /// <summary>
    /// A signed-in person asks for a room (once or as a series): checked against the rules field by field, then slot by
    /// slot against the room's bookings; every conflict is reported and nothing is booked unless every slot is free.
    /// </summary>
    public async Task<Outcome> RequestAsync(string userId, Request r, CancellationToken ct = default)
    {
        var rules = await RulesAsync(ct);
        var room = await db.Set<Room>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == r.RoomId, ct);
        var problems = new List<(string, string)>();
        if (room is null) problems.Add(("RoomId", t["部屋を選んでください。"]));
        var isGroup = r.GroupId is { } g && await db.Set<GroupAdministrator>().AnyAsync(a => a.GroupId == g && a.UserId == userId, ct)
            && await db.Groups.AnyAsync(x => x.Id == g && x.Status == GroupStatus.Approved, ct);
        if (r.GroupId is not null && !isGroup) problems.Add(("GroupId", t["管理者になっている登録団体を選んでください。"]));
        var slots = Plan(r, rules, isGroup, problems);
        if (problems.Count == 0 && room is not null)
        {
            // While a lottery for the room is open, its slots are entered there, not booked first-come.
            var starts = slots.Select(x => x.Item1).ToList();
            var open = await db.Set<Lottery>().AsNoTracking().Where(l => l.RoomId == room.Id && l.Status == LotteryStatus.Open).ToListAsync(ct);
            var lottery = open.FirstOrDefault(l => starts.Any(st => l.From <= st && st < l.To))?.Title;
            if (lottery is not null) problems.Add(("Date", t["この日時は抽選「{0}」で受け付けています。抽選のページから申し込んでください。", lottery]));
        }
        if (problems.Count > 0 || room is null) return new Outcome(problems, [], []);
        var fee = isGroup ? rules.GroupFeePerHour : rules.OtherFeePerHour;
        return await WriteAsync(room.Id, slots, (start, end, series) => new Booking
        {
            RoomId = room.Id, UserId = userId, GroupId = isGroup ? r.GroupId : null, Purpose = r.Purpose.Trim(), StartsAt = start, EndsAt = end,
            Status = BookingStatus.Provisional, SeriesId = series, CreatedAt = Now,
            FeeYen = (int)Math.Ceiling((end - start).TotalHours * fee),
            ConfirmBy = Min(Now.AddDays(rules.ProvisionalDays), start),
        }, ct);
    }

    /// <summary>A lottery winner's slot as a provisional booking, if it is still free; null when it is taken.</summary>
    public async Task<Booking?> BookForAsync(string userId, int roomId, DateTime start, DateTime end, string purpose, int? groupId, CancellationToken ct = default)
    {
        var rules = await RulesAsync(ct);
        var fee = groupId is null ? rules.OtherFeePerHour : rules.GroupFeePerHour;
        var outcome = await WriteAsync(roomId, [(start, end)], (s, e, _) => new Booking
        {
            RoomId = roomId, UserId = userId, GroupId = groupId, Purpose = purpose, StartsAt = s, EndsAt = e, Status = BookingStatus.Provisional, CreatedAt = Now,
            FeeYen = (int)Math.Ceiling((e - s).TotalHours * fee), ConfirmBy = Min(Now.AddDays(rules.ProvisionalDays), s),
        }, ct);
        return outcome.Bookings.FirstOrDefault();
    }

    /// <summary>Staff close a room for a time (maintenance, the centre's own event); it conflicts like a booking.</summary>
    public async Task<Outcome> BlockAsync(int roomId, DateOnly? date, TimeOnly? start, TimeOnly? end, string reason, CancellationToken ct = default)
    {
        var problems = new List<(string, string)>();
        var slots = Slots(new Request(roomId, date, start, end, reason, null, BookingRepeat.None, null), problems);
        if (problems.Count > 0) return new Outcome(problems, [], []);
        if (!await db.Set<Room>().AnyAsync(x => x.Id == roomId, ct)) return new Outcome([("RoomId", t["部屋を選んでください。"])], [], []);
        return await WriteAsync(roomId, slots, (s, e, _) => new Booking
        {
            RoomId = roomId, Purpose = reason.Trim(), StartsAt = s, EndsAt = e, Status = BookingStatus.Blocked, CreatedAt = Now, ConfirmBy = s,
        }, ct);
    }

    private async Task<Outcome> WriteAsync(int roomId, List<(DateTime Start, DateTime End)> slots, Func<DateTime, DateTime, Guid?, Booking> make, CancellationToken ct)
    {
        var series = slots.Count > 1 ? Guid.NewGuid() : (Guid?)null;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<Room>().Where(x => x.Id == roomId).ExecuteUpdateAsync(s => s.SetProperty(x => x.BookingVersion, x => x.BookingVersion + 1), ct);
            var from = slots.Min(s => s.Start);
            var to = slots.Max(s => s.End);
            var taken = await db.Set<Booking>().AsNoTracking()
                .Where(b => b.RoomId == roomId && b.StartsAt < to && b.EndsAt > from
                    && (b.Status == BookingStatus.Provisional || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Blocked))
                .Select(b => new { b.StartsAt, b.EndsAt, b.Status }).ToListAsync(ct);
            var conflicts = slots
                .SelectMany(s => taken.Where(b => b.StartsAt < s.End && s.Start < b.EndsAt)
                    .Select(b => new Conflict(s.Start, s.End, b.Status == BookingStatus.Blocked ? t["利用できない時間です（センターの都合）"] : t["すでに予約があります（{0}）", Span(b.StartsAt, b.EndsAt)])))
                .ToList();
            if (conflicts.Count > 0) return new Outcome([], conflicts, []);
            var bookings = slots.Select(s => make(s.Start, s.End, series)).ToList();
            db.AddRange(bookings);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new Outcome([], [], bookings);
        });
    }

    /// <summary>The slots a request makes, or its problems: ends before it starts, in the past, outside hours, on a closed day, beyond the horizon.</summary>
    private List<(DateTime, DateTime)> Plan(Request r, SpaceRules rules, bool isGroup, List<(string, string)> problems)
    {
        var slots = Slots(r, problems);
        if (problems.Count > 0) return slots;
        if (r.Start < rules.Opens || r.End > rules.Closes)
            problems.Add(("Start", t["開館時間（{0}〜{1}）の中で選んでください。", rules.Opens.ToString("HH:mm"), rules.Closes.ToString("HH:mm")]));
        var horizon = Display.Today(clock).AddDays(isGroup ? rules.GroupHorizonDays : rules.OtherHorizonDays);
        foreach (var (start, _) in slots)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start, Display.TokyoZone));
            if ((rules.ClosedWeekdays & (1 << (((int)day.DayOfWeek + 6) % 7))) != 0)
            {
                problems.Add(("Date", t["{0}は休館日です。", day.ToString("yyyy/MM/dd")]));
                break;
            }
            if (day > horizon)
            {
                problems.Add(("Date", isGroup
                    ? t["登録団体は{0}日先（{1}）まで予約できます。", rules.GroupHorizonDays, horizon.ToString("yyyy/MM/dd")]
                    : t["{0}日先（{1}）まで予約できます。登録団体はもっと先まで予約できます。", rules.OtherHorizonDays, horizon.ToString("yyyy/MM/dd")]));
                break;
            }
        }
        return slots;
    }

    private List<(DateTime, DateTime)> Slots(Request r, List<(string, string)> problems)
    {
        var slots = new List<(DateTime, DateTime)>();
        if (r.Date is null) problems.Add(("Date", t["日付を入力してください。"]));
        if (r.Start is null) problems.Add(("Start", t["開始時刻を入力してください。"]));
        if (r.End is null) problems.Add(("End", t["終了時刻を入力してください。"]));
        if (string.IsNullOrWhiteSpace(r.Purpose)) problems.Add(("Purpose", t["利用目的を入力してください。"]));
        if (r is { Start: { } s, End: { } e } && e <= s) problems.Add(("End", t["終了時刻は開始時刻より後にしてください。"]));
        var count = r.Repeat == BookingRepeat.None ? 1 : r.Count ?? 0;
        if (r.Repeat != BookingRepeat.None && count is < 2 or > MaxSeries) problems.Add(("Count", t["繰り返す回数は2〜{0}回にしてください。", MaxSeries]));
        if (problems.Count > 0) return slots;
        for (var i = 0; i < count; i++)
        {
            var day = r.Repeat switch { BookingRepeat.Weekly => r.Date!.Value.AddDays(7 * i), BookingRepeat.Monthly => r.Date!.Value.AddMonths(i), _ => r.Date!.Value };
            slots.Add((Utc(day, r.Start!.Value), Utc(day, r.End!.Value)));
        }
        if (slots[0].Item1 <= Now) problems.Add(("Date", t["過去の日時は予約できません。"]));
        // A series whose own slots overlap would book the room twice for one person.
        for (var i = 1; i < slots.Count; i++)
            if (slots[i].Item1 < slots[i - 1].Item2) { problems.Add(("Count", t["繰り返しの予約どうしが重なっています。"])); break; }
        return slots;
    }

    public sealed record Usage(string Label, int Bookings, decimal Hours, int People);

    /// <summary>Confirmed use in a fiscal year, by room and by month (April first): bookings, hours and people counted at check-out.</summary>
    public async Task<(List<Usage> ByRoom, List<Usage> ByMonth)> UsageAsync(Calendar.FiscalYear year, CancellationToken ct = default)
    {
        var (start, end) = year.UtcRange();
        var rows = await db.Set<Booking>().AsNoTracking().Where(b => b.Status == BookingStatus.Confirmed && b.StartsAt >= start && b.StartsAt < end)
            .Select(b => new { b.RoomId, b.StartsAt, b.EndsAt, b.People }).ToListAsync(ct);
        var rooms = await RoomsAsync(ct);
        var byRoom = rooms.Select(r => rows.Where(x => x.RoomId == r.Id).ToList() is var list
            ? new Usage(r.Name, list.Count, (decimal)list.Sum(x => (x.EndsAt - x.StartsAt).TotalHours), list.Sum(x => x.People ?? 0)) : null!).ToList();
        var byMonth = Enumerable.Range(0, 12).Select(i => new DateOnly(year.StartYear, 4, 1).AddMonths(i)).Select(m =>
            rows.Where(x => TimeZoneInfo.ConvertTimeFromUtc(x.StartsAt, Display.TokyoZone) is var local && local.Year == m.Year && local.Month == m.Month).ToList() is var list
                ? new Usage($"{m.Year}/{m.Month:00}", list.Count, (decimal)list.Sum(x => (x.EndsAt - x.StartsAt).TotalHours), list.Sum(x => x.People ?? 0)) : null!).ToList();
        return (byRoom, byMonth);
    }

    public async Task<bool> ConfirmAsync(Booking booking, CancellationToken ct = default)
    {
        if (booking.Status != BookingStatus.Provisional) return false;
        booking.Status = BookingStatus.Confirmed;
        booking.PaidAt = Now;
        return await TrySaveAsync(ct);
    }

    public async Task<bool> CancelAsync(Booking booking, CancellationToken ct = default)
    {
        if (booking.Status is not (BookingStatus.Provisional or BookingStatus.Confirmed or BookingStatus.Blocked) || booking.EndsAt <= Now) return false;
        var rules = await RulesAsync(ct);
        booking.LateCancellation = booking.Status == BookingStatus.Confirmed && booking.StartsAt < Now.AddDays(rules.FreeCancellationDays);
        booking.Status = BookingStatus.Cancelled;
        booking.CancelledAt = Now;
        return await TrySaveAsync(ct);
    }

    public async Task<bool> RecordPeopleAsync(Booking booking, int people, CancellationToken ct = default)
    {
        if (booking.Status != BookingStatus.Confirmed || booking.StartsAt > Now || people is < 0 or > 10_000) return false;
        booking.People = people;
        return await TrySaveAsync(ct);
    }

    /// <summary>Provisional bookings not confirmed by their deadline lapse, which frees the slot.</summary>
    public async Task<int> LapseAsync(CancellationToken ct = default)
    {
        var now = Now;
        var lapsed = await db.Set<Booking>().Where(b => b.Status == BookingStatus.Provisional && b.ConfirmBy < now).ToListAsync(ct);
        foreach (var b in lapsed) b.Status = BookingStatus.Lapsed;
        return await TrySaveAsync(ct) ? lapsed.Count : 0;
    }

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public static DateTime Utc(DateOnly day, TimeOnly time) => Display.ToUtc(day, time);

    public static string Span(DateTime start, DateTime end) => Display.Tokyo(start) + "–" + Display.Tokyo(end)[11..];

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}

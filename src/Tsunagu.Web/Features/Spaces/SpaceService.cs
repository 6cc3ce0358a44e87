using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

public enum BookingRepeat { None, Weekly, Monthly }

/// <summary>
/// Rooms, the city's booking rules, fees and equipment, and bookings. Every booking (or block) is written in a turn
/// (<see cref="Turns"/>) that first takes the room's row, then each borrowed item's in ascending id: the writers of a room
/// or an item queue, so the checks and the insert are never interleaved: two live bookings of a room never overlap, and no
/// item is lent beyond the quantity owned.
/// </summary>
public class SpaceService(TsunaguDb db, TimeProvider clock, Text t, CurrentCity city)
{
    public const int MaxSeries = 26;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Why the city lends nothing, or null when it does: rooms and equipment are the centre's, and a city without one yet
    /// (Nagato) sends people to its desk at city hall. Every booking, lottery entry and locker application is refused with it.
    /// </summary>
    public string? NotLending => NotLendingIn(city.City, t);

    /// <inheritdoc cref="NotLending"/>
    public static string? NotLendingIn(City? city, Text t) => city is { HasCentre: false } c
        ? t["{0}にはまだ市民活動センターがないため、部屋や備品、ロッカーの貸出はしていません。お問い合わせは{1}へ。", c.DisplayName(Text.IsEnglish), c.SupportDeskDisplayName(Text.IsEnglish)]
        : null;

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

    /// <summary>Units of an equipment item asked for with a booking.</summary>
    public sealed record EquipmentRequest(int ItemId, int Quantity);

    public sealed record Request(int RoomId, DateOnly? Date, TimeOnly? Start, TimeOnly? End, string Purpose, int? GroupId, BookingRepeat Repeat, int? Count,
        IReadOnlyList<EquipmentRequest>? Equipment = null);

    /// <summary>A slot that cannot be booked: the room is taken, or (EquipmentItemId set) not enough of an item is left.</summary>
    public sealed record Conflict(DateTime StartsAt, DateTime EndsAt, string Reason, int? EquipmentItemId = null);

    public sealed record Outcome(Problems Problems, List<Conflict> Conflicts, List<Booking> Bookings)
    {
        public bool Succeeded => Problems.Ok && Conflicts.Count == 0;
    }

    /// <summary>An item and how many of it one booking lends.</summary>
    public sealed record Line(EquipmentItem Item, int Quantity)
    {
        public int Yen => Item.FeePerBooking * Quantity;
    }

    /// <summary>What a request would cost: the room's parts by band (for the first slot), the equipment, per booking and in all.</summary>
    public sealed record FeeQuote(List<FeeCalculator.Part> RoomParts, int RoomYen, List<Line> Equipment, int PerBookingYen, int Bookings, int TotalYen, bool IsGroup);

    /// <summary>A request checked but not written: its problems, the conflicts known now (no lock is taken), and its fee.</summary>
    public sealed record Preview(Problems Problems, List<Conflict> Conflicts, FeeQuote? Fee);

    private sealed record Checked(Problems Problems, Room? Room, bool IsGroup, List<(DateTime Start, DateTime End)> Slots, List<Line> Lines, SpaceRules Rules);

    /// <summary>
    /// A signed-in person asks for a room (once or as a series), with equipment if they like: checked against the rules field
    /// by field, then slot by slot against the room's bookings and the items still free; every conflict is reported and
    /// nothing is booked unless every slot is free.
    /// </summary>
    public async Task<Outcome> RequestAsync(string userId, Request r, CancellationToken ct = default)
    {
        var c = await CheckAsync(userId, r, ct);
        if (c.Problems.Count > 0 || c.Room is not { } room) return new Outcome(c.Problems, [], []);
        var roomFee = await RoomFeeAsync(room.Id, c.IsGroup, c.Rules, ct);
        var equipmentYen = c.Lines.Sum(l => l.Yen);
        return await WriteAsync(room.Id, c.Slots, c.Lines, (start, end, series) => new Booking
        {
            RoomId = room.Id,
            UserId = userId,
            GroupId = c.IsGroup ? r.GroupId : null,
            Purpose = r.Purpose.Trim(),
            StartsAt = start,
            EndsAt = end,
            Status = BookingStatus.Provisional,
            SeriesId = series,
            CreatedAt = Now,
            FeeYen = roomFee(start, end).RoomYen + equipmentYen,
            ConfirmBy = Min(Now.AddDays(c.Rules.ProvisionalDays), start),
        }, ct);
    }

    /// <summary>The fee a request would cost, and what stands in its way now, without booking anything.</summary>
    public async Task<Preview> PreviewAsync(string userId, Request r, CancellationToken ct = default)
    {
        var c = await CheckAsync(userId, r, ct);
        if (c.Problems.Count > 0 || c.Room is not { } room) return new Preview(c.Problems, [], null);
        var fee = await RoomFeeAsync(room.Id, c.IsGroup, c.Rules, ct);
        var roomFee = fee(c.Slots[0].Start, c.Slots[0].End);
        var total = c.Slots.Sum(x => fee(x.Start, x.End).RoomYen + c.Lines.Sum(l => l.Yen));
        var perBooking = roomFee.RoomYen + c.Lines.Sum(l => l.Yen);
        return new Preview([], await ConflictsAsync(room.Id, c.Slots, c.Lines, ct),
            new FeeQuote(roomFee.Parts, roomFee.RoomYen, c.Lines, perBooking, c.Slots.Count, total, c.IsGroup));
    }

    private async Task<Checked> CheckAsync(string userId, Request r, CancellationToken ct)
    {
        if (NotLending is { } why) return new Checked(Problems.Of("", why), null, false, [], [], new SpaceRules());
        var rules = await RulesAsync(ct);
        var room = await db.Set<Room>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == r.RoomId, ct);
        var problems = new Problems();
        if (room is null) problems.Add("RoomId", t["部屋を選んでください。"]);
        var isGroup = r.GroupId is { } g && await db.Set<GroupAdministrator>().AnyAsync(a => a.GroupId == g && a.UserId == userId, ct)
            && await db.Groups.AnyAsync(x => x.Id == g && x.Status == GroupStatus.Approved, ct);
        if (r.GroupId is not null && !isGroup) problems.Add("GroupId", t["管理者になっている登録団体を選んでください。"]);
        var slots = Plan(r, rules, isGroup, problems);
        var lines = await LinesAsync(r.Equipment, problems, ct);
        if (problems.Count == 0 && room is not null)
        {
            // While a lottery for the room is open, its slots are entered there, not booked first-come.
            var starts = slots.Select(x => x.Item1).ToList();
            var open = await db.Set<Lottery>().AsNoTracking().Where(l => l.RoomId == room.Id && l.Status == LotteryStatus.Open).ToListAsync(ct);
            var lottery = open.FirstOrDefault(l => starts.Any(st => l.From <= st && st < l.To))?.Title;
            if (lottery is not null) problems.Add("Date", t["この日時は抽選「{0}」で受け付けています。抽選のページから申し込んでください。", lottery]);
        }
        return new Checked(problems, room, isGroup, slots, lines, rules);
    }

    /// <summary>The items asked for (quantities of one item added up, zeros dropped), or a problem per item: unknown, not lent, more than owned.</summary>
    private async Task<List<Line>> LinesAsync(IReadOnlyList<EquipmentRequest>? asked, Problems problems, CancellationToken ct)
    {
        if (asked is null || asked.Count == 0) return [];
        // Added up in long and capped, so absurd quantities (an API caller's) are refused as "more than owned", not overflowed.
        var wanted = asked.GroupBy(a => a.ItemId).Select(g => (Id: g.Key, Quantity: g.Any(a => a.Quantity < 0) ? -1 : (int)Math.Min(g.Sum(a => (long)a.Quantity), int.MaxValue))).ToList();
        var ids = wanted.Select(w => w.Id).ToList();
        var items = await db.Set<EquipmentItem>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var lines = new List<Line>();
        foreach (var (id, quantity) in wanted)
        {
            var field = $"Equipment.{id}";
            if (quantity < 0) problems.Add(field, t["数量は0以上で入力してください。"]);
            else if (quantity == 0) continue;
            else if (!items.TryGetValue(id, out var item) || !item.Active) problems.Add(field, t["この備品は貸し出していません。"]);
            else if (quantity > item.Quantity) problems.Add(field, t["{0}は{1}点までです。", item.Name, item.Quantity]);
            else lines.Add(new Line(item, quantity));
        }
        return [.. lines.OrderBy(l => l.Item.Id)];
    }

    /// <summary>The room's fee for a time: its own bands first, then the city's, then the flat rate (see <see cref="FeeCalculator"/>).</summary>
    private async Task<Func<DateTime, DateTime, FeeCalculator.Quote>> RoomFeeAsync(int roomId, bool isGroup, SpaceRules rules, CancellationToken ct)
    {
        var bands = await db.Set<FeeBand>().AsNoTracking().Where(b => b.RoomId == null || b.RoomId == roomId).ToListAsync(ct);
        var own = bands.Where(b => b.RoomId == roomId).ToList();
        var city = bands.Where(b => b.RoomId == null).ToList();
        return (start, end) => FeeCalculator.Compute(Display.ToTokyo(start), Display.ToTokyo(end), isGroup, own, city, rules);
    }

    /// <summary>The city's bands (RoomId null) and every room's own, by room and start.</summary>
    public Task<List<FeeBand>> FeeBandsAsync(CancellationToken ct = default) =>
        db.Set<FeeBand>().AsNoTracking().OrderBy(b => b.RoomId != null).ThenBy(b => b.RoomId).ThenBy(b => b.Starts).ToListAsync(ct);

    public Task<List<EquipmentItem>> EquipmentAsync(bool activeOnly, CancellationToken ct = default) =>
        db.Set<EquipmentItem>().AsNoTracking().Where(i => !activeOnly || i.Active).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(ct);

    /// <summary>What each booking borrows, as "プロジェクター 1点" lines, by booking.</summary>
    public async Task<ILookup<int, string>> LentAsync(IReadOnlyCollection<int> bookingIds, CancellationToken ct = default)
    {
        var ids = bookingIds.ToList();
        if (ids.Count == 0) return Array.Empty<int>().ToLookup(x => x, x => "");
        var rows = await (from be in db.Set<BookingEquipment>()
                          join i in db.Set<EquipmentItem>() on be.EquipmentItemId equals i.Id
                          where ids.Contains(be.BookingId)
                          orderby i.SortOrder, i.Id
                          select new { be.BookingId, i.Name, be.Quantity }).AsNoTracking().ToListAsync(ct);
        return rows.ToLookup(r => r.BookingId, r => t["{0} {1}点", r.Name, r.Quantity]);
    }

    /// <summary>The published groups the person administers: those they may book (and enter lotteries) for, at the group rate.</summary>
    public async Task<List<(int Id, string Name)>> GroupsAdministeredAsync(string userId, CancellationToken ct = default)
    {
        var groups = await (from a in db.Set<GroupAdministrator>()
                            join g in db.Groups on a.GroupId equals g.Id
                            where a.UserId == userId && g.Status == GroupStatus.Approved
                            orderby g.NameKana
                            select new { g.Id, g.Name }).ToListAsync(ct);
        return [.. groups.Select(g => (g.Id, g.Name))];
    }

    /// <summary>A lottery winner's slot as a provisional booking, if it is still free; null when it is taken.</summary>
    public async Task<Booking?> BookForAsync(string userId, int roomId, DateTime start, DateTime end, string purpose, int? groupId, CancellationToken ct = default)
    {
        if (NotLending is not null) return null;
        var rules = await RulesAsync(ct);
        var roomFee = await RoomFeeAsync(roomId, groupId is not null, rules, ct);
        var outcome = await WriteAsync(roomId, [(start, end)], [], (s, e, _) => new Booking
        {
            RoomId = roomId,
            UserId = userId,
            GroupId = groupId,
            Purpose = purpose,
            StartsAt = s,
            EndsAt = e,
            Status = BookingStatus.Provisional,
            CreatedAt = Now,
            FeeYen = roomFee(s, e).RoomYen,
            ConfirmBy = Min(Now.AddDays(rules.ProvisionalDays), s),
        }, ct);
        return outcome.Bookings.FirstOrDefault();
    }

    /// <summary>Staff close a room for a time (maintenance, the centre's own event); it conflicts like a booking.</summary>
    public async Task<Outcome> BlockAsync(int roomId, DateOnly? date, TimeOnly? start, TimeOnly? end, string reason, CancellationToken ct = default)
    {
        var problems = new Problems();
        var slots = Slots(new Request(roomId, date, start, end, reason, null, BookingRepeat.None, null), problems);
        if (problems.Count > 0) return new Outcome(problems, [], []);
        return await WriteAsync(roomId, slots, [], (s, e, _) => new Booking
        {
            RoomId = roomId,
            Purpose = reason.Trim(),
            StartsAt = s,
            EndsAt = e,
            Status = BookingStatus.Blocked,
            CreatedAt = Now,
            ConfirmBy = s,
        }, ct);
    }

    /// <summary>
    /// Writes the bookings (and the equipment they borrow) if every slot is free. The room's row is taken first, then each
    /// item's row in ascending id (the order of <see cref="Turns"/>, so two writers never wait on each other in a circle): a
    /// writer for the same room or the same item waits here until the one before it has committed, and only then checks —
    /// so no room is booked twice and no item is lent beyond what the centre owns, whatever the concurrency.
    /// </summary>
    private async Task<Outcome> WriteAsync(int roomId, List<(DateTime Start, DateTime End)> slots, List<Line> lines, Func<DateTime, DateTime, Guid?, Booking> make, CancellationToken ct)
    {
        var series = slots.Count > 1 ? Guid.NewGuid() : (Guid?)null;
        return await db.InTurnAsync(async () =>
        {
            if (!await db.TakeAsync<Room>(x => x.Id == roomId, ct)) return new Outcome(Problems.Of("RoomId", t["部屋を選んでください。"]), [], []);
            foreach (var itemId in lines.Select(l => l.Item.Id).Order())
                await db.TakeAsync<EquipmentItem>(x => x.Id == itemId, ct);
            var conflicts = await ConflictsAsync(roomId, slots, lines, ct);
            if (conflicts.Count > 0) return new Outcome([], conflicts, []);
            var bookings = slots.Select(s => make(s.Start, s.End, series)).ToList();
            db.AddRange(bookings);
            await db.SaveChangesAsync(ct);
            if (lines.Count > 0)
            {
                db.AddRange(bookings.SelectMany(b => lines.Select(l => new BookingEquipment { BookingId = b.Id, EquipmentItemId = l.Item.Id, Quantity = l.Quantity, FeeYen = l.Yen })));
                await db.SaveChangesAsync(ct);
            }
            return new Outcome([], [], bookings);
        }, ct);
    }

    /// <summary>
    /// Every slot the room is taken in, and every slot in which an item has fewer units free than asked: at the busiest moment
    /// within the slot, the units lent to live (provisional or confirmed) bookings plus those asked must not exceed those owned.
    /// </summary>
    private async Task<List<Conflict>> ConflictsAsync(int roomId, List<(DateTime Start, DateTime End)> slots, List<Line> lines, CancellationToken ct)
    {
        var since = slots.Min(s => s.Start);
        var until = slots.Max(s => s.End);
        var taken = await db.Set<Booking>().AsNoTracking()
            .Where(b => b.RoomId == roomId && b.StartsAt < until && b.EndsAt > since
                && (b.Status == BookingStatus.Provisional || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Blocked))
            .Select(b => new { b.StartsAt, b.EndsAt, b.Status }).ToListAsync(ct);
        var conflicts = slots
            .SelectMany(s => taken.Where(b => b.StartsAt < s.End && s.Start < b.EndsAt)
                .Select(b => new Conflict(s.Start, s.End, b.Status == BookingStatus.Blocked ? t["利用できない時間です（センターの都合）"] : t["すでに予約があります（{0}）", Display.Span(b.StartsAt, b.EndsAt)])))
            .ToList();
        if (lines.Count == 0) return conflicts;
        var ids = lines.Select(l => l.Item.Id).ToList();
        // Read after the item rows were taken: the quantity owned and the units lent are those the last writer committed.
        var owned = await db.Set<EquipmentItem>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Quantity, ct);
        var lent = await (from be in db.Set<BookingEquipment>()
                          join b in db.Set<Booking>() on be.BookingId equals b.Id
                          where ids.Contains(be.EquipmentItemId) && b.StartsAt < until && b.EndsAt > since
                              && (b.Status == BookingStatus.Provisional || b.Status == BookingStatus.Confirmed)
                          select new { be.EquipmentItemId, be.Quantity, b.StartsAt, b.EndsAt }).AsNoTracking().ToListAsync(ct);
        foreach (var s in slots)
            foreach (var line in lines)
            {
                var overlapping = lent.Where(x => x.EquipmentItemId == line.Item.Id && x.StartsAt < s.End && s.Start < x.EndsAt).ToList();
                // The busiest moment starts at the slot's start or where another loan starts inside it.
                var busiest = overlapping.Select(x => x.StartsAt).Where(p => p > s.Start).Append(s.Start)
                    .Max(p => overlapping.Where(x => x.StartsAt <= p && p < x.EndsAt).Sum(x => x.Quantity));
                var free = Math.Max(0, owned.GetValueOrDefault(line.Item.Id) - busiest);
                if (line.Quantity > free)
                    conflicts.Add(new Conflict(s.Start, s.End, t["{0}はこの時間にはあと{1}点しか貸し出せません（{2}点の申し込み）。", line.Item.Name, free, line.Quantity], line.Item.Id));
            }
        return [.. conflicts.OrderBy(c => c.StartsAt)];
    }

    /// <summary>The slots a request makes, or its problems: ends before it starts, in the past, outside hours, on a closed day, beyond the horizon.</summary>
    private List<(DateTime, DateTime)> Plan(Request r, SpaceRules rules, bool isGroup, Problems problems)
    {
        var slots = Slots(r, problems);
        if (problems.Count > 0) return slots;
        if (r.Start < rules.Opens || r.End > rules.Closes)
            problems.Add("Start", t["開館時間（{0}〜{1}）の中で選んでください。", rules.Opens.ToString("HH:mm", CultureInfo.InvariantCulture), rules.Closes.ToString("HH:mm", CultureInfo.InvariantCulture)]);
        var horizon = Display.Today(clock).AddDays(isGroup ? rules.GroupHorizonDays : rules.OtherHorizonDays);
        foreach (var (start, _) in slots)
        {
            var day = DateOnly.FromDateTime(Display.ToTokyo(start));
            if (rules.IsClosedOn(day.DayOfWeek))
            {
                problems.Add("Date", t["{0}は休館日です。", Display.Date(day)]);
                break;
            }
            if (day > horizon)
            {
                problems.Add("Date", isGroup
                    ? t["登録団体は{0}日先（{1}）まで予約できます。", rules.GroupHorizonDays, Display.Date(horizon)]
                    : t["{0}日先（{1}）まで予約できます。登録団体はもっと先まで予約できます。", rules.OtherHorizonDays, Display.Date(horizon)]);
                break;
            }
        }
        return slots;
    }

    private List<(DateTime, DateTime)> Slots(Request r, Problems problems)
    {
        var slots = new List<(DateTime, DateTime)>();
        CheckSlot(r.Date, r.Start, r.End, r.Purpose, problems);
        var count = r.Repeat == BookingRepeat.None ? 1 : r.Count ?? 0;
        if (r.Repeat != BookingRepeat.None && count is < 2 or > MaxSeries) problems.Add("Count", t["繰り返す回数は2〜{0}回にしてください。", MaxSeries]);
        if (problems.Count > 0) return slots;
        for (var i = 0; i < count; i++)
        {
            var day = r.Repeat switch { BookingRepeat.Weekly => r.Date!.Value.AddDays(7 * i), BookingRepeat.Monthly => r.Date!.Value.AddMonths(i), _ => r.Date!.Value };
            slots.Add((Display.ToUtc(day, r.Start!.Value), Display.ToUtc(day, r.End!.Value)));
        }
        if (slots[0].Item1 <= Now) problems.Add("Date", t["過去の日時は予約できません。"]);
        // A series whose own slots overlap would book the room twice for one person.
        for (var i = 1; i < slots.Count; i++)
            if (slots[i].Item1 < slots[i - 1].Item2) { problems.Add("Count", t["繰り返しの予約どうしが重なっています。"]); break; }
        return slots;
    }

    /// <summary>What every booking and lottery entry asks for: a date, a start, an end after it, and a purpose (200 characters at most).</summary>
    public void CheckSlot(DateOnly? date, TimeOnly? start, TimeOnly? end, string? purpose, Problems problems)
    {
        if (date is null) problems.Add("Date", t["日付を入力してください。"]);
        if (start is null) problems.Add("Start", t["開始時刻を入力してください。"]);
        if (end is null) problems.Add("End", t["終了時刻を入力してください。"]);
        else if (start is { } s && end <= s) problems.Add("End", t["終了時刻は開始時刻より後にしてください。"]);
        if (string.IsNullOrWhiteSpace(purpose)) problems.Add("Purpose", t["利用目的を入力してください。"]);
        else if (purpose.Trim().Length > 200) problems.Add("Purpose", t["利用目的は200文字以内にしてください。"]);
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
            rows.Where(x => Display.ToTokyo(x.StartsAt) is var local && local.Year == m.Year && local.Month == m.Month).ToList() is var list
                ? new Usage($"{m.Year}/{m.Month:00}", list.Count, (decimal)list.Sum(x => (x.EndsAt - x.StartsAt).TotalHours), list.Sum(x => x.People ?? 0)) : null!).ToList();
        return (byRoom, byMonth);
    }

    /// <summary>
    /// Staff record the payment at the counter: a provisional booking becomes confirmed (本予約), or a confirmed one still
    /// unpaid (a group's event's room, held from the approval) is marked paid. With <paramref name="paid"/> false the
    /// room is held as confirmed and the fee stays due at the counter.
    /// </summary>
    public async Task<bool> ConfirmAsync(Booking booking, CancellationToken ct = default) => await ConfirmAsync(booking, paid: true, ct);

    public async Task<bool> ConfirmAsync(Booking booking, bool paid, CancellationToken ct = default)
    {
        if (booking.Status == BookingStatus.Confirmed && booking.PaidAt is null && paid) booking.PaidAt = Now;
        else if (booking.Status == BookingStatus.Provisional)
        {
            booking.Status = BookingStatus.Confirmed;
            booking.PaidAt = paid ? Now : null;
        }
        else return false;
        return await db.TrySaveAsync(ct);
    }

    public Task<bool> CancelAsync(Booking booking, CancellationToken ct = default) => CancelAsync(booking, byTheCentre: false, ct);

    /// <summary>
    /// Cancels a live booking. A confirmed one cancelled within the free-cancellation days is recorded as late, unless
    /// <paramref name="byTheCentre"/>: the centre releasing a room for its own reasons (an event it cancelled or moved).
    /// </summary>
    public async Task<bool> CancelAsync(Booking booking, bool byTheCentre, CancellationToken ct = default)
    {
        if (booking.Status is not (BookingStatus.Provisional or BookingStatus.Confirmed or BookingStatus.Blocked) || booking.EndsAt <= Now) return false;
        var rules = await RulesAsync(ct);
        booking.LateCancellation = !byTheCentre && booking.Status == BookingStatus.Confirmed && booking.StartsAt < Now.AddDays(rules.FreeCancellationDays);
        booking.Status = BookingStatus.Cancelled;
        booking.CancelledAt = Now;
        return await db.TrySaveAsync(ct);
    }

    public async Task<bool> RecordPeopleAsync(Booking booking, int people, CancellationToken ct = default)
    {
        if (booking.Status != BookingStatus.Confirmed || booking.StartsAt > Now || people is < 0 or > 10_000) return false;
        booking.People = people;
        return await db.TrySaveAsync(ct);
    }

    /// <summary>Provisional bookings not confirmed by their deadline lapse, which frees the slot.</summary>
    public async Task<int> LapseAsync(CancellationToken ct = default)
    {
        var now = Now;
        var lapsed = await db.Set<Booking>().Where(b => b.Status == BookingStatus.Provisional && b.ConfirmBy < now).ToListAsync(ct);
        foreach (var b in lapsed) b.Status = BookingStatus.Lapsed;
        return await db.TrySaveAsync(ct) ? lapsed.Count : 0;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}

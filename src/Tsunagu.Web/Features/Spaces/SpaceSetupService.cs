using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>
/// Staff keep the rooms, the booking rules, the fee bands and the equipment. Each change is checked field by field (a
/// problem per field, nothing written when there is one) and saved through the tracked context, so the audit log records
/// who changed what.
/// </summary>
public class SpaceSetupService(TsunaguDb db, SpaceService spaces, CurrentCity city, Text t, TimeProvider clock)
{
    public const int MaxYen = 1_000_000;

    public sealed record RoomInput(string? Name, int? Capacity, string? Facilities, string? AccessibilityNotes);

    /// <summary>Adds a room at the end of the list. Its name is unique in the city.</summary>
    public async Task<Problems> AddRoomAsync(RoomInput input, CancellationToken ct = default)
    {
        var problems = new Problems();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) problems.Add("Name", t["部屋の名前を入力してください。"]);
        else if (name.Length > 100) problems.Add("Name", t["部屋の名前は100文字以内にしてください。"]);
        if (input.Capacity is not (>= 1 and <= 1000)) problems.Add("Capacity", t["定員は1〜1,000人で入力してください。"]);
        var facilities = Optional(input.Facilities);
        if (facilities is { Length: > 500 }) problems.Add("Facilities", t["設備は500文字以内にしてください。"]);
        var access = Optional(input.AccessibilityNotes);
        if (access is { Length: > 500 }) problems.Add("AccessibilityNotes", t["バリアフリーの情報は500文字以内にしてください。"]);
        if (problems.Count > 0) return problems;
        return await db.InTurnAsync(async () =>
        {
            // The city's row is taken first: two rooms added at the same moment are checked one after the other.
            await TakeCityAsync(ct);
            if (await db.Set<Room>().AnyAsync(r => r.Name == name, ct)) return Problems.Of("Name", t["「{0}」はすでにあります。", name!]);
            db.Add(new Room { Name = name!, Capacity = input.Capacity!.Value, Facilities = facilities, AccessibilityNotes = access, SortOrder = await db.Set<Room>().CountAsync(ct) + 1 });
            await db.SaveChangesAsync(ct);
            return Problems.None;
        }, ct);
    }

    /// <summary>The city's booking rules as staff set them; closed days are weekdays, Monday = 0.</summary>
    public sealed record RulesInput(TimeOnly Opens, TimeOnly Closes, IReadOnlyCollection<int> ClosedDays, int GroupHorizonDays, int OtherHorizonDays,
        int ProvisionalDays, int FreeCancellationDays, int GroupFeePerHour, int OtherFeePerHour);

    public async Task<Problems> SaveRulesAsync(RulesInput input, CancellationToken ct = default)
    {
        var problems = new Problems();
        if (input.Closes <= input.Opens) problems.Add("Closes", t["閉館時刻は開館時刻より後にしてください。"]);
        if (input.GroupHorizonDays is < 1 or > 730) problems.Add("GroupHorizonDays", t["日数は1〜730日で入力してください。"]);
        if (input.OtherHorizonDays is < 1 or > 730) problems.Add("OtherHorizonDays", t["日数は1〜730日で入力してください。"]);
        if (input.ProvisionalDays is < 1 or > 60) problems.Add("ProvisionalDays", t["日数は1〜60日で入力してください。"]);
        if (input.FreeCancellationDays is < 0 or > 60) problems.Add("FreeCancellationDays", t["日数は0〜60日で入力してください。"]);
        Yen(input.GroupFeePerHour, "GroupFeePerHour", problems);
        Yen(input.OtherFeePerHour, "OtherFeePerHour", problems);
        if (problems.Count > 0) return problems;
        var rules = await spaces.RulesAsync(ct);
        rules.Opens = input.Opens;
        rules.Closes = input.Closes;
        rules.ClosedWeekdays = input.ClosedDays.Where(d => d is >= 0 and < 7).Aggregate(0, (m, d) => m | (1 << d));
        rules.GroupHorizonDays = input.GroupHorizonDays;
        rules.OtherHorizonDays = input.OtherHorizonDays;
        rules.ProvisionalDays = input.ProvisionalDays;
        rules.FreeCancellationDays = input.FreeCancellationDays;
        rules.GroupFeePerHour = input.GroupFeePerHour;
        rules.OtherFeePerHour = input.OtherFeePerHour;
        await db.SaveChangesAsync(ct);
        return Problems.None;
    }

    public sealed record BandInput(int Id, int RoomId, string? Name, TimeOnly? Starts, TimeOnly? Ends, int? GroupFeePerHour, int? OtherFeePerHour);

    public sealed record ItemInput(int Id, string? Name, int? Quantity, int? FeePerBooking, string? Notes, bool Active);

    /// <summary>Adds a band (Id 0) or changes one. A band may not overlap another of the same scope (the city's, or one room's).</summary>
    public async Task<Problems> SaveBandAsync(BandInput input, CancellationToken ct = default)
    {
        var problems = new Problems();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) problems.Add("Name", t["時間帯の名前を入力してください。"]);
        else if (name.Length > 20) problems.Add("Name", t["時間帯の名前は20文字以内にしてください。"]);
        int? roomId = input.RoomId == 0 ? null : input.RoomId;
        var rooms = await db.Set<Room>().AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        if (roomId is { } r && !rooms.ContainsKey(r)) problems.Add("RoomId", t["部屋を選んでください。"]);
        if (input.Starts is null) problems.Add("Starts", t["開始時刻を入力してください。"]);
        if (input.Ends is null) problems.Add("Ends", t["終了時刻を入力してください。"]);
        if (input is { Starts: { } s, Ends: { } e } && e <= s) problems.Add("Ends", t["終了時刻は開始時刻より後にしてください。"]);
        Yen(input.GroupFeePerHour, "GroupFeePerHour", problems);
        Yen(input.OtherFeePerHour, "OtherFeePerHour", problems);
        FeeBand? band = null;
        if (input.Id != 0 && (band = await db.Set<FeeBand>().FirstOrDefaultAsync(b => b.Id == input.Id, ct)) is null) problems.Add("Name", t["この時間帯は見つかりません。"]);
        if (problems.Count > 0) return problems;

        return await db.InTurnAsync(async () =>
        {
            // The city's row is taken first, so two staff saving overlapping bands at the same moment take turns and the
            // second sees the first's band.
            await TakeCityAsync(ct);
            var clash = (await db.Set<FeeBand>().AsNoTracking().Where(b => b.RoomId == roomId && b.Id != input.Id).ToListAsync(ct))
                .FirstOrDefault(b => b.Starts < input.Ends && input.Starts < b.Ends);
            if (clash is not null)
            {
                var scope = roomId is { } id ? rooms[id] : t["全室"];
                return Problems.Of("Starts", t["「{0}」（{1}〜{2}）と重なっています。{3}の時間帯は重ならないようにしてください。", clash.Name, clash.Starts.ToString("HH:mm", CultureInfo.InvariantCulture), clash.Ends.ToString("HH:mm", CultureInfo.InvariantCulture), scope]);
            }
            if (band is null) db.Add(band = new FeeBand { Name = name! });
            band.Name = name!;
            band.RoomId = roomId;
            band.Starts = input.Starts!.Value;
            band.Ends = input.Ends!.Value;
            band.GroupFeePerHour = input.GroupFeePerHour!.Value;
            band.OtherFeePerHour = input.OtherFeePerHour!.Value;
            await db.SaveChangesAsync(ct);
            return Problems.None;
        }, ct);
    }

    public async Task<bool> DeleteBandAsync(int id, CancellationToken ct = default)
    {
        if (await db.Set<FeeBand>().FirstOrDefaultAsync(b => b.Id == id, ct) is not { } band) return false;
        db.Remove(band);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Adds an item (Id 0) or changes one. Items are never deleted (bookings refer to them): staff stop lending them instead.</summary>
    public async Task<Problems> SaveItemAsync(ItemInput input, CancellationToken ct = default)
    {
        var problems = new Problems();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) problems.Add("Name", t["備品の名前を入力してください。"]);
        else if (name.Length > 100) problems.Add("Name", t["備品の名前は100文字以内にしてください。"]);
        else if (await db.Set<EquipmentItem>().AnyAsync(i => i.Name == name && i.Id != input.Id, ct)) problems.Add("Name", t["「{0}」はすでにあります。", name]);
        if (input.Quantity is not (>= 1 and <= 1000)) problems.Add("Quantity", t["数量は1〜1,000で入力してください。"]);
        Yen(input.FeePerBooking, "FeePerBooking", problems);
        var notes = Optional(input.Notes);
        if (notes is { Length: > 500 }) problems.Add("Notes", t["備考は500文字以内にしてください。"]);
        EquipmentItem? item = null;
        if (input.Id != 0 && (item = await db.Set<EquipmentItem>().FirstOrDefaultAsync(i => i.Id == input.Id, ct)) is null) problems.Add("Name", t["この備品は見つかりません。"]);
        if (problems.Count > 0) return problems;
        return await db.InTurnAsync(async () =>
        {
            // Fewer units than bookings still to come already hold at one moment would over-lend them: refused, with the
            // item's row taken (as bookings take it), so a booking made meanwhile is counted too.
            if (item is not null && input.Quantity < item.Quantity)
            {
                await db.TakeAsync<EquipmentItem>(i => i.Id == item.Id, ct);
                var peak = await PeakLentAsync(item.Id, ct);
                if (peak > input.Quantity) return Problems.Of("Quantity", t["これからの予約で、同じ時間に最大{0}点を貸し出す予定です。{0}点より少なくはできません。", peak]);
            }
            if (item is null) db.Add(item = new EquipmentItem { Name = name!, SortOrder = await db.Set<EquipmentItem>().CountAsync(ct) + 1 });
            item.Name = name!;
            item.Quantity = input.Quantity!.Value;
            item.FeePerBooking = input.FeePerBooking!.Value;
            item.Notes = notes;
            item.Active = input.Active;
            await db.SaveChangesAsync(ct);
            return Problems.None;
        }, ct);
    }

    /// <summary>The most units of the item that bookings still to come hold at one moment (the busiest moment is where some loan starts).</summary>
    private async Task<int> PeakLentAsync(int itemId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var loans = await (from be in db.Set<BookingEquipment>()
                           join b in db.Set<Booking>() on be.BookingId equals b.Id
                           where be.EquipmentItemId == itemId && b.EndsAt > now && (b.Status == BookingStatus.Provisional || b.Status == BookingStatus.Confirmed)
                           select new { b.StartsAt, b.EndsAt, be.Quantity }).AsNoTracking().ToListAsync(ct);
        return loans.Count == 0 ? 0 : loans.Max(l => loans.Where(x => x.StartsAt <= l.StartsAt && l.StartsAt < x.EndsAt).Sum(x => x.Quantity));
    }

    /// <summary>Takes the city's row: the first row of every turn that takes one (<see cref="Turns"/>).</summary>
    private async Task TakeCityAsync(CancellationToken ct)
    {
        var cityId = city.Required.Id;
        await db.TakeAsync<City>(c => c.Id == cityId, ct);
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private void Yen(int? value, string field, Problems problems)
    {
        if (value is null) problems.Add(field, t["料金を円で入力してください（無料は0）。"]);
        else if (value < 0) problems.Add(field, t["料金は0円以上で入力してください。"]);
        else if (value > MaxYen) problems.Add(field, t["料金は1,000,000円以下で入力してください。"]);
    }
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>
/// Staff keep the fee bands and the equipment. Each change is checked field by field (a problem per field, nothing written
/// when there is one) and saved through the tracked context, so the audit log records who changed what.
/// </summary>
public class SpaceSetupService(TsunaguDb db, CurrentCity city, Text t, TimeProvider clock)
{
    public const int MaxYen = 1_000_000;

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
            var cityId = city.Required.Id;
            await db.TakeAsync<City>(c => c.Id == cityId, ct);
            var clash = (await db.Set<FeeBand>().AsNoTracking().Where(b => b.RoomId == roomId && b.Id != input.Id).ToListAsync(ct))
                .FirstOrDefault(b => b.Starts < input.Ends && input.Starts < b.Ends);
            if (clash is not null)
            {
                var scope = roomId is { } id ? rooms[id] : t["全室"];
                return Problems.Of("Starts", t["「{0}」（{1}〜{2}）と重なっています。{3}の時間帯は重ならないようにしてください。", clash.Name, clash.Starts.ToString("HH:mm"), clash.Ends.ToString("HH:mm"), scope]);
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
        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
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
        var loans = await (from be in db.Set<BookingEquipment>() join b in db.Set<Booking>() on be.BookingId equals b.Id
                           where be.EquipmentItemId == itemId && b.EndsAt > now && (b.Status == BookingStatus.Provisional || b.Status == BookingStatus.Confirmed)
                           select new { b.StartsAt, b.EndsAt, be.Quantity }).AsNoTracking().ToListAsync(ct);
        return loans.Count == 0 ? 0 : loans.Max(l => loans.Where(x => x.StartsAt <= l.StartsAt && l.StartsAt < x.EndsAt).Sum(x => x.Quantity));
    }

    private void Yen(int? value, string field, Problems problems)
    {
        if (value is null) problems.Add(field, t["料金を円で入力してください（無料は0）。"]);
        else if (value < 0) problems.Add(field, t["料金は0円以上で入力してください。"]);
        else if (value > MaxYen) problems.Add(field, t["料金は1,000,000円以下で入力してください。"]);
    }
}

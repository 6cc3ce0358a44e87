using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Spaces;

namespace Tsunagu.Web.Data.Demo;

/// <summary>Fictional rooms for each demo city's centre, added only to a city that has none.</summary>
public class DemoSpaces(TsunaguDb db)
{
    private static readonly (string Name, int Capacity, string Facilities, string? Access)[] Rooms =
    [
        ("会議室A（デモ）", 24, "プロジェクター、スクリーン、ホワイトボード", "車いすで入れます。ヒアリングループがあります。"),
        ("会議室B（デモ）", 12, "ホワイトボード", "車いすで入れます。"),
        ("交流スペース（デモ）", 40, "可動式の机と椅子、音響設備", "段差はありません。"),
        ("和室（デモ）", 15, "座卓、座布団", null),
        ("作業室（デモ）", 8, "印刷機、紙折り機、裁断機", "車いすで入れます。"),
    ];

    /// <summary>The city-wide bands: hourly yen for registered groups and for others; 12–13 and 17–18 fall back to the flat rate.</summary>
    private static readonly (string Name, TimeOnly Starts, TimeOnly Ends, int Group, int Other)[] Bands =
    [
        ("午前", new(9, 0), new(12, 0), 200, 400),
        ("午後", new(13, 0), new(17, 0), 200, 400),
        ("夜間", new(18, 0), new(21, 0), 300, 600),
    ];

    /// <summary>Equipment lent with bookings: how many, yen per unit per booking, notes.</summary>
    private static readonly (string Name, int Quantity, int Fee, string? Notes)[] Items =
    [
        ("プロジェクター", 2, 500, "HDMIで接続します。"),
        ("スクリーン", 2, 0, null),
        ("ワイヤレスマイク", 4, 200, "スピーカー付き。電池はセンターで用意します。"),
        ("印刷機", 1, 300, "用紙は持ち込みです。製版代は別に実費がかかります。"),
        ("ホワイトボード（移動式）", 3, 0, null),
    ];

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            if (await db.Set<Room>().IgnoreQueryFilters().AnyAsync(r => r.CityId == city.Id, ct)) continue;
            db.AddRange(Rooms.Select((r, i) => new Room { CityId = city.Id, Name = r.Name, Capacity = r.Capacity, Facilities = r.Facilities, AccessibilityNotes = r.Access, SortOrder = i + 1, IsDemo = true }));
            added += Rooms.Length;
        }
        // Bands and equipment go to a demo city's centre that has none yet (a city with rooms from before gets them too).
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            if (!await db.Set<FeeBand>().IgnoreQueryFilters().AnyAsync(b => b.CityId == city.Id, ct))
                db.AddRange(Bands.Select(b => new FeeBand { CityId = city.Id, Name = b.Name, Starts = b.Starts, Ends = b.Ends, GroupFeePerHour = b.Group, OtherFeePerHour = b.Other }));
            if (!await db.Set<EquipmentItem>().IgnoreQueryFilters().AnyAsync(i => i.CityId == city.Id, ct))
                db.AddRange(Items.Select((x, i) => new EquipmentItem { CityId = city.Id, Name = x.Name, Quantity = x.Quantity, FeePerBooking = x.Fee, Notes = x.Notes, SortOrder = i + 1, IsDemo = true }));
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}

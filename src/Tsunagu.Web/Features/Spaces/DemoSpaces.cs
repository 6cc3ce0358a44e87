using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>Fictional rooms, lockers and mailboxes for each demo city's centre, each added only to a city that has none.</summary>
public class DemoSpaces(TsunaguDb db) : IDemoDataSet
{
    public int Order => 80;
    public string Description => "Demo rooms, lockers and mailboxes";

    private static readonly (string Name, int Capacity, string Facilities, string? Access)[] Rooms =
    [
        ("会議室A（デモ）", 24, "プロジェクター、スクリーン、ホワイトボード", "車いすで入れます。ヒアリングループがあります。"),
        ("会議室B（デモ）", 12, "ホワイトボード", "車いすで入れます。"),
        ("交流スペース（デモ）", 40, "可動式の机と椅子、音響設備", "段差はありません。"),
        ("和室（デモ）", 15, "座卓、座布団", null),
        ("作業室（デモ）", 8, "印刷機、紙折り機、裁断機", "車いすで入れます。"),
    ];

    private static readonly (string Label, LockerKind Kind, string Notes, int Fee)[] Lockers =
    [
        ("L-01", LockerKind.Locker, "小：幅30×奥行45×高さ40cm、鍵付き", 3_000),
        ("L-02", LockerKind.Locker, "小：幅30×奥行45×高さ40cm、鍵付き", 3_000),
        ("L-03", LockerKind.Locker, "小：幅30×奥行45×高さ40cm、鍵付き", 3_000),
        ("L-04", LockerKind.Locker, "小：幅30×奥行45×高さ40cm、鍵付き", 3_000),
        ("L-05", LockerKind.Locker, "大：幅45×奥行55×高さ90cm、鍵付き", 6_000),
        ("L-06", LockerKind.Locker, "大：幅45×奥行55×高さ90cm、鍵付き", 6_000),
        ("L-07", LockerKind.Locker, "大：幅45×奥行55×高さ90cm、鍵付き、車いすで届く高さ", 6_000),
        ("M-01", LockerKind.Mailbox, "A4が入る棚、名札付き", 1_200),
        ("M-02", LockerKind.Mailbox, "A4が入る棚、名札付き", 1_200),
        ("M-03", LockerKind.Mailbox, "A4が入る棚、名札付き", 1_200),
        ("M-04", LockerKind.Mailbox, "A4が入る棚、名札付き", 1_200),
        ("M-05", LockerKind.Mailbox, "A4が入る棚、名札付き、車いすで届く高さ", 1_200),
        ("M-06", LockerKind.Mailbox, "角2封筒が入る深い棚、名札付き", 1_500),
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
        return added + await SeedLockersAsync(ct);
    }

    /// <summary>
    /// Lockers and mailboxes with their fees; the city's first demo group has this year's L-01 (paid), its second has
    /// M-01 assigned and waiting for payment at the counter.
    /// </summary>
    private async Task<int> SeedLockersAsync(CancellationToken ct)
    {
        var added = 0;
        var today = Display.Today(TimeProvider.System);
        var year = FiscalYear.Of(today);
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            if (await db.Set<Locker>().IgnoreQueryFilters().AnyAsync(l => l.CityId == city.Id, ct)) continue;
            var lockers = Lockers.Select(l => new Locker { CityId = city.Id, Label = l.Label, Kind = l.Kind, Notes = l.Notes + "（デモ）", AnnualFeeYen = l.Fee, IsDemo = true }).ToList();
            db.AddRange(lockers);
            await db.SaveChangesAsync(ct);
            added += lockers.Count;
            var groups = await db.Groups.IgnoreQueryFilters().Where(g => g.CityId == city.Id && g.IsDemo && g.Status == GroupStatus.Approved)
                .OrderBy(g => g.Id).Select(g => g.Id).Take(2).ToListAsync(ct);
            var appliedAt = Display.ToUtc(year.FirstDay, new TimeOnly(10, 0));
            if (groups.Count > 0)
                db.Add(new LockerRental
                {
                    CityId = city.Id,
                    GroupId = groups[0],
                    Kind = LockerKind.Locker,
                    FiscalYear = year.StartYear,
                    LockerId = lockers[0].Id,
                    FeeYen = lockers[0].AnnualFeeYen,
                    Status = LockerRentalStatus.Confirmed,
                    AppliedAt = appliedAt,
                    PaidOn = Min(year.FirstDay.AddDays(7), today),
                    ConfirmedAt = appliedAt.AddDays(7),
                });
            if (groups.Count > 1)
            {
                var mailbox = lockers.First(l => l.Kind == LockerKind.Mailbox);
                db.Add(new LockerRental
                {
                    CityId = city.Id,
                    GroupId = groups[1],
                    Kind = LockerKind.Mailbox,
                    FiscalYear = year.StartYear,
                    LockerId = mailbox.Id,
                    FeeYen = mailbox.AnnualFeeYen,
                    Status = LockerRentalStatus.Applied,
                    AppliedAt = DateTime.UtcNow.AddDays(-2),
                    Note = "会報の郵送先にしたいです。（デモ）",
                });
            }
            await db.SaveChangesAsync(ct);
        }
        return added;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

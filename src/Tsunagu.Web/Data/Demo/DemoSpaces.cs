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

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            if (await db.Set<Room>().IgnoreQueryFilters().AnyAsync(r => r.CityId == city.Id, ct)) continue;
            db.AddRange(Rooms.Select((r, i) => new Room { CityId = city.Id, Name = r.Name, Capacity = r.Capacity, Facilities = r.Facilities, AccessibilityNotes = r.Access, SortOrder = i + 1, IsDemo = true }));
            added += Rooms.Length;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}

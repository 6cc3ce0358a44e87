using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>One room: who may see it? anyone. Capacity, facilities, accessibility, fees and photos (each with its description).</summary>
public class RoomDetailsModel(SpaceService spaces, RoomPhotoService photos, TsunaguDb db) : PageModel
{
    public Room Room { get; private set; } = default!;
    public SpaceRules Rules { get; private set; } = new();
    /// <summary>The city-wide bands and this room's own: what a booking of this room is charged.</summary>
    public List<FeeBand> Bands { get; private set; } = [];
    public List<RoomPhotoService.Info> Photos { get; private set; } = [];
    /// <summary>Why the city lends no rooms (it has no centre yet), or null.</summary>
    public string? NotLending => spaces.NotLending;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (await db.Set<Room>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } room) return NotFound();
        Room = room;
        Rules = await spaces.RulesAsync(ct);
        Bands = [.. (await spaces.FeeBandsAsync(ct)).Where(b => b.RoomId is null || b.RoomId == id)];
        Photos = await photos.ForRoomAsync(id, ct);
        return Page();
    }
}

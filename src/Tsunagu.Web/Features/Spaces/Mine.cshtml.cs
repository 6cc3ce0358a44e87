using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>A person's own bookings: status, fee, payment deadline, and cancelling.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class MineModel(SpaceService spaces, TsunaguDb db, UserManager<AppUser> users, CurrentCity city) : PageModel
{
    public List<(Booking Booking, string Room)> Bookings { get; private set; } = [];
    /// <summary>The equipment lent with each booking.</summary>
    public ILookup<int, string> Lent { get; private set; } = Array.Empty<int>().ToLookup(x => x, x => "");

    public async Task OnGetAsync()
    {
        var userId = users.GetUserId(User)!;
        var rooms = (await spaces.RoomsAsync(HttpContext.RequestAborted)).ToDictionary(r => r.Id, r => r.Name);
        var list = await db.Set<Booking>().AsNoTracking().Where(b => b.UserId == userId).OrderByDescending(b => b.StartsAt).Take(200).ToListAsync();
        Bookings = [.. list.Select(b => (b, rooms.GetValueOrDefault(b.RoomId, "")))];
        Lent = await spaces.LentAsync([.. list.Select(b => b.Id)], HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        var userId = users.GetUserId(User)!;
        if (await db.Set<Booking>().FirstOrDefaultAsync(b => b.Id == id && b.UserId == userId) is not { } booking) return NotFound();
        TempData["Notice"] = await spaces.CancelAsync(booking, HttpContext.RequestAborted)
            ? (booking.LateCancellation ? "予約を取り消しました。取り消しの期限を過ぎていたため、利用料はお返しできません。" : "予約を取り消しました。")
            : "この予約は取り消せません。";
        return Redirect($"/{city.Required.Slug}/spaces/mine");
    }
}

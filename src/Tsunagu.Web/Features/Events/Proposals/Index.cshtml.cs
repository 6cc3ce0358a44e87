using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Events.Proposals;

/// <summary>A group's administrators see the group's events and proposals: waiting, approved (published), not approved (with the reason) or cancelled.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class IndexModel(EventCatalog catalog, TsunaguDb db, UserManager<AppUser> users) : PageModel
{
    public Group Group { get; private set; } = default!;
    public List<Event> Events { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (!await catalog.LeadsAsync(id, users.GetUserId(User)!, ct)) return NotFound();
        Group = await db.Groups.AsNoTracking().FirstAsync(g => g.Id == id, ct);
        var list = await db.Set<Event>().AsNoTracking().Include(e => e.Meetings).Include(e => e.Room).Where(e => e.GroupId == id).ToListAsync(ct);
        Events = [.. list.OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Id)];
        return Page();
    }
}

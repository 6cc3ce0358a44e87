using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Home;

/// <summary>
/// A signed-in person's page in a city: every list of their own that the features registered (volunteering, groups,
/// bookings, courses, requests) in one place, and the staff menu when a role gives them one, so nobody has to remember
/// where each lives.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class MyModel(TsunaguDb db, UserManager<AppUser> users, IEnumerable<MyPageEntry> entries) : PageModel
{
    public bool HasStaffMenu { get; private set; }

    public IReadOnlyList<IGrouping<string, MyPageEntry>> Sections { get; } =
        entries.OrderBy(e => e.Order).GroupBy(e => e.Section).ToList();

    /// <summary>What waits for the person, by entry (only entries that count something).</summary>
    public Dictionary<MyPageEntry, int> Waiting { get; } = [];

    /// <summary>
    /// Anyone with a role in this city is led to the staff menu, with or without two-factor sign-in yet: that page is where
    /// a newly invited person learns to set it up.
    /// </summary>
    public async Task OnGetAsync()
    {
        var userId = users.GetUserId(User)!;
        HasStaffMenu = await db.CityMemberships.AnyAsync(m => m.UserId == userId, HttpContext.RequestAborted);
        foreach (var entry in Sections.SelectMany(s => s).Where(e => e.Waiting is not null))
            Waiting[entry] = await entry.Waiting!(HttpContext.RequestServices, userId, HttpContext.RequestAborted);
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Account;

public class AccessDeniedModel(TsunaguDb db) : PageModel
{
    /// <summary>A staff member without two-factor sign-in is told how to get access, not just refused.</summary>
    public bool NeedsTwoFactor { get; private set; }

    public async Task OnGetAsync()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var id = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
        if (user is null || user.TwoFactorEnabled || user.TwoFactorExempt) return;
        var staffRoles = CityRoles.Granted.Where(CityRoles.IsStaff).ToList();
        NeedsTwoFactor = user.IsPlatformAdmin || await db.CityMemberships.IgnoreQueryFilters()
            .AnyAsync(m => m.UserId == id && staffRoles.Contains(m.Role));
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Features.Groups;

/// <summary>A published group's public page.</summary>
public class DetailsModel(GroupDirectory directory, GroupService groups, TsunaguDb db) : PageModel
{
    public GroupDirectory.PublicGroup Group { get; private set; } = default!;
    public List<string> DistrictNames { get; private set; } = [];
    public bool CanEdit { get; private set; }
    /// <summary>For a district council: its district, with the figures the city publishes.</summary>
    public Tenancy.District? CouncilDistrict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var group = await directory.FindAsync(id, HttpContext.RequestAborted);
        if (group is null) return NotFound();
        Group = group;
        var userId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        CanEdit = userId is not null && await groups.IsAdministratorAsync(id, userId);
        if (group.CouncilDistrictId is { } cd) CouncilDistrict = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == cd);
        var english = Localization.Text.IsEnglish;
        DistrictNames = (await db.Districts.AsNoTracking().Where(d => group.Districts.Contains(d.Id)).OrderBy(d => d.SortOrder).ToListAsync())
            .Select(d => english && d.NameEn is not null ? d.NameEn : d.Name).ToList();
        return Page();
    }
}

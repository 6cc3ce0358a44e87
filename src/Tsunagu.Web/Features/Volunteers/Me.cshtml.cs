using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Volunteers;

/// <summary>A volunteer's own registration: what it says, and pausing, resuming or leaving.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class MeModel(VolunteerService volunteers, Opportunities.ApplicationStateMachine applications, TsunaguDb db, UserManager<AppUser> users, CurrentCity city) : PageModel
{
    public Volunteer? Volunteer { get; private set; }
    public List<string> SkillNames { get; private set; } = [];
    public List<string> DistrictNames { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Volunteer = await volunteers.MineAsync(users.GetUserId(User)!, HttpContext.RequestAborted);
        if (Volunteer is null) return;
        var skillIds = Volunteer.Skills.Select(s => s.SkillId).ToList();
        SkillNames = await db.Set<VolunteerSkill>().Where(s => skillIds.Contains(s.Id)).OrderBy(s => s.SortOrder).Select(s => s.Name).ToListAsync();
        var districtIds = Volunteer.Districts.Select(d => d.DistrictId).ToList();
        DistrictNames = await db.Districts.Where(d => districtIds.Contains(d.Id)).OrderBy(d => d.SortOrder).Select(d => d.Name).ToListAsync();
    }

    public async Task<IActionResult> OnPostStatusAsync(VolunteerStatus status)
    {
        if (await volunteers.MineAsync(users.GetUserId(User)!, HttpContext.RequestAborted) is not { } v) return NotFound();
        await volunteers.SetStatusAsync(v, status, HttpContext.RequestAborted);
        if (status == VolunteerStatus.Left) await applications.ReleaseOpenApplicationsAsync(v.Id, HttpContext.RequestAborted);
        TempData["Notice"] = status switch
        {
            VolunteerStatus.Paused => "登録を休止しました。募集のお知らせは届きません。",
            VolunteerStatus.Left => "ボランティアの登録をやめました。",
            _ => "登録を再開しました。",
        };
        return Redirect($"/{city.Required.Slug}/volunteers/me");
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Opportunities.Matching;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>One opportunity, public; a registered volunteer applies for a shift here and sees how well it fits them.</summary>
public class DetailsModel(OpportunityService opportunities, ApplicationStateMachine applications, VolunteerService volunteers, TsunaguDb db, UserManager<AppUser> users, CurrentCity city) : PageModel
{
    public Opportunity Opportunity { get; private set; } = null!;
    public string Organiser { get; private set; } = "";
    public string? DistrictName { get; private set; }
    public string? ProgrammeName { get; private set; }
    public List<string> RequiredSkills { get; private set; } = [];
    public List<string> WelcomeSkills { get; private set; } = [];
    public Volunteer? Me { get; private set; }
    public MatchScore? Score { get; private set; }
    /// <summary>The signed-in volunteer's applications to this opportunity, by shift.</summary>
    public Dictionary<int, ShiftApplication> MyApplications { get; private set; } = [];
    public bool CanManage { get; private set; }

    [BindProperty] public int ShiftId { get; set; }
    [BindProperty][StringLength(500, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApplyAsync(int id)
    {
        // The page is public; applying is not (Razor Pages ignore [Authorize] on a handler).
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        if (Me is null or { Status: VolunteerStatus.Left }) return Redirect($"/{city.Required.Slug}/volunteers/register");
        var result = await applications.ApplyAsync(Me, id, ShiftId, Message, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddProblems(result.Problems, prefix: null, fieldFor: field => field == "Message" ? $"message-{ShiftId}" : $"shift-{ShiftId}");
            await LoadAsync(id);
            return Page();
        }
        TempData["Notice"] = "応募しました。主催者からの返事をお待ちください。";
        return Redirect($"/{city.Required.Slug}/volunteers/activities");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (await opportunities.FindAsync(id, ct) is not { } o) return false;
        var userId = users.GetUserId(User);
        CanManage = userId is not null && await opportunities.CanManageAsync(o, userId, ct);
        // A closed opportunity stays readable for those who took part or run it, not in public.
        Opportunity = o;
        Organiser = await opportunities.OrganiserNameAsync(o, ct: ct);
        var english = Text.IsEnglish;
        DistrictName = o.DistrictId is { } d ? await db.Districts.Where(x => x.Id == d).Select(x => english && x.NameEn != null ? x.NameEn : x.Name).FirstOrDefaultAsync(ct) : null;
        ProgrammeName = o.ProgrammeId is { } p ? await db.Set<Programme>().Where(x => x.Id == p).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var skillIds = o.Skills.Select(s => s.SkillId).ToList();
        var names = await db.Set<VolunteerSkill>().Where(s => skillIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        RequiredSkills = [.. o.Skills.Where(s => s.Required).Select(s => names[s.SkillId])];
        WelcomeSkills = [.. o.Skills.Where(s => !s.Required).Select(s => names[s.SkillId])];
        if (userId is not null && await volunteers.MineAsync(userId, ct) is { } me)
        {
            Me = me;
            MyApplications = await db.Set<ShiftApplication>().AsNoTracking().Where(a => a.OpportunityId == id && a.VolunteerId == me.Id).ToDictionaryAsync(a => a.ShiftId, ct);
            if (me.Status == VolunteerStatus.Active)
                Score = MatchScore.Of(OpportunityService.ProfileOf(me), OpportunityService.ProfileOf(o), DateTime.UtcNow);
        }
        if (o.Status != OpportunityStatus.Open && !CanManage && MyApplications.Count == 0) return false;
        return true;
    }
}

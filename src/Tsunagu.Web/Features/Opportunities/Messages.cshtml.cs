using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>The conversation between an opportunity's organiser and one applicant, inside Tsunagu.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class MessagesModel(ApplicationStateMachine applications, OpportunityService opportunities, TsunaguDb db, UserManager<AppUser> users, CurrentCity city) : PageModel
{
    public ShiftApplication Application { get; private set; } = null!;
    public Opportunity Opportunity { get; private set; } = null!;
    public bool AsOrganiser { get; private set; }
    public List<ApplicationMessage> Thread { get; private set; } = [];

    [BindProperty]
    [Display(Name = "メッセージ")]
    [StringLength(2000, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        var result = await applications.PostMessageAsync(Application, AsOrganiser, users.GetUserId(User)!, Body ?? "", HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddProblems(result.Problems, prefix: null, fieldFor: _ => nameof(Body));
            return Page();
        }
        return Redirect($"/{city.Required.Slug}/applications/{id}/messages#latest");
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        var userId = users.GetUserId(User)!;
        if (await db.Set<ShiftApplication>().FirstOrDefaultAsync(a => a.Id == id, ct) is not { } application) return NotFound();
        var opportunity = await db.Set<Opportunity>().AsNoTracking().FirstAsync(o => o.Id == application.OpportunityId, ct);
        var isVolunteer = await db.Set<Volunteer>().AnyAsync(v => v.Id == application.VolunteerId && v.UserId == userId, ct);
        AsOrganiser = !isVolunteer && await opportunities.CanManageAsync(opportunity, userId, ct);
        if (!isVolunteer && !AsOrganiser) return NotFound();
        Application = application;
        Opportunity = opportunity;
        Thread = await db.Set<ApplicationMessage>().AsNoTracking().Where(m => m.ApplicationId == id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        return null;
    }
}

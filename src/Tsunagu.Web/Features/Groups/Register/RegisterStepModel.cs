using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Register;

/// <summary>
/// A step of the group registration journey: loads the applicant's own editable application and,
/// after a valid post, goes to the next step (or back to the check page when changing an answer).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public abstract class RegisterStepModel(GroupService groups, UserManager<AppUser> users, CurrentCity city) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    /// <summary>Set when the applicant came from the check page to change one answer.</summary>
    [BindProperty(SupportsGet = true)] public bool Change { get; set; }

    public Group Group { get; private set; } = default!;
    protected GroupService Groups => groups;
    protected string CitySlug => city.Required.Slug;

    protected abstract string NextStep { get; }

    protected async Task<bool> LoadAsync()
    {
        var group = await groups.FindEditableAsync(Id, users.GetUserId(User)!);
        if (group is null) return false;
        Group = group;
        return true;
    }

    /// <summary>A published group's administrator changes one part and returns to the summary.</summary>
    protected IActionResult Next() =>
        Redirect($"/{city.Required.Slug}/groups/register/{Id}/{(Change || Group.Status == GroupStatus.Approved ? "check" : NextStep)}");

    public string StepUrl(string step) => $"/{city.Required.Slug}/groups/register/{Id}/{step}";
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Features.Groups.Renewal;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups;

/// <summary>A person's own applications and the groups they administer, with where each stands and this year's renewal.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class MineModel(GroupService groups, RenewalService renewal, UserManager<AppUser> users, CurrentCity city) : PageModel
{
    public List<Group> Groups { get; private set; } = [];
    public Dictionary<int, (RenewalState State, DateOnly DueOn)> Renewal { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Groups = await groups.ForApplicantAsync(users.GetUserId(User)!);
        Renewal = await renewal.StatesForAsync(Groups, HttpContext.RequestAborted);
    }

    /// <summary>The administrator confirms the registration is still right (年次更新).</summary>
    public async Task<IActionResult> OnPostConfirmAsync(int id)
    {
        if (!await renewal.ConfirmAsync(id, users.GetUserId(User)!, HttpContext.RequestAborted)) return NotFound();
        TempData["Notice"] = "登録内容の確認を受け付けました。ありがとうございます。";
        return Redirect($"/{city.Required.Slug}/groups/mine");
    }
}

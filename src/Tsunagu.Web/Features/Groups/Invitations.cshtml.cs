using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups;

/// <summary>
/// The invitations to become a group's administrator that wait for the signed-in person (sent to their account's confirmed
/// address), where they accept or decline; the link in the invitation mail (Invitation.cshtml) answers here too.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class InvitationsModel(GroupAdministratorInvitations invitations, UserManager<AppUser> users, CurrentCity city) : PageModel
{
    public List<GroupAdministratorInvitations.Received> Waiting { get; private set; } = [];

    private string MyId => users.GetUserId(User)!;

    public async Task OnGetAsync() => Waiting = await invitations.WaitingForPersonAsync(MyId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAcceptAsync(int invitationId)
    {
        var answer = await invitations.AcceptAsync(invitationId, MyId, HttpContext.RequestAborted);
        if (answer is GroupAdministratorInvitations.Answer.Accepted or GroupAdministratorInvitations.Answer.AlreadyAdministrator)
        {
            TempData["Notice"] = "招待を承諾しました。団体の管理者になりました。";
            return Redirect($"/{city.Required.Slug}/groups/mine");
        }
        return await RefusedAsync(answer);
    }

    public async Task<IActionResult> OnPostDeclineAsync(int invitationId)
    {
        var answer = await invitations.DeclineAsync(invitationId, MyId, HttpContext.RequestAborted);
        if (answer == GroupAdministratorInvitations.Answer.Declined)
        {
            TempData["Notice"] = "招待を辞退しました。";
            return Redirect($"/{city.Required.Slug}/groups/invitations");
        }
        return await RefusedAsync(answer);
    }

    /// <summary>The invitation could not be answered (used, expired, taken back, someone else's): the page says why.</summary>
    private async Task<IActionResult> RefusedAsync(GroupAdministratorInvitations.Answer answer)
    {
        ModelState.AddModelError("", invitations.Explain(answer));
        await OnGetAsync();
        return Page();
    }
}

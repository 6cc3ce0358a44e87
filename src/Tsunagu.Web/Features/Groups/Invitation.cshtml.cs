using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Groups;

/// <summary>
/// Where the invitation mail's link leads, signed in or not (a person without an account is told to create one with the
/// invited address first). It only shows the invitation; the answer is posted to the signed-in page, which checks that the
/// account's confirmed address is the invited one.
/// </summary>
public class InvitationModel(GroupAdministratorInvitations invitations, TsunaguDb db, UserManager<AppUser> users) : PageModel
{
    public enum Viewer { Anonymous, Invited, SomeoneElse }

    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";

    public GroupAdministratorInvitations.Received? Invitation { get; private set; }
    public Viewer Who { get; private set; }
    /// <summary>Why the invitation can no longer be answered; null while it can.</summary>
    public string? Closed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // The address holds a secret, whoever opens it: no cache keeps the page.
        Response.Headers.CacheControl = "no-store";
        if (await invitations.FindByTokenAsync(Token, HttpContext.RequestAborted) is not { } found)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Closed = invitations.Explain(GroupAdministratorInvitations.Answer.NotFound);
            return Page();
        }
        Invitation = found.Invitation;
        Who = Viewer.Anonymous;
        if (users.GetUserId(User) is { } userId)
        {
            var email = await db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(HttpContext.RequestAborted);
            Who = email == found.NormalizedEmail ? Viewer.Invited : Viewer.SomeoneElse;
        }
        // Someone else's account learns only that the invitation is not theirs, not what became of it.
        if (Who == Viewer.SomeoneElse) Closed = invitations.Explain(GroupAdministratorInvitations.Answer.NotForThisAccount);
        else if (Invitation.State != InvitationState.Pending) Closed = invitations.Explain(Invitation.State);
        return Page();
    }
}

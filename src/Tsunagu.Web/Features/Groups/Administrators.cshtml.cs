using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Operations;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups;

/// <summary>
/// A group's administrators invite one another by e-mail and remove one another, so a group is never tied to one person's
/// account. An invitation makes nobody an administrator: the invited person accepts it (Invitations.cshtml).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[EnableRateLimiting(OperationsRegistration.GroupInvitationsLimit)]
public class AdministratorsModel(GroupService groups, GroupAdministratorInvitations invitations, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    [BindProperty]
    [Display(Name = "招待する人のメールアドレス")]
    [Required(ErrorMessage = "招待する人のメールアドレスを入力してください。")]
    [MailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
    [StringLength(256, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Email { get; set; }

    public Group Group { get; private set; } = default!;
    public List<GroupService.Administrator> Administrators { get; private set; } = [];
    public List<GroupAdministratorInvitations.Waiting> Invitations { get; private set; } = [];
    public string MyId => users.GetUserId(User)!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>
    /// The same answer for every deliverable address, with or without an account, already an administrator or not: an
    /// invitation is sent and the page says so (no account enumeration). Submissions are rate-limited per person.
    /// </summary>
    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        await invitations.InviteAsync(Group, MyId, Email!, HttpContext.RequestAborted);
        TempData["Notice"] = "招待を送りました。相手が承諾すると管理者に加わります。";
        return Redirect($"/{city.Required.Slug}/groups/{Id}/administrators");
    }

    public async Task<IActionResult> OnPostRevokeAsync(int invitationId)
    {
        if (!await LoadAsync()) return NotFound();
        if (await invitations.RevokeAsync(Group, invitationId, HttpContext.RequestAborted)) TempData["Notice"] = "招待を取り消しました。";
        return Redirect($"/{city.Required.Slug}/groups/{Id}/administrators");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string userId)
    {
        if (!await LoadAsync()) return NotFound();
        if (await groups.RemoveAdministratorAsync(Group, userId) == GroupService.AdministratorChange.LastOne)
        {
            ModelState.AddModelError("", t["管理者が1人もいなくなるため、削除できません。先にほかの人を招待してください。"]);
            return Page();
        }
        TempData["Notice"] = "管理者を削除しました。";
        return userId == MyId ? Redirect($"/{city.Required.Slug}/groups/mine") : Redirect($"/{city.Required.Slug}/groups/{Id}/administrators");
    }

    private async Task<bool> LoadAsync()
    {
        if (await groups.FindEditableAsync(Id, MyId) is not { Status: GroupStatus.Approved } group) return false;
        Group = group;
        Administrators = await groups.AdministratorsAsync(Id);
        Invitations = await invitations.WaitingForGroupAsync(Id, HttpContext.RequestAborted);
        return true;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups;

/// <summary>A group's administrators add and remove one another, so a group is never tied to one person's account.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class AdministratorsModel(GroupService groups, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    [BindProperty]
    [Display(Name = "追加する人のメールアドレス")]
    [Required(ErrorMessage = "追加する人のメールアドレスを入力してください。")]
    [MailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
    public string? Email { get; set; }

    public Group Group { get; private set; } = default!;
    public List<GroupService.Administrator> Administrators { get; private set; } = [];
    public string MyId => users.GetUserId(User)!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        switch (await groups.AddAdministratorAsync(Group, Email!.Trim()))
        {
            case GroupService.AdministratorChange.NoAccount:
                ModelState.AddModelError(nameof(Email), t["このメールアドレスのアカウントはありません。先につなぐに登録してもらってください。"]);
                return Page();
            case GroupService.AdministratorChange.AlreadyThere:
                ModelState.AddModelError(nameof(Email), t["この人はすでに管理者です。"]);
                return Page();
        }
        TempData["Notice"] = "管理者を追加しました。";
        return Redirect($"/{city.Required.Slug}/groups/{Id}/administrators");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string userId)
    {
        if (!await LoadAsync()) return NotFound();
        if (await groups.RemoveAdministratorAsync(Group, userId) == GroupService.AdministratorChange.LastOne)
        {
            ModelState.AddModelError("", t["管理者が1人もいなくなるため、削除できません。先にほかの人を追加してください。"]);
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
        return true;
    }
}

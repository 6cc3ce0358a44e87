using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Groups;

/// <summary>A person's own applications and the groups they administer, with where each stands.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class MineModel(GroupService groups, UserManager<AppUser> users) : PageModel
{
    public List<Group> Groups { get; private set; } = [];

    public async Task OnGetAsync() => Groups = await groups.ForApplicantAsync(users.GetUserId(User)!);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Groups.Admin;

/// <summary>Centre staff's queue of group applications, by status.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class IndexModel(GroupService groups) : PageModel
{
    [BindProperty(SupportsGet = true)] public GroupStatus Status { get; set; } = GroupStatus.Submitted;
    public List<Group> Groups { get; private set; } = [];

    public async Task OnGetAsync() => Groups = await groups.ForReviewAsync(Status);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Plans.Rounds;

/// <summary>A department member's items to report on, in every open round.</summary>
[Authorize(Policy = Policies.DepartmentStaff)]
public class MyReportsModel(RoundService rounds, UserManager<AppUser> users) : PageModel
{
    public List<RoundService.MyItem> Items { get; private set; } = [];
    public DateOnly Today => rounds.Today;

    public async Task OnGetAsync() => Items = await rounds.ItemsForAsync(users.GetUserId(User)!, HttpContext.RequestAborted);
}

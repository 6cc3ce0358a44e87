using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Plans.Admin;

/// <summary>The plan's tree for its manager, every node with a link to edit it.</summary>
[Authorize(Policy = Policies.PlanManager)]
public class EditModel(PlanService plans) : PageModel
{
    public PlanService.PlanTree Tree { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string key)
    {
        if (await plans.TreeAsync(key, withIndicators: false, HttpContext.RequestAborted) is not { } tree) return NotFound();
        Tree = tree;
        return Page();
    }
}

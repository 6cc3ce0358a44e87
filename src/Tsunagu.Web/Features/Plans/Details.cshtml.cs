using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.Plans;

/// <summary>A plan's public page: its tree with each item's yearly plan, and its indicators against their path to the target.</summary>
public class DetailsModel(PlanService plans, Rounds.RoundService rounds) : PageModel
{
    public PlanService.PlanTree Tree { get; private set; } = default!;
    public List<int> PublishedYears { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key)
    {
        var tree = await plans.TreeAsync(key, ct: HttpContext.RequestAborted);
        if (tree is null) return NotFound();
        Tree = tree;
        PublishedYears = await rounds.PublishedYearsAsync(tree.Plan.Id, HttpContext.RequestAborted);
        return Page();
    }
}

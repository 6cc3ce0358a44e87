using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Features.Plans.Reports;
using Tsunagu.Web.Features.Plans.Rounds;

namespace Tsunagu.Web.Features.Plans;

/// <summary>A published annual report (年次報告): the version asked for, or the latest; older versions stay readable.</summary>
public class PublishedModel(PlanService plans, RoundService rounds) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }

    public AnnualReport Report { get; private set; } = default!;
    public IReadOnlyList<int> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await plans.FindAsync(Key, HttpContext.RequestAborted) is not { } plan) return NotFound();
        if (await rounds.PublishedAsync(plan.Id, Year, Version, HttpContext.RequestAborted) is not { } found) return NotFound();
        (Report, Versions) = found;
        return Page();
    }
}

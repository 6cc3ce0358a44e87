using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.Plans;

/// <summary>The city's plans, newest period first.</summary>
public class IndexModel(PlanService plans) : PageModel
{
    public List<Plan> Plans { get; private set; } = [];

    public async Task OnGetAsync() => Plans = await plans.ListAsync(HttpContext.RequestAborted);
}

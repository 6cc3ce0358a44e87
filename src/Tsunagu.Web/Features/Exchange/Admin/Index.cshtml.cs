using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Exchange.Admin;

/// <summary>The centre's desk for needs and offers: requests to answer, introductions awaiting an outcome, this year's matchings.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class IndexModel(ExchangeIntroductions introductions, CurrentCity city, TimeProvider clock) : PageModel
{
    public List<ExchangeIntroduction> Requests { get; private set; } = [];
    public List<ExchangeIntroduction> InProgress { get; private set; } = [];
    public List<ExchangeIntroduction> Recent { get; private set; } = [];
    public FiscalYear ThisYear { get; private set; }
    public int MatchingsThisYear { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Requests = await introductions.PendingRequestsAsync(ct);
        InProgress = await introductions.InProgressAsync(ct);
        Recent = await introductions.RecentOutcomesAsync(ct: ct);
        ThisYear = FiscalYear.Of(Display.Today(clock));
        MatchingsThisYear = await introductions.MatchingsCountAsync(ThisYear, ct);
    }

    /// <summary>The centre decides not to introduce on a request.</summary>
    public async Task<IActionResult> OnPostDeclineAsync(int id)
    {
        var request = await introductions.FindIntroductionAsync(id, HttpContext.RequestAborted);
        if (request is null) return NotFound();
        TempData["Notice"] = await introductions.DeclineRequestAsync(request, null, HttpContext.RequestAborted) ? "依頼を見送りました。" : "この依頼は、すでに対応済みです。";
        return Redirect($"/{city.Required.Slug}/admin/exchange");
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Opportunities.Admin;

/// <summary>The coordinators' console: what needs a nudge, and how many matchings the year has made.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class ConsoleModel(ConsoleService console, Exchange.ExchangeService exchange, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Days { get; set; } = 7;
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public FiscalYear FiscalYear { get; private set; }
    public List<ConsoleService.Unanswered> WithoutApplicants { get; private set; } = [];
    public List<ConsoleService.Waiting> Waiting { get; private set; } = [];
    public ConsoleService.MatchingCounts Matchings { get; private set; } = new([], [], [], 0);
    /// <summary>Introductions between groups that succeeded, by month (the group-matchings indicator).</summary>
    public List<Exchange.ExchangeService.MonthlyMatchings> GroupMatchings { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Days = Math.Clamp(Days, 1, 365);
        var current = FiscalYear.Of(Display.Today(clock));
        FiscalYear = Year is { } y && y >= 2000 && y <= current.StartYear ? new FiscalYear(y) : current;
        WithoutApplicants = await console.WithoutApplicantsAsync(ct);
        Waiting = await console.WaitingAsync(Days, ct);
        Matchings = await console.MatchingsAsync(FiscalYear, Text.IsEnglish, ct);
        GroupMatchings = await exchange.MatchingsByMonthAsync(FiscalYear, ct);
    }
}

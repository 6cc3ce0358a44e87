using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>Lockers and mailboxes: who may see it? anyone. How many are free this year and next, the fees, how to apply; never which group has one.</summary>
public class LockersModel(LockerService lockers, Tenancy.CurrentCity city, Localization.Text t) : PageModel
{
    /// <summary>Why nothing is lent here, for a city without a centre yet.</summary>
    public string? NotLending => SpaceService.NotLendingIn(city.City, t);

    public Calendar.FiscalYear[] Years { get; private set; } = [];
    public List<Locker> Lockers { get; private set; } = [];
    public HashSet<int> TakenThisYear { get; private set; } = [];
    public HashSet<int> TakenNextYear { get; private set; } = [];
    public List<LockerService.Availability> ByKind { get; private set; } = [];
    public DateOnly RenewalPriorityUntil { get; private set; }

    public async Task OnGetAsync()
    {
        if (NotLending is not null) return;
        Years = lockers.OpenYears;
        RenewalPriorityUntil = lockers.RenewalPriorityUntil;
        (Lockers, TakenThisYear, TakenNextYear, ByKind) = await lockers.AvailabilityAsync(HttpContext.RequestAborted);
    }
}

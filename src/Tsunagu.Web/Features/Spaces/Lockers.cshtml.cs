using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>Lockers and mailboxes: who may see it? anyone. How many are free this year and next, the fees, how to apply; never which group has one.</summary>
public class LockersModel(LockerService lockers) : PageModel
{
    public Calendar.FiscalYear[] Years { get; private set; } = [];
    public List<Locker> Lockers { get; private set; } = [];
    public HashSet<int> TakenThisYear { get; private set; } = [];
    public HashSet<int> TakenNextYear { get; private set; } = [];
    public List<LockerService.Availability> ByKind { get; private set; } = [];
    public DateOnly RenewalPriorityUntil { get; private set; }

    public async Task OnGetAsync()
    {
        Years = lockers.OpenYears;
        RenewalPriorityUntil = lockers.RenewalPriorityUntil;
        (Lockers, TakenThisYear, TakenNextYear, ByKind) = await lockers.AvailabilityAsync(HttpContext.RequestAborted);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Home;

/// <summary>
/// A signed-in person's page in a city: every list of their own (volunteering, groups, bookings, courses, requests) in one
/// place, and the staff menu when a role gives them one, so nobody has to remember where each lives.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class MyModel(IAuthorizationService authorization) : PageModel
{
    private static readonly string[] StaffPolicies =
        [Policies.CityAdmin, Policies.CentreStaff, Policies.ConsultationDesk, Policies.PlanManager, Policies.DepartmentStaff, Policies.CouncilMember];

    public bool HasStaffMenu { get; private set; }

    public async Task OnGetAsync()
    {
        foreach (var policy in StaffPolicies)
            if ((await authorization.AuthorizeAsync(User, policy)).Succeeded) { HasStaffMenu = true; break; }
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Admin;

/// <summary>The staff menu: shows each signed-in person the city tasks their roles allow.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class IndexModel(IAuthorizationService authorization) : PageModel
{
    public bool CanAdminister { get; private set; }
    public bool CanReviewGroups { get; private set; }
    public bool CanKeepConsultations { get; private set; }
    public bool CanManagePlans { get; private set; }
    public bool CanReportProgress { get; private set; }
    public bool CanEvaluate { get; private set; }

    public async Task OnGetAsync()
    {
        CanAdminister = (await authorization.AuthorizeAsync(User, Policies.CityAdmin)).Succeeded;
        CanReviewGroups = (await authorization.AuthorizeAsync(User, Policies.CentreStaff)).Succeeded;
        CanKeepConsultations = (await authorization.AuthorizeAsync(User, Policies.ConsultationDesk)).Succeeded;
        CanManagePlans = (await authorization.AuthorizeAsync(User, Policies.PlanManager)).Succeeded;
        CanReportProgress = (await authorization.AuthorizeAsync(User, Policies.DepartmentStaff)).Succeeded;
        CanEvaluate = (await authorization.AuthorizeAsync(User, Policies.CouncilMember)).Succeeded;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Consultations.Admin;

/// <summary>The centre's consultation cases, newest first, by status.</summary>
[Authorize(Policy = Policies.ConsultationDesk)]
public class IndexModel(ConsultationService consultations) : PageModel
{
    [BindProperty(SupportsGet = true)] public ConsultationStatus? Status { get; set; }
    public List<Consultation> Cases { get; private set; } = [];

    public async Task OnGetAsync() => Cases = await consultations.ListAsync(Status);
}

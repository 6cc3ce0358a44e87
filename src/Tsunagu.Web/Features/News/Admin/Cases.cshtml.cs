using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News.Admin;

/// <summary>Staff list of case studies, drafts included.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class CasesModel(NewsService news, CurrentCity city) : PageModel
{
    public List<AdminRow> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = (await news.StaffCasesAsync(HttpContext.RequestAborted))
            .Select(c => new AdminRow($"/{city.Required.Slug}/admin/cases/{c.Id}", c.Title, c.PublishedOn, c.IsPublished, c.IsDemo, CollaborationForms.Kind(c.Kind))).ToList();
}

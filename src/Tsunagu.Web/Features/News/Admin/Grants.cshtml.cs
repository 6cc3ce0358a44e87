using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News.Admin;

/// <summary>Staff list of grant notices, drafts included; the date shown is the deadline.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class GrantsModel(NewsService news, CurrentCity city) : PageModel
{
    public List<AdminRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var today = news.Today;
        Rows = (await news.GrantsAsync(includeDrafts: true, HttpContext.RequestAborted))
            .Select(g => new AdminRow($"/{city.Required.Slug}/admin/grants/{g.Id}", g.Title, g.Deadline, g.IsPublished, g.IsDemo, g.IsOpen(today) ? "募集中" : "募集終了")).ToList();
    }
}

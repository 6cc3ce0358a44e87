using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News.Admin;

/// <summary>Staff list of the city's news, drafts included.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class NewsModel(NewsService news, CurrentCity city) : PageModel
{
    public List<AdminRow> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = (await news.StaffNewsAsync(HttpContext.RequestAborted))
            .Select(n => new AdminRow($"/{city.Required.Slug}/admin/news/{n.Id}", n.Title, n.PublishedOn, n.IsPublished, n.IsDemo, null)).ToList();
}

/// <summary>One line of a staff list: what it is, when, and whether the public sees it.</summary>
public sealed record AdminRow(string EditUrl, string Title, DateOnly Date, bool IsPublished, bool IsDemo, string? Note);

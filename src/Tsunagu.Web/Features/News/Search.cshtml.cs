using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.News;

/// <summary>Site search over groups, news, grant notices and case studies, grouped by kind.</summary>
public class SearchModel(SiteSearch search, NewsService news) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public SiteSearch.Result? Result { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Today = news.Today;
        if (Q is { Length: > 100 }) Q = Q[..100];
        Result = await search.SearchAsync(Q, HttpContext.RequestAborted);
    }
}

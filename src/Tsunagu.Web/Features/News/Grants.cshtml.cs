using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.News;

/// <summary>Published grant notices: open ones first, closed ones after, marked.</summary>
public class GrantsModel(NewsService news) : PageModel
{
    public List<GrantNotice> Notices { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Today = news.Today;
        Notices = await news.GrantsAsync(ct: HttpContext.RequestAborted);
    }
}

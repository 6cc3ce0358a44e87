using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.News;

/// <summary>The city's published news, newest first, in pages.</summary>
public class IndexModel(NewsService news) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public NewsService.Page<NewsItem> Result { get; private set; } = new([], 0, 1, 1);

    public async Task OnGetAsync() => Result = await news.NewsPageAsync(PageNumber, ct: HttpContext.RequestAborted);
}

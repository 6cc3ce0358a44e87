using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.Exchange;

/// <summary>The city's open needs and offers, filtered by direction, category, activity field and words.</summary>
public class IndexModel(ExchangePosts posts) : PageModel
{
    [BindProperty(SupportsGet = true)] public ExchangeDirection? Direction { get; set; }
    [BindProperty(SupportsGet = true)] public ExchangeCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public int? Field { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public ExchangePosts.Page Result { get; private set; } = new([], 0, 1, 1);

    public async Task OnGetAsync() =>
        Result = await posts.SearchAsync(new ExchangePosts.Filter(Direction, Category, Field, Q, PageNumber), HttpContext.RequestAborted);

    /// <summary>The current filter with another page number, for the pager's links.</summary>
    public string PageLink(string citySlug, int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["direction"] = Direction?.ToString(),
            ["category"] = Category?.ToString(),
            ["field"] = Field?.ToString(CultureInfo.InvariantCulture),
            ["q"] = Q,
            ["p"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return $"/{citySlug}/exchange" + QueryString.Create(query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}

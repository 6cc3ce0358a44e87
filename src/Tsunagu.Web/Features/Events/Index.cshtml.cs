using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.Events;

/// <summary>The city's courses and events still to come, for everyone.</summary>
public class IndexModel(EventCatalog catalog) : PageModel
{
    public List<Event> Events { get; private set; } = [];

    public async Task OnGetAsync() => Events = await catalog.UpcomingAsync(HttpContext.RequestAborted);
}

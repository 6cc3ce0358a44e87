using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Admin;

/// <summary>The staff menu: the city tasks each feature registered, those the person's roles allow, with the work waiting.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class IndexModel(IAuthorizationService authorization, IEnumerable<StaffMenuEntry> entries) : PageModel
{
    public sealed record Card(StaffMenuEntry Entry, int Waiting);

    /// <summary>The cards the person may use, by section, in the order the features gave.</summary>
    public IReadOnlyList<IGrouping<string, Card>> Sections { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var allowed = new Dictionary<string, bool>();
        var cards = new List<Card>();
        foreach (var entry in entries.OrderBy(e => e.Order))
        {
            if (!allowed.TryGetValue(entry.Policy, out var may))
                allowed[entry.Policy] = may = (await authorization.AuthorizeAsync(User, entry.Policy)).Succeeded;
            if (!may) continue;
            var waiting = entry.Waiting is null ? 0 : await entry.Waiting(HttpContext.RequestServices, HttpContext.RequestAborted);
            cards.Add(new Card(entry, waiting));
        }
        Sections = cards.GroupBy(c => c.Entry.Section).ToList();
    }
}

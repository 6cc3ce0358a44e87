using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Audit;

namespace Tsunagu.Web.Features.Admin;

/// <summary>What the city audit page and the platform audit page share: the search form and the paging.</summary>
public abstract class AuditPageModel(AuditLog log) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Who { get; set; }
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AuditLog.Result Result { get; private set; } = new([], false, []);

    protected async Task SearchAsync(int? cityId)
    {
        PageNumber = Math.Max(1, PageNumber);
        Result = await log.SearchAsync(cityId, new AuditLog.Filter(Who, Entity, Key, From, To, PageNumber), HttpContext.RequestAborted);
    }

    public string PageLink(int page) =>
        Request.Path + QueryString.Create(new Dictionary<string, string?>
        {
            ["Who"] = Who,
            ["Entity"] = Entity,
            ["Key"] = Key,
            ["From"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["To"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups;

/// <summary>The public directory of registered groups: words, filters, sort and pages, all in the URL.</summary>
public class IndexModel(GroupDirectory directory, TsunaguDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Field { get; set; }
    [BindProperty(SupportsGet = true)] public int? District { get; set; }
    [BindProperty(SupportsGet = true)] public GroupType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public bool Recruiting { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public GroupDirectory.Result Result { get; private set; } = new([], 0, 1, 1);
    public List<District> Districts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Result = await directory.SearchAsync(new GroupDirectory.Query(Q, Field, District, Type, Recruiting, Sort, PageNumber), HttpContext.RequestAborted);
        Districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync();
    }

    public string PageLink(int page) => Request.Path + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q,
        ["field"] = Field?.ToString(CultureInfo.InvariantCulture),
        ["district"] = District?.ToString(CultureInfo.InvariantCulture),
        ["type"] = Type?.ToString(),
        ["recruiting"] = Recruiting ? "true" : null,
        ["sort"] = Sort,
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.TalentBank;

/// <summary>The public talent bank: published entries by words, field, district and kind, all in the URL.</summary>
public class IndexModel(TalentBankService talent, TsunaguDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Field { get; set; }
    [BindProperty(SupportsGet = true)] public int? District { get; set; }
    [BindProperty(SupportsGet = true)] public TalentKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public TalentBankService.Result Result { get; private set; } = new([], 0, 1, 1);
    public List<District> Districts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Result = await talent.SearchAsync(new TalentBankService.Query(Q, Field, District, Kind, PageNumber), HttpContext.RequestAborted);
        Districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync();
    }

    public string PageLink(int page) => Request.Path + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q,
        ["field"] = Field?.ToString(CultureInfo.InvariantCulture),
        ["district"] = District?.ToString(CultureInfo.InvariantCulture),
        ["kind"] = Kind?.ToString(),
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}

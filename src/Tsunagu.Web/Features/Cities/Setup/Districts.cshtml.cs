using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Cities.Setup;

/// <summary>The city's districts (地区 or 地域) with their latest figures, and a form to add one.</summary>
[Authorize(Policy = Policies.CityAdmin)]
public class DistrictsModel(CitySetup setup, TsunaguDb db, CurrentCity city, Text t) : PageModel
{
    [BindProperty] public DistrictForm Input { get; set; } = new();

    public List<District> Districts { get; private set; } = [];
    /// <summary>Each district's latest year of figures.</summary>
    public Dictionary<int, int> LatestYear { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.SortOrder = Districts.Count == 0 ? 10 : Districts.Max(d => d.SortOrder) + 10;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var saved = await setup.SaveDistrictAsync(null, Input.ToInput(), HttpContext.RequestAborted);
            if (saved.Ok)
            {
                TempData["Notice"] = t["「{0}」を追加しました。", saved.Value!.Name];
                return Redirect($"/{city.Required.Slug}/admin/setup/districts/{saved.Value.Id}");
            }
            ModelState.AddProblems(saved.Problems);
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(ct);
        LatestYear = await db.Set<DistrictPopulation>().GroupBy(p => p.DistrictId).Select(g => new { g.Key, Year = g.Max(p => p.Year) })
            .ToDictionaryAsync(x => x.Key, x => x.Year, ct);
    }
}

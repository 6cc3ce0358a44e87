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

/// <summary>One district: its details and its figures year by year.</summary>
[Authorize(Policy = Policies.CityAdmin)]
public class DistrictModel(CitySetup setup, TsunaguDb db, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public DistrictForm Input { get; set; } = new();
    [BindProperty] public PopulationForm Figures { get; set; } = new();

    public District District { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = DistrictForm.Of(District);
        Figures.Year = District.Populations.Count == 0 ? null : District.Populations.Max(p => p.Year) + 1;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        ModelState.KeepOnly(nameof(Input));
        if (!ModelState.IsValid) return Page();
        var saved = await setup.SaveDistrictAsync(Id, Input.ToInput(), HttpContext.RequestAborted);
        if (!saved.Ok)
        {
            ModelState.AddProblems(saved.Problems);
            return Page();
        }
        TempData["Notice"] = t["「{0}」を保存しました。", saved.Value!.Name];
        return Redirect($"/{city.Required.Slug}/admin/setup/districts/{Id}");
    }

    public async Task<IActionResult> OnPostFiguresAsync()
    {
        if (!await LoadAsync()) return NotFound();
        ModelState.KeepOnly(nameof(Figures));
        Input = DistrictForm.Of(District);
        if (Figures.Year is null) ModelState.AddModelError("Figures.Year", t["年を入力してください。"]);
        if (!ModelState.IsValid) return Page();
        var saved = await setup.SetPopulationAsync(Id, new CitySetup.PopulationInput(Figures.Year!.Value, Figures.Population, Figures.Population65Plus, Figures.Households), HttpContext.RequestAborted);
        if (!saved.Ok)
        {
            ModelState.AddProblems(saved.Problems, "Figures");
            return Page();
        }
        TempData["Notice"] = t["{0}年の数字を保存しました。", Figures.Year.Value];
        return Redirect($"/{city.Required.Slug}/admin/setup/districts/{Id}#figures-title");
    }

    public async Task<IActionResult> OnPostRemoveFiguresAsync(int year)
    {
        if (!await setup.RemovePopulationAsync(Id, year, HttpContext.RequestAborted)) return NotFound();
        TempData["Notice"] = t["{0}年の数字を削除しました。", year];
        return Redirect($"/{city.Required.Slug}/admin/setup/districts/{Id}#figures-title");
    }

    private async Task<bool> LoadAsync()
    {
        if (await db.Districts.AsNoTracking().Include(d => d.Populations).FirstOrDefaultAsync(d => d.Id == Id, HttpContext.RequestAborted) is not { } district) return false;
        District = district;
        return true;
    }
}

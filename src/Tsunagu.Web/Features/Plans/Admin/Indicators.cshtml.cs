using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Admin;

/// <summary>
/// The plan manager enters each year's actual of the indicators Tsunagu cannot count itself (e.g. from the citizen
/// survey); computed ones are shown as counted.
/// </summary>
[Authorize(Policy = Policies.PlanManager)]
public class IndicatorsModel(PlanService plans, TsunaguDb db, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty] public int IndicatorId { get; set; }
    /// <summary>Year → the value as typed (blank clears it).</summary>
    [BindProperty] public Dictionary<int, string?> Values { get; set; } = [];

    public PlanService.PlanTree Tree { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var indicator = await db.Set<Indicator>().Include(i => i.Actuals).FirstOrDefaultAsync(i => i.Id == IndicatorId && i.PlanId == Tree.Plan.Id);
        if (indicator is null || !IndicatorSources.IsEntered(indicator.Source)) return NotFound();
        var parsed = new Dictionary<int, decimal?>();
        foreach (var (year, text) in Values)
        {
            if (year < Math.Min(indicator.BaselineYear, Tree.Plan.StartYear) || year > Math.Max(indicator.TargetYear, Tree.Plan.EndYear)) continue;
            var normalized = text?.Trim().Normalize(System.Text.NormalizationForm.FormKC).Replace(",", "");
            if (string.IsNullOrEmpty(normalized)) parsed[year] = null;
            else if (decimal.TryParse(normalized, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) parsed[year] = value;
            else ModelState.AddModelError($"value-{indicator.Id}-{year}", t["{0}の値は数字で入力してください（例：41.2）。", PlanText.Year(year, Text.IsEnglish)]);
        }
        if (!ModelState.IsValid) return Page();
        foreach (var (year, value) in parsed)
        {
            var existing = indicator.Actuals.FirstOrDefault(a => a.FiscalYear == year);
            if (value is null) { if (existing is not null) indicator.Actuals.Remove(existing); }
            else if (existing is null) indicator.Actuals.Add(new IndicatorActual { IndicatorId = indicator.Id, FiscalYear = year, Value = value.Value });
            else existing.Value = value.Value;
        }
        await db.SaveChangesAsync();
        TempData["Notice"] = "実績を保存しました。";
        return Redirect($"/{city.Required.Slug}/admin/plans/{Key}/indicators#indicator-{indicator.Id}");
    }

    private async Task<bool> LoadAsync()
    {
        if (await plans.TreeAsync(Key, ct: HttpContext.RequestAborted) is not { } tree) return false;
        Tree = tree;
        return true;
    }
}

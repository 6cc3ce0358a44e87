using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Rounds;

/// <summary>A plan's reporting rounds; the plan manager opens the year's round with a deadline.</summary>
[Authorize(Policy = Policies.PlanManager)]
public class RoundsModel(PlanService plans, RoundService rounds, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "対象の年度")]
        [Required(ErrorMessage = "対象の年度を選んでください。")]
        public int? FiscalYear { get; set; }

        [Display(Name = "報告の期限")]
        [Required(ErrorMessage = "報告の期限を入力してください。")]
        public DateOnly? Deadline { get; set; }
    }

    public Plan Plan { get; private set; } = default!;
    public List<ReportingRound> Rounds { get; private set; } = [];
    public List<SelectListItem> Years => Plan.Years.Select(y => new SelectListItem(PlanText.Year(y, Text.IsEnglish), y.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var thisYear = Calendar.FiscalYear.Of(rounds.Today).StartYear - 1;
        Input = new InputModel { FiscalYear = Math.Clamp(thisYear, Plan.StartYear, Plan.EndYear), Deadline = rounds.Today.AddDays(30) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        var (problem, round) = await rounds.OpenAsync(Plan, Input.FiscalYear!.Value, Input.Deadline!.Value, HttpContext.RequestAborted);
        switch (problem)
        {
            case RoundService.OpenProblem.OutsidePeriod: ModelState.AddModelError("Input.FiscalYear", t["計画期間の中の年度を選んでください。"]); return Page();
            case RoundService.OpenProblem.AlreadyOpened: ModelState.AddModelError("Input.FiscalYear", t["この年度の進捗調査はすでに始めています。"]); return Page();
            case RoundService.OpenProblem.DeadlineInPast: ModelState.AddModelError("Input.Deadline", t["報告の期限は今日以降の日付にしてください。"]); return Page();
        }
        TempData["Notice"] = "進捗調査を始めました。各課の職員が、担当の項目を報告できます。";
        return Redirect($"/{city.Required.Slug}/admin/rounds/{round!.Id}");
    }

    private async Task<bool> LoadAsync()
    {
        if (await plans.FindAsync(Key, HttpContext.RequestAborted) is not { } plan) return false;
        Plan = plan;
        Rounds = await rounds.RoundsAsync(plan.Id, HttpContext.RequestAborted);
        return true;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Rounds;

/// <summary>A plan's reporting rounds; the plan manager opens the year's round with a deadline.</summary>
[Authorize(Policy = Policies.PlanManager)]
public class RoundsModel(PlanService plans, RoundService rounds, Admin.PlanEditing editing, CurrentCity city, Text t) : PageModel
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

    /// <summary>Assigning one department to many items without one, before the round opens.</summary>
    [BindProperty] public AssignModel Assign { get; set; } = new();

    public class AssignModel
    {
        [Display(Name = "割り当てる項目")]
        public List<int> NodeIds { get; set; } = [];

        // Not [Required]: this form's fields are bound on every post of the page; the service says what is missing.
        [Display(Name = "担当課")]
        public int? DepartmentId { get; set; }
    }

    public Plan Plan { get; private set; } = default!;
    public List<ReportingRound> Rounds { get; private set; } = [];
    public List<PlanNode> ItemsWithoutDepartment { get; private set; } = [];
    public List<SelectListItem> Departments { get; private set; } = [];
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
            case RoundService.OpenProblem.ItemsWithoutDepartment:
                ModelState.AddModelError("", t["担当課が決まっていない項目が{0}件あります。「担当課のない項目」で担当課を割り当ててから始めてください。", ItemsWithoutDepartment.Count]);
                return Page();
        }
        TempData["Notice"] = "進捗調査を始めました。各課の職員が、担当の項目を報告できます。";
        return Redirect($"/{city.Required.Slug}/admin/rounds/{round!.Id}");
    }

    public async Task<IActionResult> OnPostAssignAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var result = await editing.AssignDepartmentAsync(Plan, Assign.NodeIds, Assign.DepartmentId, rounds.Today, HttpContext.RequestAborted);
        if (!result.Ok)
        {
            ModelState.AddProblems(result.Problems, nameof(Assign));
            return Page();
        }
        TempData["Notice"] = t["{0}件の項目に担当課を割り当てました。", result.Value];
        return Redirect($"/{city.Required.Slug}/admin/plans/{Plan.Key}/rounds");
    }

    private async Task<bool> LoadAsync()
    {
        if (await plans.FindAsync(Key, HttpContext.RequestAborted) is not { } plan) return false;
        Plan = plan;
        Rounds = await rounds.RoundsAsync(plan.Id, HttpContext.RequestAborted);
        ItemsWithoutDepartment = await rounds.ItemsWithoutDepartmentAsync(plan.Id, HttpContext.RequestAborted);
        var today = rounds.Today;
        Departments = (await editing.ActiveDepartmentsAsync(today, HttpContext.RequestAborted))
            .Select(d => new SelectListItem(d.DisplayName(Text.IsEnglish), d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return true;
    }
}

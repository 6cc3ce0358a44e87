using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Admin;

/// <summary>
/// The plan manager looks after a published plan's indicators in place: adds, edits, retires and reorders them, and
/// enters each year's actual of those Tsunagu cannot count itself (e.g. from the citizen survey); computed ones are
/// shown as counted.
/// </summary>
[Authorize(Policy = Policies.PlanManager)]
public class IndicatorsModel(PlanService plans, IndicatorEditing editing, IndicatorSources sources, TsunaguDb db, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty] public int IndicatorId { get; set; }
    /// <summary>Year → the value as typed (blank clears it).</summary>
    [BindProperty] public Dictionary<int, string?> Values { get; set; } = [];

    /// <summary>The indicator whose form is shown (?edit=12), or none.</summary>
    [BindProperty(SupportsGet = true)] public int? Edit { get; set; }
    /// <summary>Whether the form for a new indicator is shown (?add=true).</summary>
    [BindProperty(SupportsGet = true)] public bool Add { get; set; }
    /// <summary>-1 moves an indicator up, +1 down.</summary>
    [BindProperty] public int Step { get; set; }
    [BindProperty] public IndicatorInput Input { get; set; } = new();

    public class IndicatorInput
    {
        [Display(Name = "指標の名前")]
        [Required(ErrorMessage = "指標の名前を入力してください。")]
        [StringLength(IndicatorEditing.NameLength, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Name { get; set; }

        [Display(Name = "単位")]
        [Required(ErrorMessage = "単位を入力してください（例：団体、%、件）。")]
        [StringLength(IndicatorEditing.UnitLength, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Unit { get; set; }

        [Display(Name = "指標の種類")]
        public IndicatorKind Kind { get; set; } = IndicatorKind.Count;

        [Display(Name = "目指す方向")]
        public IndicatorDirection Direction { get; set; } = IndicatorDirection.Higher;

        [Display(Name = "基準年度")]
        [Required(ErrorMessage = "基準年度を入力してください（例：令和7年度、2025）。")]
        [StringLength(20, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? BaselineYear { get; set; }

        [Display(Name = "基準値")]
        [Required(ErrorMessage = "基準値を入力してください（例：41.2）。")]
        [StringLength(30, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? BaselineValue { get; set; }

        [Display(Name = "目標年度")]
        [Required(ErrorMessage = "目標年度を入力してください（例：令和12年度、2030）。")]
        [StringLength(20, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? TargetYear { get; set; }

        [Display(Name = "目標値")]
        [Required(ErrorMessage = "目標値を入力してください（例：50）。")]
        [StringLength(30, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? TargetValue { get; set; }

        [Display(Name = "集計元")]
        [StringLength(IndicatorEditing.SourceLength, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Source { get; set; } = IndicatorSources.Manual;

        [Display(Name = "集計の条件")]
        [StringLength(IndicatorEditing.ParametersLength, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? SourceParameters { get; set; }

        [Display(Name = "備考")]
        [StringLength(IndicatorEditing.NoteLength, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Note { get; set; }
    }

    public PlanService.PlanTree Tree { get; private set; } = default!;
    public IEnumerable<PlanService.IndicatorView> Current => Tree.Indicators.Where(v => v.Indicator.RetiredAt is null);
    public IEnumerable<PlanService.IndicatorView> Retired => Tree.Indicators.Where(v => v.Indicator.RetiredAt is not null);
    /// <summary>The indicator being edited; null while adding one.</summary>
    public Indicator? Editing { get; private set; }
    public bool ShowsForm => Add || Editing is not null;
    public IEnumerable<IIndicatorSource> ComputedSources => sources.All;

    public List<SelectListItem> Kinds =>
    [
        new(t["数（計画上の推移は整数）"], nameof(IndicatorKind.Count)),
        new(t["割合（%）"], nameof(IndicatorKind.Percentage)),
        new(t["金額（円）"], nameof(IndicatorKind.Yen)),
    ];

    public List<SelectListItem> Directions =>
    [
        new(t["高いほどよい"], nameof(IndicatorDirection.Higher)),
        new(t["低いほどよい"], nameof(IndicatorDirection.Lower)),
    ];

    public List<SelectListItem> Sources =>
    [
        new(t["手入力"], IndicatorSources.Manual),
        new(t["アンケート（市民意識調査など）"], IndicatorSources.Survey),
        .. sources.All.Select(s => new SelectListItem($"{s.Label}（{s.Name}）", s.Name)),
    ];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Edit is not null)
        {
            if (Editing is null) return NotFound();
            Input = InputFor(Editing);
        }
        return Page();
    }

    /// <summary>Saves an indicator's form: a new one when <see cref="Edit"/> is not given.</summary>
    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Edit is not null && Editing is null) return NotFound();
        if (Edit is null) Add = true;
        // Only the indicator's form is on trial here (the actuals' dictionary would take any field of the form).
        foreach (var other in ModelState.Keys.Where(k => !k.StartsWith("Input.", StringComparison.Ordinal)).ToList()) ModelState.Remove(other);
        // The rules' problems come beside the form's own, one message a field.
        var edit = new IndicatorEditing.IndicatorEdit(Input.Name, Input.Unit, Input.Kind, Input.Direction, Input.BaselineYear, Input.BaselineValue,
            Input.TargetYear, Input.TargetValue, Input.Source, Input.SourceParameters, Input.Note);
        if (!ModelState.IsValid)
        {
            ModelState.AddProblems(editing.Check(edit).Where(p => ModelState.GetFieldValidationState($"Input.{p.Field}") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid));
            return Page();
        }
        var saved = Editing is null ? await editing.AddAsync(Tree.Plan, edit, HttpContext.RequestAborted) : await editing.SaveAsync(Editing, edit, HttpContext.RequestAborted);
        if (!saved.Ok)
        {
            ModelState.AddProblems(saved.Problems);
            return Page();
        }
        TempData["Notice"] = Editing is null ? t["成果指標「{0}」を追加しました。", saved.Value!.Name] : t["成果指標「{0}」を保存しました。", saved.Value!.Name];
        return Redirect($"/{city.Required.Slug}/admin/plans/{Key}/indicators#indicator-{saved.Value.Id}");
    }

    public async Task<IActionResult> OnPostMoveAsync()
    {
        if (!await LoadAsync() || await editing.FindAsync(Tree.Plan, IndicatorId, HttpContext.RequestAborted) is not { } indicator) return NotFound();
        await editing.MoveAsync(Tree.Plan, indicator, Step, HttpContext.RequestAborted);
        return Redirect($"/{city.Required.Slug}/admin/plans/{Key}/indicators#indicator-{indicator.Id}");
    }

    public Task<IActionResult> OnPostRetireAsync() => SetRetiredAsync(true);

    public Task<IActionResult> OnPostRestoreAsync() => SetRetiredAsync(false);

    private async Task<IActionResult> SetRetiredAsync(bool retired)
    {
        if (!await LoadAsync() || await editing.FindAsync(Tree.Plan, IndicatorId, HttpContext.RequestAborted) is not { } indicator) return NotFound();
        await editing.SetRetiredAsync(indicator, retired, HttpContext.RequestAborted);
        TempData["Notice"] = retired
            ? t["成果指標「{0}」を廃止しました。これまでの実績と公表済みの報告は残ります。", indicator.Name]
            : t["成果指標「{0}」を元に戻しました。", indicator.Name];
        return Redirect($"/{city.Required.Slug}/admin/plans/{Key}/indicators#indicator-{indicator.Id}");
    }

    /// <summary>Saves the actuals the manager enters for one indicator.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var indicator = await db.Set<Indicator>().Include(i => i.Actuals).FirstOrDefaultAsync(i => i.Id == IndicatorId && i.PlanId == Tree.Plan.Id);
        if (indicator is null || !IndicatorSources.IsEntered(indicator.Source)) return NotFound();
        // Only the actuals form is on trial here.
        ModelState.Clear();
        var parsed = new Dictionary<int, decimal?>();
        foreach (var (year, text) in Values)
        {
            if (year < Math.Min(indicator.BaselineYear, Tree.Plan.StartYear) || year > Math.Max(indicator.TargetYear, Tree.Plan.EndYear)) continue;
            if (string.IsNullOrWhiteSpace(text)) parsed[year] = null;
            else if (IndicatorEditing.TryParseNumber(text, out var value)) parsed[year] = value;
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

    private static IndicatorInput InputFor(Indicator i) => new()
    {
        Name = i.Name,
        Unit = i.Unit,
        Kind = i.Kind,
        Direction = i.Direction,
        BaselineYear = i.BaselineYear.ToString(CultureInfo.InvariantCulture),
        BaselineValue = i.BaselineValue.ToString("0.###", CultureInfo.InvariantCulture),
        TargetYear = i.TargetYear.ToString(CultureInfo.InvariantCulture),
        TargetValue = i.TargetValue.ToString("0.###", CultureInfo.InvariantCulture),
        Source = i.Source,
        SourceParameters = i.SourceParameters,
        Note = i.Note,
    };

    private async Task<bool> LoadAsync()
    {
        if (await plans.TreeWithRetiredAsync(Key, HttpContext.RequestAborted) is not { } tree) return false;
        Tree = tree;
        if (Edit is { } id) Editing = await editing.FindAsync(tree.Plan, id, HttpContext.RequestAborted);
        return true;
    }
}

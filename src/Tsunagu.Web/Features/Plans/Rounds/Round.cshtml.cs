using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Rounds;

/// <summary>The plan manager's view of a round: who has reported, each report to accept or return, reminders, the council's opinion, publishing.</summary>
[Authorize(Policy = Policies.PlanManager)]
public class RoundModel(RoundService rounds, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty]
    [System.ComponentModel.DataAnnotations.Display(Name = "評価")]
    [StringLength(4000, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? CouncilOpinion { get; set; }

    /// <summary>Why the manager publishes a round that is not complete; printed on the report.</summary>
    [BindProperty]
    [System.ComponentModel.DataAnnotations.Display(Name = "そろわないまま公表する理由")]
    [StringLength(RoundService.IncompleteReasonLength, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? IncompleteReason { get; set; }

    public ReportingRound Round { get; private set; } = default!;
    public Plan Plan { get; private set; } = default!;
    public List<RoundService.DepartmentProgress> Progress { get; private set; } = [];
    public List<PlanNode> Items { get; private set; } = [];
    public Dictionary<int, ProgressReport> Reports { get; private set; } = [];
    public List<CouncilEvaluation> Evaluations { get; private set; } = [];
    public bool ReadyForCouncil { get; private set; }
    public RoundService.Completeness Completeness { get; private set; } = new(0, 0, false);
    public List<int> PublishedVersions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        CouncilOpinion = Round.CouncilOpinion;
        return Page();
    }

    public async Task<IActionResult> OnPostRemindAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var sent = await rounds.RemindAsync(Round, HttpContext.RequestAborted);
        TempData["Notice"] = t["{0}人に、提出のお願いをメールで送りました。", sent];
        return Redirect($"/{city.Required.Slug}/admin/rounds/{Id}");
    }

    public async Task<IActionResult> OnPostOpinionAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        await rounds.SetOpinionAsync(Round, CouncilOpinion, HttpContext.RequestAborted);
        TempData["Notice"] = t["{0}の{1}を記録しました。", city.Required.EvaluatingBodyDisplayName(Text.IsEnglish), city.Required.EvaluationTermDisplay(Text.IsEnglish)];
        return Redirect($"/{city.Required.Slug}/admin/rounds/{Id}");
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await rounds.PublishAsync(Round, users.GetUserId(User)!, IncompleteReason, HttpContext.RequestAborted);
        if (!result.Ok)
        {
            ModelState.AddProblems(result.Problems, prefix: null);
            return Page();
        }
        TempData["Notice"] = t["年次報告（第{0}版）を公表しました。", result.Value!.Version];
        return Redirect($"/{city.Required.Slug}/plans/{Plan.Key}/reports/{Round.FiscalYear}");
    }

    private async Task<bool> LoadAsync()
    {
        if (await rounds.FindAsync(Id, HttpContext.RequestAborted) is not { } round) return false;
        Round = round;
        Plan = await rounds.PlanOfAsync(round, HttpContext.RequestAborted);
        Progress = await rounds.ProgressAsync(round, HttpContext.RequestAborted);
        Items = await rounds.ItemsAsync(round.PlanId, HttpContext.RequestAborted);
        Reports = await rounds.ReportsAsync(round.Id, HttpContext.RequestAborted);
        Evaluations = await rounds.EvaluationsAsync(round.Id, HttpContext.RequestAborted);
        ReadyForCouncil = await rounds.ReadyForCouncilAsync(round, HttpContext.RequestAborted);
        Completeness = await rounds.CompletenessAsync(round, HttpContext.RequestAborted);
        PublishedVersions = (await rounds.PublishedAsync(round.PlanId, round.FiscalYear, null, HttpContext.RequestAborted))?.Versions.ToList() ?? [];
        return true;
    }

    public static string StatusText(ProgressReport? r) => r?.Status switch
    {
        null => "未着手",
        ReportStatus.Draft => "作成中",
        ReportStatus.Submitted => "提出済み",
        ReportStatus.Returned => "差し戻し",
        _ => "受理",
    };
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Rounds;

/// <summary>The plan manager's view of a round: who has reported, each report to accept or return, reminders, the council's opinion, publishing.</summary>
[Authorize(Policy = Policies.PlanManager)]
public class RoundModel(RoundService rounds, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty]
    [System.ComponentModel.DataAnnotations.Display(Name = "審議会の意見（答申）")]
    [StringLength(4000, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? CouncilOpinion { get; set; }

    public ReportingRound Round { get; private set; } = default!;
    public Plan Plan { get; private set; } = default!;
    public List<RoundService.DepartmentProgress> Progress { get; private set; } = [];
    public List<PlanNode> Items { get; private set; } = [];
    public Dictionary<int, ProgressReport> Reports { get; private set; } = [];
    public List<CouncilEvaluation> Evaluations { get; private set; } = [];
    public bool ReadyForCouncil { get; private set; }
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
        if (CouncilOpinion?.Length > 4000) { ModelState.AddModelError(nameof(CouncilOpinion), t["審議会の意見は4000文字以内にしてください。"]); return Page(); }
        await rounds.SetOpinionAsync(Round, CouncilOpinion, HttpContext.RequestAborted);
        TempData["Notice"] = "審議会の意見（答申）を記録しました。";
        return Redirect($"/{city.Required.Slug}/admin/rounds/{Id}");
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ReadyForCouncil)
        {
            ModelState.AddModelError("", t["すべての項目の報告を受理してから公表してください。"]);
            return Page();
        }
        var published = await rounds.PublishAsync(Round, users.GetUserId(User)!, HttpContext.RequestAborted);
        TempData["Notice"] = t["年次報告（第{0}版）を公表しました。", published.Version];
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

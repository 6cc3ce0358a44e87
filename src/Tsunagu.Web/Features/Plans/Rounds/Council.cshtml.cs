using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Rounds;

/// <summary>
/// A council member (審議会委員) reads a round whose reports are all accepted and records an evaluation and
/// opinion for each policy. Without a round id: the rounds ready for the council.
/// </summary>
[Authorize(Policy = Policies.CouncilMember)]
public class CouncilModel(RoundService rounds, PlanService plans, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public int PolicyId { get; set; }
    [BindProperty][StringLength(20, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Evaluation { get; set; }
    [BindProperty][StringLength(4000, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Opinion { get; set; }

    public List<(ReportingRound Round, Plan Plan)> Ready { get; private set; } = [];
    public ReportingRound? Round { get; private set; }
    public PlanService.PlanTree? Tree { get; private set; }
    public Dictionary<int, ProgressReport> Reports { get; private set; } = [];
    public List<CouncilEvaluation> Mine { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync() || Round is null || Tree is null) return NotFound();
        var policy = Tree.Roots.FirstOrDefault(r => r.Node.Id == PolicyId)?.Node;
        if (policy is null) return NotFound();
        if (Evaluation is null || !RoundService.Evaluations.Contains(Evaluation))
            ModelState.AddModelError($"Evaluation-{PolicyId}", t["評価を選んでください。"]);
        if (Opinion?.Length > 4000) ModelState.AddModelError($"Opinion-{PolicyId}", t["意見は4000文字以内にしてください。"]);
        if (!ModelState.IsValid) return Page();
        await rounds.SaveEvaluationAsync(Round, policy, users.GetUserId(User)!, Evaluation!, Opinion, HttpContext.RequestAborted);
        TempData["Notice"] = "評価を記録しました。";
        return Redirect($"/{city.Required.Slug}/admin/council/{Round.Id}#policy-{policy.Id}");
    }

    private async Task<bool> LoadAsync()
    {
        if (Id is null)
        {
            foreach (var plan in await plans.ListAsync(HttpContext.RequestAborted))
                foreach (var round in await rounds.RoundsAsync(plan.Id, HttpContext.RequestAborted))
                    if (await rounds.ReadyForCouncilAsync(round, HttpContext.RequestAborted)) Ready.Add((round, plan));
            return true;
        }
        if (await rounds.FindAsync(Id.Value, HttpContext.RequestAborted) is not { } r || !await rounds.ReadyForCouncilAsync(r, HttpContext.RequestAborted)) return false;
        Round = r;
        Tree = await plans.TreeAsync(await rounds.PlanOfAsync(r, HttpContext.RequestAborted), withIndicators: false, HttpContext.RequestAborted);
        Reports = await rounds.ReportsAsync(r.Id, HttpContext.RequestAborted);
        var me = users.GetUserId(User)!;
        Mine = (await rounds.EvaluationsAsync(r.Id, HttpContext.RequestAborted)).Where(e => e.UserId == me).ToList();
        return true;
    }
}

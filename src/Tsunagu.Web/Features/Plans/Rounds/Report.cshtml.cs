using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.News;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Rounds;

/// <summary>A department member writes the report on one item: saves drafts, then submits (which locks it).</summary>
[Authorize(Policy = Policies.DepartmentStaff)]
public class ReportModel(RoundService rounds, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int RoundId { get; set; }
    [BindProperty(SupportsGet = true)] public int NodeId { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "実施状況")]
        [StringLength(4000, ErrorMessage = "実施状況は4000文字以内にしてください。")]
        public string? Done { get; set; }

        [Display(Name = "評価")]
        [StringLength(10, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Grade { get; set; }

        [Display(Name = "実績値")]
        [StringLength(1000, ErrorMessage = "実績値は1000文字以内にしてください。")]
        public string? Figures { get; set; }

        [Display(Name = "課題")]
        [StringLength(2000, ErrorMessage = "課題は2000文字以内にしてください。")]
        public string? Problems { get; set; }

        [Display(Name = "今後の方向性")]
        [StringLength(2000, ErrorMessage = "今後の方向性は2000文字以内にしてください。")]
        public string? NextYear { get; set; }

        [Display(Name = "協働の相手")]
        [StringLength(1000, ErrorMessage = "協働の相手は1000文字以内にしてください。")]
        public string? Partners { get; set; }

        public List<string> Forms { get; set; } = [];
    }

    public ReportingRound Round { get; private set; } = default!;
    public Plan Plan { get; private set; } = default!;
    public PlanNode Item { get; private set; } = default!;
    public ProgressReport? Report { get; private set; }
    /// <summary>The item is not one of this person's departments': nothing is shown or saved.</summary>
    public bool NotMine { get; private set; }
    public bool Locked => Report?.Status is ReportStatus.Submitted or ReportStatus.Accepted;
    /// <summary>Past the deadline or after publication only a returned report can still be corrected.</summary>
    public bool PastDeadline => Report?.Status != ReportStatus.Returned && (rounds.Today > Round.Deadline || Round.Status != RoundStatus.Open);
    public List<SelectListItem> Grades { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        if (Report is { } r)
            Input = new InputModel { Done = r.Done, Grade = r.Grade, Figures = r.Figures, Problems = r.Problems, NextYear = r.NextYear, Partners = r.Partners, Forms = (r.Forms ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList() };
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync() => SaveAsync(submit: false);

    public Task<IActionResult> OnPostSubmitAsync() => SaveAsync(submit: true);

    private async Task<IActionResult> SaveAsync(bool submit)
    {
        if (await LoadAsync() is { } refused) return refused;
        if (Input.Grade is { Length: > 0 } g && Grades.All(x => x.Value != g)) ModelState.AddModelError("Input.Grade", t["評価は一覧から選んでください。"]);
        if (Input.Forms.Any(f => !Enum.TryParse<CollaborationForm>(f, out _))) ModelState.AddModelError("Input.Forms", t["協働の形態は一覧から選んでください。"]);
        if (submit)
        {
            if (string.IsNullOrWhiteSpace(Input.Done)) ModelState.AddModelError("Input.Done", t["提出するには、実施状況を入力してください。"]);
            if (string.IsNullOrWhiteSpace(Input.Grade)) ModelState.AddModelError("Input.Grade", t["提出するには、評価を選んでください。"]);
        }
        if (!ModelState.IsValid) return Page();
        var problem = await rounds.SaveAsync(Round, Item, users.GetUserId(User)!,
            new RoundService.ReportInput(Input.Done, Input.Grade, Input.Figures, Input.Problems, Input.NextYear, Input.Partners, Input.Forms), submit, HttpContext.RequestAborted);
        switch (problem)
        {
            case RoundService.SaveProblem.DeadlinePassed:
                ModelState.AddModelError("", t["報告の期限（{0}）を過ぎたため、保存も提出もできません。計画の担当者に相談してください。", JapaneseDates.ToJapaneseDate(Round.Deadline)]);
                return Page();
            case RoundService.SaveProblem.Locked:
                ModelState.AddModelError("", t["この報告は提出済みのため、変更できません。直す必要があれば、計画の担当者に差し戻しを頼んでください。"]);
                return Page();
            case RoundService.SaveProblem.RoundClosed:
                ModelState.AddModelError("", t["この年度の進捗調査は終わっています。"]);
                return Page();
            case RoundService.SaveProblem.NotYourItem:
                NotMine = true;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
        }
        TempData["Notice"] = submit ? "報告を提出しました。" : "下書きを保存しました。";
        return Redirect(submit ? $"/{city.Required.Slug}/admin/reports" : $"/{city.Required.Slug}/admin/reports/{RoundId}/{NodeId}");
    }

    /// <summary>Loads the round and item; refuses, with a clear page, someone outside the item's departments.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        if (await rounds.FindAsync(RoundId, HttpContext.RequestAborted) is not { } round) return NotFound();
        if (await rounds.ItemAsync(round, NodeId, HttpContext.RequestAborted) is not { } item) return NotFound();
        var mine = await rounds.DepartmentsOfAsync(users.GetUserId(User)!, HttpContext.RequestAborted);
        (Round, Item) = (round, item);
        if (!item.Departments.Any(d => mine.Contains(d.DepartmentId)))
        {
            // Refused with the reason on the page, not a bare error: the item names other departments.
            NotMine = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Plan = await rounds.PlanOfAsync(round, HttpContext.RequestAborted);
        Report = await rounds.ReportAsync(round.Id, item.Id, HttpContext.RequestAborted);
        var grades = Plan.GradeScale();
        Grades = [new SelectListItem(t["（選んでください）"], ""), .. grades.Select(g => new SelectListItem($"{g.Code}：{t[g.Label!]}", g.Code))];
        return null;
    }
}

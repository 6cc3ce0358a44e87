using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Rounds;

/// <summary>The plan manager reads one department report and accepts it or returns it with a comment.</summary>
[Authorize(Policy = Policies.PlanManager)]
public class ReviewModel(RoundService rounds, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public int NodeId { get; set; }

    [BindProperty]
    [Display(Name = "差し戻しの理由")]
    [StringLength(1000, ErrorMessage = "差し戻しの理由は1000文字以内にしてください。")]
    public string? Comment { get; set; }

    public ReportingRound Round { get; private set; } = default!;
    public PlanNode Item { get; private set; } = default!;
    public ProgressReport Report { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!await rounds.AcceptAsync(Report, HttpContext.RequestAborted))
        {
            ModelState.AddModelError("", t["提出された報告だけを受理できます。"]);
            return Page();
        }
        TempData["Notice"] = "報告を受理しました。";
        return Redirect($"/{city.Required.Slug}/admin/rounds/{Id}");
    }

    public async Task<IActionResult> OnPostReturnAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (string.IsNullOrWhiteSpace(Comment)) ModelState.AddModelError(nameof(Comment), t["差し戻しの理由を入力してください。"]);
        if (!ModelState.IsValid) return Page();
        if (!await rounds.ReturnAsync(Round, Item, Report, Comment!, HttpContext.RequestAborted))
        {
            ModelState.AddModelError("", t["提出された報告だけを差し戻せます。"]);
            return Page();
        }
        TempData["Notice"] = "報告を差し戻し、担当課にメールで知らせました。";
        return Redirect($"/{city.Required.Slug}/admin/rounds/{Id}");
    }

    private async Task<bool> LoadAsync()
    {
        if (await rounds.FindAsync(Id, HttpContext.RequestAborted) is not { } round) return false;
        if (await rounds.ItemAsync(round, NodeId, HttpContext.RequestAborted) is not { } item) return false;
        if (await rounds.ReportAsync(round.Id, item.Id, HttpContext.RequestAborted) is not { } report) return false;
        (Round, Item, Report) = (round, item, report);
        return true;
    }
}

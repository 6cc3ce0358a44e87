using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events.Admin;

/// <summary>Centre staff approve a group's proposal (which books its room and publishes it) or reject it with a reason; the group is e-mailed either way.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class ReviewModel(EventCatalog catalog, EventReview review, TsunaguDb db, CurrentCity city) : PageModel
{
    public Event Event { get; private set; } = default!;
    public string? Proposer { get; private set; }
    /// <summary>Why the proposal could not be approved, shown above it.</summary>
    public Problems Problems { get; private set; } = [];

    [BindProperty]
    [Display(Name = "見送る理由")]
    [Required(ErrorMessage = "見送る理由を入力してください。")]
    [StringLength(1000, ErrorMessage = "見送る理由は1,000文字以内にしてください。")]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        Problems = await review.ApproveAsync(id, HttpContext.RequestAborted);
        if (!Problems.Ok)
        {
            await LoadAsync(id);
            return Page();
        }
        TempData["Notice"] = "提案を承認して公開しました。団体にメールで知らせました。";
        return Redirect($"/{city.Required.Slug}/admin/events");
    }

    public async Task<IActionResult> OnPostRejectAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var problems = await review.RejectAsync(id, Reason!, HttpContext.RequestAborted);
        if (!problems.Ok)
        {
            ModelState.AddProblems(problems, prefix: null);
            return Page();
        }
        TempData["Notice"] = "提案を見送りました。団体に理由をメールで知らせました。";
        return Redirect($"/{city.Required.Slug}/admin/events");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (await catalog.FindAsync(id, ct) is not { GroupId: not null } e) return false;
        Event = e;
        Proposer = await db.Users.Where(u => u.Id == e.CreatedByUserId).Select(u => u.DisplayName + "（" + u.Email + "）").FirstOrDefaultAsync(ct);
        return true;
    }
}

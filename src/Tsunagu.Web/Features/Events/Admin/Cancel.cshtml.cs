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

/// <summary>Staff cancel an event with a reason: everyone registered or waiting is e-mailed and its room bookings are released.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class CancelModel(EventCatalog catalog, EventReview review, TsunaguDb db, CurrentCity city) : PageModel
{
    public Event Event { get; private set; } = default!;
    public int Confirmed { get; private set; }
    public int Waitlisted { get; private set; }

    [BindProperty]
    [Display(Name = "中止の理由")]
    [Required(ErrorMessage = "中止の理由を入力してください。")]
    [StringLength(1000, ErrorMessage = "中止の理由は1,000文字以内にしてください。")]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var problems = await review.CancelEventAsync(id, Reason!, HttpContext.RequestAborted);
        if (!problems.Ok)
        {
            ModelState.AddProblems(problems, prefix: null);
            return Page();
        }
        TempData["Notice"] = "イベントを中止しました。申し込んでいた方にメールで知らせました。";
        return Redirect($"/{city.Required.Slug}/admin/events");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (await catalog.FindAsync(id, ct) is not { } e) return false;
        Event = e;
        Confirmed = await db.Set<EventRegistration>().CountAsync(r => r.EventId == id && r.Status == RegistrationStatus.Confirmed, ct);
        Waitlisted = await db.Set<EventRegistration>().CountAsync(r => r.EventId == id && r.Status == RegistrationStatus.Waitlisted, ct);
        return true;
    }
}

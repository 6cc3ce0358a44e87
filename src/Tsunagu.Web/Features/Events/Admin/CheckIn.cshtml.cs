using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Events.Admin;

/// <summary>At the door, staff type (or scan into the field) a registration code to check a person in.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class CheckInModel(EventCatalog catalog, EventRegistrations registrations, TsunaguDb db, Text t) : PageModel
{
    [BindProperty]
    [Display(Name = "受付コード")]
    [Required(ErrorMessage = "受付コードを入力してください。")]
    [StringLength(16, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Code { get; set; }

    public Event Event { get; private set; } = default!;
    public sealed record Row(string Name, RegistrationStatus Status, DateTime? CheckedInAt);
    public List<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await registrations.CheckInAsync(id, Code!, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddProblems(result.Problems, prefix: null);
            await LoadAsync(id);
            return Page();
        }
        var name = await db.Users.Where(u => u.Id == result.Registration!.UserId).Select(u => u.DisplayName).FirstAsync();
        TempData["Notice"] = t["{0}さんの受付をしました。", name];
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        var e = await catalog.FindAsync(id, ct);
        if (e is null) return false;
        Event = e;
        Rows = await (from r in db.Set<EventRegistration>().AsNoTracking()
                      join u in db.Users on r.UserId equals u.Id
                      where r.EventId == id && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Attended)
                      orderby u.DisplayName
                      select new Row(u.DisplayName, r.Status, r.CheckedInAt)).ToListAsync(ct);
        return true;
    }
}

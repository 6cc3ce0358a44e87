using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events.Admin;

/// <summary>
/// Centre staff create an event with its meetings, or change one (a group's proposal too, before deciding on it); a room
/// chosen is booked for every meeting, and every problem (a taken slot names its meeting) is shown next to its field.
/// </summary>
[Authorize(Policy = Policies.CentreStaff)]
public class EditModel(EventCatalog catalog, EventEditing editing, UserManager<AppUser> users, CurrentCity city, TsunaguDb db, Text t) : EventFormModel(db, t)
{
    public override string Heading => Existing is null ? "イベントを作成する" : "イベントを変更する";
    public override string SubmitLabel => Existing is null ? "作成する" : "保存する";

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existingId)
        {
            Existing = await catalog.FindAsync(existingId, HttpContext.RequestAborted);
            if (Existing is null) return NotFound();
            Fill(Existing);
        }
        await LoadChoicesAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var ct = HttpContext.RequestAborted;
        if (id is { } existingId)
        {
            Existing = await catalog.FindAsync(existingId, ct);
            if (Existing is null) return NotFound();
        }
        if (ReadDraft(out var rows) is { } draft)
        {
            var problems = Existing is null
                ? (await editing.CreateAsync(draft, users.GetUserId(User), ct)).Problems
                : await editing.UpdateAsync(Existing.Id, draft, ct);
            ModelState.AddProblems(problems, fieldFor: field => FormField(field, rows));
            if (problems.Ok)
            {
                TempData["Notice"] = Existing is null ? "イベントを作成しました。" : "イベントを保存しました。";
                return Redirect($"/{city.Required.Slug}/admin/events");
            }
        }
        await LoadChoicesAsync(ct);
        return Page();
    }
}

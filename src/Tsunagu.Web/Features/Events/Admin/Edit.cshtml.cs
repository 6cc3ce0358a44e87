using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events.Admin;

/// <summary>
/// Centre staff create an event with its meetings, or change one (a group's proposal too, before deciding on it); a room
/// chosen is booked for every meeting, and every problem (a taken slot names its meeting) is shown next to its field.
/// </summary>
[Authorize(Policy = Policies.CentreStaff)]
public class EditModel(EventService events, UserManager<AppUser> users, CurrentCity city, TsunaguDb db, Text t) : EventFormModel(db, t)
{
    public override string Heading => Existing is null ? "イベントを作成する" : "イベントを変更する";
    public override string SubmitLabel => Existing is null ? "作成する" : "保存する";

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existingId)
        {
            Existing = await events.FindAsync(existingId, HttpContext.RequestAborted);
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
            Existing = await events.FindAsync(existingId, ct);
            if (Existing is null) return NotFound();
        }
        if (ReadDraft(out var rows) is { } draft)
        {
            var errors = Existing is null
                ? (await events.CreateAsync(draft, users.GetUserId(User), ct)).Errors
                : await events.UpdateAsync(Existing.Id, draft, ct);
            AddErrors(errors, rows);
            if (errors.Count == 0)
            {
                TempData["Notice"] = Existing is null ? "イベントを作成しました。" : "イベントを保存しました。";
                return Redirect($"/{city.Required.Slug}/admin/events");
            }
        }
        await LoadChoicesAsync(ct);
        return Page();
    }
}

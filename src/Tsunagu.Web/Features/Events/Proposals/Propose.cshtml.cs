using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events.Proposals;

/// <summary>
/// A registered group's administrator proposes an event for the group, or revises a proposal that waits or was not
/// approved; it waits for the centre's approval. Anyone else finds no such page.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class ProposeModel(EventCatalog catalog, EventReview review, UserManager<AppUser> users, CurrentCity city, TsunaguDb db, Text t) : EventFormModel(db, t)
{
    private readonly TsunaguDb data = db;

    public override string Heading => Existing is null ? "講座・イベントを提案する" : "提案を直す";
    public override string SubmitLabel => Existing is null ? "提案する" : "直して提案し直す";

    public async Task<IActionResult> OnGetAsync(int id, int? eventId)
    {
        if (!await LoadAsync(id, eventId)) return NotFound();
        if (Existing is not null) Fill(Existing);
        await LoadChoicesAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int? eventId)
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadAsync(id, eventId)) return NotFound();
        if (ReadDraft(out var rows) is { } draft)
        {
            var userId = users.GetUserId(User)!;
            var problems = Existing is null
                ? (await review.ProposeAsync(id, draft, userId, ct))?.Problems
                : await review.ReviseAsync(id, Existing.Id, draft, userId, ct);
            if (problems is null) return NotFound(); // not their group, or no longer a proposal they may revise
            ModelState.AddProblems(problems, fieldFor: field => FormField(field, rows));
            if (problems.Ok)
            {
                TempData["Notice"] = "提案を受け付けました。センターが承認すると公開されます。結果はメールでお知らせします。";
                return Redirect($"/{city.Required.Slug}/groups/{id}/events");
            }
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>The group, if this person administers it and it is registered; the proposal, if one is named and may be revised.</summary>
    private async Task<bool> LoadAsync(int id, int? eventId)
    {
        var ct = HttpContext.RequestAborted;
        if (!await catalog.LeadsAsync(id, users.GetUserId(User)!, ct)) return false;
        ForGroup = await data.Groups.AsNoTracking().FirstAsync(g => g.Id == id, ct);
        if (eventId is { } existingId)
        {
            Existing = await catalog.FindAsync(existingId, ct);
            if (Existing is null || Existing.GroupId != id || Existing.Status is not (EventStatus.PendingApproval or EventStatus.Rejected)) return false;
        }
        return true;
    }
}

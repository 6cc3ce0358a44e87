using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Consultations.Admin;

/// <summary>One case: its status, assignee and group, dated notes and follow-ups.</summary>
[Authorize(Policy = Policies.ConsultationDesk)]
public class DetailModel(ConsultationService consultations, UserManager<AppUser> users, TsunaguDb db, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public Consultation Case { get; private set; } = default!;
    public List<SelectListItem> Statuses { get; private set; } = [];
    public List<SelectListItem> Assignees { get; private set; } = [];
    public List<SelectListItem> GroupChoices { get; private set; } = [];
    public Dictionary<string, string> AuthorNames { get; private set; } = [];

    // The fields of the three forms on the page; each handler binds only its own.
    [Display(Name = "状態")] public ConsultationStatus Status { get; set; }
    [Display(Name = "担当者")] public string? AssigneeUserId { get; set; }
    [Display(Name = "関係する団体")] public int? GroupId { get; set; }
    [Display(Name = "メモ")] public string? NoteText { get; set; }
    [Display(Name = "期日")] public DateOnly? DueOn { get; set; }
    [Display(Name = "やること")] public string? FollowUpText { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostUpdateAsync(ConsultationStatus status, string? assigneeUserId, int? groupId)
    {
        if (!await LoadAsync()) return NotFound();
        if (!await consultations.UpdateAsync(Case, status, string.IsNullOrEmpty(assigneeUserId) ? null : assigneeUserId, groupId))
        {
            ModelState.AddModelError(nameof(AssigneeUserId), t["担当者はこの都市のセンター職員から選んでください。"]);
            return Page();
        }
        return Done("相談の状態を更新しました。");
    }

    public async Task<IActionResult> OnPostNoteAsync(string? noteText)
    {
        if (!await LoadAsync()) return NotFound();
        NoteText = noteText;
        if (string.IsNullOrWhiteSpace(noteText)) ModelState.AddModelError(nameof(NoteText), t["メモを入力してください。"]);
        else if (noteText.Length > 4000) ModelState.AddModelError(nameof(NoteText), t["メモは4000文字以内で入力してください。"]);
        if (!ModelState.IsValid) return Page();
        await consultations.AddNoteAsync(Case, users.GetUserId(User)!, noteText!.Trim());
        return Done("メモを追加しました。");
    }

    public async Task<IActionResult> OnPostFollowUpAsync(DateOnly? dueOn, string? followUpText)
    {
        if (!await LoadAsync()) return NotFound();
        (DueOn, FollowUpText) = (dueOn, followUpText);
        if (dueOn is null) ModelState.AddModelError(nameof(DueOn), t["期日を入力してください。"]);
        if (string.IsNullOrWhiteSpace(followUpText)) ModelState.AddModelError(nameof(FollowUpText), t["やることを入力してください。"]);
        else if (followUpText.Length > 1000) ModelState.AddModelError(nameof(FollowUpText), t["やることは1000文字以内で入力してください。"]);
        if (!ModelState.IsValid) return Page();
        await consultations.AddFollowUpAsync(Case, dueOn!.Value, followUpText!.Trim());
        return Done("フォローアップを追加しました。");
    }

    public async Task<IActionResult> OnPostCompleteFollowUpAsync(int followUpId)
    {
        if (!await LoadAsync()) return NotFound();
        if (!await consultations.CompleteFollowUpAsync(Case, followUpId)) return NotFound();
        return Done("フォローアップを完了にしました。");
    }

    private RedirectResult Done(string notice)
    {
        TempData["Notice"] = notice;
        return Redirect($"/{city.Required.Slug}/admin/consultations/{Id}");
    }

    private async Task<bool> LoadAsync()
    {
        var c = await consultations.FindAsync(Id);
        if (c is null) return false;
        Case = c;
        (Status, AssigneeUserId, GroupId) = (c.Status, c.AssigneeUserId, c.GroupId);
        Statuses = ConsultationChoices.Statuses(t);
        Assignees = [new SelectListItem(t["未定"], "")];
        Assignees.AddRange((await consultations.StaffAsync()).Select(u => new SelectListItem(u.DisplayName, u.Id)));
        GroupChoices = [new SelectListItem(t["なし"], "")];
        GroupChoices.AddRange(await db.Groups.AsNoTracking().Where(g => g.Status == GroupStatus.Approved).OrderBy(g => g.Name)
            .Select(g => new SelectListItem(g.Name, g.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync());
        var authorIds = c.Notes.Select(n => n.AuthorUserId).Distinct().ToList();
        AuthorNames = await db.Users.Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return true;
    }
}

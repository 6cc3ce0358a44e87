using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Events;

/// <summary>
/// An event, its meetings and places; a signed-in person registers or cancels here, and answers the survey afterwards.
/// A group's proposal not yet approved (or not approved) is seen only by centre staff and the group's administrators.
/// </summary>
public class DetailsModel(
    EventCatalog catalog, EventRegistrations registrations, EventSurvey survey, UserManager<AppUser> users, IAuthorizationService authorization, Text t) : PageModel
{
    public Event Event { get; private set; } = default!;
    public EventRegistration? Mine { get; private set; }
    public int QueuePlace { get; private set; }
    public bool ShowsOnlineLink { get; private set; }
    public bool CanAnswerSurvey { get; private set; }
    public string? ClosedReason { get; private set; }
    /// <summary>Why the signed-in person may not register (the event is for others), or null.</summary>
    public string? Ineligible { get; private set; }
    public bool HasStarted { get; private set; }

    [BindProperty]
    [Display(Name = "満足度")]
    [Required(ErrorMessage = "満足度を選んでください。")]
    public int? Satisfaction { get; set; }

    [BindProperty]
    [Display(Name = "ご意見・ご感想")]
    [StringLength(1000, ErrorMessage = "ご意見・ご感想は1,000文字以内にしてください。")]
    public string? Comment { get; set; }

    [BindProperty]
    [Display(Name = "市内に住んでいる、または市内に通勤・通学しています")]
    public bool DeclaresResident { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRegisterAsync(int id)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        ModelState.Clear();
        var result = await registrations.RegisterAsync(id, users.GetUserId(User)!, DeclaresResident, HttpContext.RequestAborted);
        if (result.NotFound) return NotFound();
        if (result.Problems.Any(p => p.Field == nameof(DeclaresResident)))
        {
            // The declaration is missing: said next to the checkbox, on the page itself.
            if (!await LoadAsync(id)) return NotFound();
            ModelState.AddProblems(result.Problems, prefix: null);
            return Page();
        }
        if (!result.Succeeded) TempData["Warning"] = result.Problems.Summary;
        else TempData["Notice"] = result.Registration!.Status == RegistrationStatus.Confirmed
            ? "参加が確定しました。受付コードは「自分の申込」で確認できます。"
            : "満席のため、キャンセル待ちで受け付けました。空きが出たら順番にお知らせします。";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        var result = await registrations.CancelAsync(id, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (result.NotFound) return NotFound();
        if (!result.Succeeded) TempData["Warning"] = result.Problems.Summary;
        else TempData["Notice"] = "申込を取り消しました。";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostSurveyAsync(int id)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Remove(nameof(DeclaresResident));
        if (!ModelState.IsValid) return Page();
        var problems = await survey.AnswerAsync(id, users.GetUserId(User)!, Satisfaction!.Value, Comment, HttpContext.RequestAborted);
        if (!problems.Ok)
        {
            ModelState.AddProblems(problems, prefix: null);
            return Page();
        }
        TempData["Notice"] = "アンケートにご回答いただき、ありがとうございました。";
        return RedirectToPage(new { id });
    }

    public static List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> SatisfactionChoices(Text t) =>
    [
        new(t["選んでください"], ""), new(t["5：満足"], "5"), new(t["4：やや満足"], "4"), new(t["3：ふつう"], "3"), new(t["2：やや不満"], "2"), new(t["1：不満"], "1"),
    ];

    public string KindName => EventTexts.Kind(t, Event.Kind);

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        var e = await catalog.FindAsync(id, ct);
        if (e is null) return false;
        var userId = users.GetUserId(User);
        // Not public until approved: the centre and the proposing group only.
        if (e.Status is EventStatus.PendingApproval or EventStatus.Rejected
            && !(await authorization.AuthorizeAsync(User, Policies.CentreStaff)).Succeeded
            && !(userId is not null && e.GroupId is { } groupId && await catalog.LeadsAsync(groupId, userId, ct)))
            return false;
        Event = e;
        ClosedReason = registrations.ClosedReason(e);
        HasStarted = catalog.HasStarted(e);
        if (userId is not null)
        {
            Mine = await catalog.MineAsync(id, userId, ct);
            if (Mine is { Status: RegistrationStatus.Waitlisted }) QueuePlace = await catalog.QueuePlaceAsync(Mine, ct);
            ShowsOnlineLink = catalog.ShowsOnlineLink(e, Mine);
            CanAnswerSurvey = await survey.RefusalAsync(e, Mine, ct) is null;
            Ineligible = await registrations.IneligibleReasonAsync(e, userId, ct);
        }
        return true;
    }
}

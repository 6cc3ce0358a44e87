using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.Events;

/// <summary>An event, its meetings and places; a signed-in person registers or cancels here, and answers the survey afterwards.</summary>
public class DetailsModel(EventService events, UserManager<AppUser> users, Text t) : PageModel
{
    public Event Event { get; private set; } = default!;
    public EventRegistration? Mine { get; private set; }
    public int QueuePlace { get; private set; }
    public bool ShowsOnlineLink { get; private set; }
    public bool CanAnswerSurvey { get; private set; }
    public string? ClosedReason { get; private set; }
    public bool HasStarted { get; private set; }

    [BindProperty]
    [Display(Name = "満足度")]
    [Required(ErrorMessage = "満足度を選んでください。")]
    public int? Satisfaction { get; set; }

    [BindProperty]
    [Display(Name = "ご意見・ご感想")]
    [StringLength(1000, ErrorMessage = "ご意見・ご感想は1,000文字以内にしてください。")]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRegisterAsync(int id)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        var result = await events.RegisterAsync(id, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (result.NotFound) return NotFound();
        if (!result.Succeeded) TempData["Warning"] = result.Error;
        else TempData["Notice"] = result.Registration!.Status == RegistrationStatus.Confirmed
            ? "参加が確定しました。受付コードは「自分の申込」で確認できます。"
            : "満席のため、キャンセル待ちで受け付けました。空きが出たら順番にお知らせします。";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        var result = await events.CancelAsync(id, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (result.NotFound) return NotFound();
        if (!result.Succeeded) TempData["Warning"] = result.Error;
        else TempData["Notice"] = "申込を取り消しました。";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostSurveyAsync(int id)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var refusal = await events.AnswerSurveyAsync(id, users.GetUserId(User)!, Satisfaction!.Value, Comment, HttpContext.RequestAborted);
        if (refusal is not null)
        {
            ModelState.AddModelError(nameof(Satisfaction), refusal);
            return Page();
        }
        TempData["Notice"] = "アンケートにご回答いただき、ありがとうございました。";
        return RedirectToPage(new { id });
    }

    public static List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> SatisfactionChoices(Text t) =>
    [
        new(t["選んでください"], ""), new(t["5：満足"], "5"), new(t["4：やや満足"], "4"), new(t["3：ふつう"], "3"), new(t["2：やや不満"], "2"), new(t["1：不満"], "1"),
    ];

    public string KindName => Admin.EditModel.KindName(t, Event.Kind);

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        var e = await events.FindAsync(id, ct);
        if (e is null) return false;
        Event = e;
        ClosedReason = events.ClosedReason(e);
        HasStarted = events.HasStarted(e);
        if (users.GetUserId(User) is { } userId)
        {
            Mine = await events.MineAsync(id, userId, ct);
            if (Mine is { Status: RegistrationStatus.Waitlisted }) QueuePlace = await events.QueuePlaceAsync(Mine, ct);
            ShowsOnlineLink = events.ShowsOnlineLink(e, Mine);
            CanAnswerSurvey = await events.SurveyRefusalAsync(e, Mine, ct) is null;
        }
        return true;
    }
}

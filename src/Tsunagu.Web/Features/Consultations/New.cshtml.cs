using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.Consultations;

/// <summary>A citizen or group asks the centre for a consultation online.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class NewModel(ConsultationService consultations, UserManager<AppUser> users, Text t) : PageModel
{
    [BindProperty] public IntakeInput Input { get; set; } = new();
    public List<SelectListItem> Topics => ConsultationChoices.Topics(t);
    public List<SelectListItem> Preferred => ConsultationChoices.Preferred(t);
    public bool Sent { get; private set; }

    public async Task OnGetAsync()
    {
        var me = await users.GetUserAsync(User);
        Input.Name = me?.DisplayName ?? "";
        Input.Email = me?.Email;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var phone = Input.Phone is { Length: > 0 } ? ContactFormats.NormalizePhone(Input.Phone) : null;
        var phoneInvalid = Input.Phone is { Length: > 0 } && phone is null;
        if (phoneInvalid)
            ModelState.AddModelError("Input.Phone", t["電話番号は市外局番から、数字とハイフンで入力してください（例：083-231-1111）。"]);
        if (Input.PreferredContact == PreferredContact.Email && string.IsNullOrWhiteSpace(Input.Email))
            ModelState.AddModelError("Input.Email", t["メールでの回答を希望する場合は、メールアドレスを入力してください。"]);
        if (Input.PreferredContact == PreferredContact.Phone && phone is null && !phoneInvalid)
            ModelState.AddModelError("Input.Phone", t["電話での相談を希望する場合は、電話番号を入力してください。"]);
        if (!ModelState.IsValid) return Page();
        await consultations.CreateAsync(new ConsultationService.Intake(Input.Topic!.Value, ConsultationChannel.Online, Input.PreferredContact!.Value,
            Input.Question.Trim(), Input.Name.Trim(), Input.Email?.Trim(), phone, users.GetUserId(User), null));
        Sent = true;
        return Page();
    }
}

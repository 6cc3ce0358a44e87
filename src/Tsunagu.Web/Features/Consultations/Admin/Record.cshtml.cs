using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Consultations.Admin;

/// <summary>Staff record a consultation taken at the counter or by phone.</summary>
[Authorize(Policy = Policies.ConsultationDesk)]
public class RecordModel(ConsultationService consultations, CurrentCity city, Text t) : PageModel
{
    [BindProperty] public IntakeInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "受付方法")]
    [Required(ErrorMessage = "受付方法を選んでください。")]
    public ConsultationChannel? Channel { get; set; }

    public List<SelectListItem> Topics => ConsultationChoices.Topics(t);
    public List<SelectListItem> Preferred => ConsultationChoices.Preferred(t);
    public List<SelectListItem> Channels => ConsultationChoices.Channels(t).Where(c => c.Value != nameof(ConsultationChannel.Online)).ToList();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var phone = Input.Phone is { Length: > 0 } ? ContactFormats.NormalizePhone(Input.Phone) : null;
        if (Input.Phone is { Length: > 0 } && phone is null)
            ModelState.AddModelError("Input.Phone", t["電話番号は市外局番から、数字とハイフンで入力してください（例：083-231-1111）。"]);
        if (Channel == ConsultationChannel.Online) ModelState.AddModelError(nameof(Channel), t["受付方法を選んでください。"]);
        if (!ModelState.IsValid) return Page();
        var created = await consultations.CreateAsync(new ConsultationService.Intake(Input.Topic!.Value, Channel!.Value, Input.PreferredContact!.Value,
            Input.Question.Trim(), Input.Name.Trim(), Input.Email?.Trim(), phone, null, null));
        TempData["Notice"] = "相談を記録しました。";
        return Redirect($"/{city.Required.Slug}/admin/consultations/{created.Id}");
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Exchange.Admin;

/// <summary>One introduction: what the centre wrote, and its outcome; a success is a group-to-group matching.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class IntroductionModel(ExchangeIntroductions introductions, CurrentCity city, Text t) : PageModel
{
    public sealed class OutcomeInput
    {
        [Display(Name = "結果")]
        [Required(ErrorMessage = "結果を選んでください。")]
        public IntroductionOutcome? Outcome { get; set; }

        [Display(Name = "結果のメモ（任意）")]
        [StringLength(1000, ErrorMessage = "結果のメモは1000文字以内で入力してください。")]
        public string? Note { get; set; }
    }

    [BindProperty] public OutcomeInput Input { get; set; } = new();
    public ExchangeIntroduction Introduction { get; private set; } = default!;
    public List<SelectListItem> OutcomeItems => Enum.GetValues<IntroductionOutcome>().Select(o => new SelectListItem(t[ExchangeTexts.Outcome(o)], o.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new OutcomeInput { Outcome = Introduction.Outcome, Note = Introduction.OutcomeNote };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        await introductions.RecordOutcomeAsync(Introduction, Input.Outcome!.Value, Input.Note, HttpContext.RequestAborted);
        TempData["Notice"] = Input.Outcome == IntroductionOutcome.Succeeded ? "マッチングの成立を記録しました。" : "結果を記録しました。";
        return Redirect($"/{city.Required.Slug}/admin/exchange/introductions/{id}");
    }

    /// <summary>Only introductions made: a request still waiting is answered on the introduce page.</summary>
    private async Task<bool> LoadAsync(int id)
    {
        var introduction = await introductions.FindIntroductionAsync(id, HttpContext.RequestAborted);
        if (introduction is null || introduction.IsRequestOnly) return false;
        Introduction = introduction;
        return true;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.TalentBank;

/// <summary>A signed-in person asks a published entry for a talk or advice; the request goes to the centre.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class RequestModel(TalentBankService talent, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "依頼する名義")]
        public int? GroupId { get; set; }

        [Display(Name = "依頼の内容・目的")]
        [Required(ErrorMessage = "依頼の内容・目的を入力してください。")]
        [StringLength(200, ErrorMessage = "依頼の内容・目的は200文字以内にしてください。")]
        public string? Purpose { get; set; }

        [Display(Name = "希望する日時")]
        [Required(ErrorMessage = "希望する日時を入力してください。")]
        [StringLength(200, ErrorMessage = "希望する日時は200文字以内にしてください。")]
        public string? PreferredDates { get; set; }

        [Display(Name = "参加予定人数")]
        [Range(1, 10_000, ErrorMessage = "参加予定人数は1人から10,000人までの数字で入力してください。")]
        public int? Participants { get; set; }

        [Display(Name = "そのほか伝えたいこと")]
        [StringLength(2000, ErrorMessage = "そのほか伝えたいことは2000文字以内にしてください。")]
        public string? Message { get; set; }
    }

    public TalentBankService.PublicEntry Entry { get; private set; } = default!;
    public List<Group> Groups { get; private set; } = [];
    public List<SelectListItem> OwnerChoices => [new(t["個人として"], ""), .. Groups.Select(g => new SelectListItem(g.Name, g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Input.GroupId is { } g && Groups.All(x => x.Id != g))
            ModelState.AddModelError("Input.GroupId", t["団体の管理者だけが、その団体として依頼できます。"]);
        if (!ModelState.IsValid) return Page();
        var request = await talent.RequestAsync(Entry, users.GetUserId(User)!,
            new TalentBankService.RequestInput(Input.GroupId, Input.Purpose!, Input.PreferredDates!, Input.Participants, Input.Message), HttpContext.RequestAborted);
        if (request is null) return Forbid();
        TempData["Notice"] = "依頼を受け付けました。センターが登録者と調整し、結果をメールでお知らせします。";
        return Redirect($"/{city.Required.Slug}/talent/requests");
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await talent.FindPublishedAsync(id, HttpContext.RequestAborted) is not { } entry) return false;
        Entry = entry;
        Groups = await talent.AdministeredGroupsAsync(users.GetUserId(User)!, HttpContext.RequestAborted);
        return true;
    }
}

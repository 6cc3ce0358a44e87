using System.ComponentModel.DataAnnotations;
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

namespace Tsunagu.Web.Features.Volunteers;

/// <summary>A signed-in citizen registers as a volunteer, or changes their registration.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class RegisterModel(VolunteerService volunteers, TsunaguDb db, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "年代")]
        [Required(ErrorMessage = "年代を選んでください。")]
        public AgeBand? AgeBand { get; set; }

        public List<int> Skills { get; set; } = [];

        [Display(Name = "そのほかにできること")]
        [StringLength(500, ErrorMessage = "そのほかにできることは500文字以内にしてください。")]
        public string? FreeSkills { get; set; }

        public List<int> Interests { get; set; } = [];
        public List<int> Districts { get; set; } = [];
        /// <summary>Checked cells of the weekday × time grid, as "day-period".</summary>
        public List<string> Times { get; set; } = [];

        [Display(Name = "話せる言語")]
        [StringLength(200, ErrorMessage = "話せる言語は200文字以内にしてください。")]
        public string? Languages { get; set; }

        [Display(Name = "資格")]
        [StringLength(500, ErrorMessage = "資格は500文字以内にしてください。")]
        public string? Qualifications { get; set; }

        [Display(Name = "電話番号")]
        [StringLength(20, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Phone { get; set; }

        [Display(Name = "新しい募集のお知らせ")]
        public NotifyPreference Notify { get; set; } = NotifyPreference.WeeklyDigest;

        [Display(Name = "保護者の氏名")]
        [StringLength(100, ErrorMessage = "保護者の氏名は100文字以内にしてください。")]
        public string? GuardianName { get; set; }

        [Display(Name = "保護者が、ボランティア活動への参加に同意しています")]
        public bool GuardianConsents { get; set; }
    }

    public List<VolunteerSkill> SkillList { get; private set; } = [];
    public List<District> DistrictList { get; private set; } = [];
    public bool IsNew { get; private set; }
    public List<SelectListItem> AgeBands => [new(t["（選んでください）"], ""), .. Enum.GetValues<AgeBand>().Select(a => new SelectListItem(t[VolunteerTexts.AgeBand(a)], a.ToString()))];
    public List<SelectListItem> NotifyChoices => Enum.GetValues<NotifyPreference>().Select(n => new SelectListItem(t[VolunteerTexts.Notify(n)], n.ToString())).ToList();

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (await volunteers.MineAsync(users.GetUserId(User)!, HttpContext.RequestAborted) is { } v)
        {
            Input = new InputModel
            {
                AgeBand = v.AgeBand,
                Skills = v.Skills.Select(s => s.SkillId).ToList(),
                FreeSkills = v.FreeSkills,
                Interests = v.Interests.Select(i => i.Field).ToList(),
                Districts = v.Districts.Select(d => d.DistrictId).ToList(),
                Languages = v.Languages,
                Qualifications = v.Qualifications,
                Phone = v.Phone,
                Notify = v.Notify,
                GuardianName = v.GuardianName,
                GuardianConsents = v.GuardianConsentAt is not null,
                Times = [.. from d in Enumerable.Range(0, 7) from p in Enumerable.Range(0, 3) where (v.Availability & VolunteerService.Bit(d, p)) != 0 select $"{d}-{p}"],
            };
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var phone = Input.Phone is { Length: > 0 } ? ContactFormats.NormalizePhone(Input.Phone) : null;
        if (Input.Phone is { Length: > 0 } && phone is null)
            ModelState.AddModelError("Input.Phone", t["電話番号は市外局番から、数字とハイフンで入力してください（例：083-231-1111）。"]);
        // An under-18 may register before the guardian has agreed; applying waits for the consent (ApplicationStateMachine).
        if (Input.AgeBand == AgeBand.Under18 && Input.GuardianConsents && string.IsNullOrWhiteSpace(Input.GuardianName))
            ModelState.AddModelError("Input.GuardianName", t["保護者の同意を登録するには、保護者の氏名を入力してください。"]);
        if (Input.Interests.Count == 0 && Input.Skills.Count == 0 && string.IsNullOrWhiteSpace(Input.FreeSkills))
            ModelState.AddModelError("Input.Interests", t["できること、または関心のある分野を1つ以上選んでください。"]);
        var availability = 0;
        foreach (var cell in Input.Times)
        {
            var parts = cell.Split('-');
            if (parts.Length == 2 && int.TryParse(parts[0], out var d) && int.TryParse(parts[1], out var p) && d is >= 0 and < 7 && p is >= 0 and < 3)
                availability |= VolunteerService.Bit(d, p);
        }
        if (!ModelState.IsValid) return Page();
        await volunteers.SaveAsync(users.GetUserId(User)!, new VolunteerService.Registration(
            Input.AgeBand!.Value, Input.Skills, Input.FreeSkills, Input.Interests, Input.Districts, availability,
            Input.Languages, Input.Qualifications, phone, Input.Notify, Input.GuardianName, Input.GuardianConsents), HttpContext.RequestAborted);
        TempData["Notice"] = IsNew ? "ボランティアとして登録しました。" : "登録内容を保存しました。";
        return Redirect($"/{city.Required.Slug}/volunteers/me");
    }

    private async Task LoadAsync()
    {
        SkillList = await volunteers.SkillsAsync(HttpContext.RequestAborted);
        DistrictList = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync();
        IsNew = await volunteers.MineAsync(users.GetUserId(User)!, HttpContext.RequestAborted) is null or { Status: VolunteerStatus.Left };
    }
}

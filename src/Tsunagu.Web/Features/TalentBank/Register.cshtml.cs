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

namespace Tsunagu.Web.Features.TalentBank;

/// <summary>A signed-in person registers themselves, or a group they administer, in the talent bank; changes and withdraws it.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class RegisterModel(TalentBankService talent, TsunaguDb db, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "登録する名義")]
        public int? GroupId { get; set; }

        [Display(Name = "種類")]
        [Required(ErrorMessage = "講師かアドバイザーかを選んでください。")]
        public TalentKind? Kind { get; set; }

        [Display(Name = "公開する名前")]
        [Required(ErrorMessage = "公開する名前を入力してください。")]
        [StringLength(100, ErrorMessage = "公開する名前は100文字以内にしてください。")]
        public string? DisplayName { get; set; }

        [Display(Name = "教えられること・相談できること")]
        [Required(ErrorMessage = "教えられること・相談できることを入力してください。")]
        [StringLength(500, ErrorMessage = "教えられること・相談できることは500文字以内にしてください。")]
        public string? Subjects { get; set; }

        public List<int> Fields { get; set; } = [];

        [Display(Name = "紹介文")]
        [Required(ErrorMessage = "紹介文を入力してください。")]
        [StringLength(2000, ErrorMessage = "紹介文は2000文字以内にしてください。")]
        public string? Profile { get; set; }

        [Display(Name = "謝礼・条件")]
        [Required(ErrorMessage = "謝礼・条件を入力してください（無料の場合は「無料」）。")]
        [StringLength(200, ErrorMessage = "謝礼・条件は200文字以内にしてください。")]
        public string? FeeText { get; set; }

        [Display(Name = "1回あたりの謝礼の目安（円）")]
        [Range(0, 1_000_000, ErrorMessage = "謝礼の目安は0円から1,000,000円までの数字で入力してください。")]
        public int? FeeYen { get; set; }

        public List<int> Districts { get; set; } = [];

        [Display(Name = "市内全域に出向けます")]
        public bool CityWide { get; set; }

        [Display(Name = "オンラインでも対応できます")]
        public bool Online { get; set; }

        [Display(Name = "対応できる日時")]
        [Required(ErrorMessage = "対応できる日時を入力してください。")]
        [StringLength(200, ErrorMessage = "対応できる日時は200文字以内にしてください。")]
        public string? Times { get; set; }

        [Display(Name = "電話番号（センターだけが使います）")]
        [StringLength(20, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? ContactPhone { get; set; }
    }

    /// <summary>The entry being changed; null when registering a new one.</summary>
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }

    public List<TalentEntry> Mine { get; private set; } = [];
    public List<Group> Groups { get; private set; } = [];
    public List<District> DistrictList { get; private set; } = [];
    public TalentEntry? Editing { get; private set; }

    public List<SelectListItem> KindChoices => [new(t["（選んでください）"], ""), .. Enum.GetValues<TalentKind>().Select(k => new SelectListItem(t[TalentTexts.Kind(k)], k.ToString()))];
    public List<SelectListItem> OwnerChoices => [new(t["個人として"], ""), .. Groups.Select(g => new SelectListItem(g.Name, g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    private string UserId => users.GetUserId(User)!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Editing is { } e)
        {
            Input = new InputModel
            {
                GroupId = e.GroupId,
                Kind = e.Kind,
                DisplayName = e.DisplayName,
                Subjects = e.Subjects,
                Fields = e.Fields.Select(f => f.Field).ToList(),
                Profile = e.Profile,
                FeeText = e.FeeText,
                FeeYen = e.FeeYen,
                Districts = e.Districts.Select(d => d.DistrictId).ToList(),
                CityWide = e.CityWide,
                Online = e.Online,
                Times = e.Times,
                ContactPhone = e.ContactPhone,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        // Changing an entry keeps whose it is; only a new one chooses.
        var groupId = Editing is null ? Input.GroupId : Editing.GroupId;
        if (Editing is null && groupId is { } g && Groups.All(x => x.Id != g))
            ModelState.AddModelError("Input.GroupId", t["団体の管理者だけが、その団体として登録できます。"]);
        var phone = Input.ContactPhone is { Length: > 0 } ? ContactFormats.NormalizePhone(Input.ContactPhone) : null;
        if (Input.ContactPhone is { Length: > 0 } && phone is null)
            ModelState.AddModelError("Input.ContactPhone", t["電話番号は市外局番から、数字とハイフンで入力してください（例：083-231-1111）。"]);
        if (!Input.Fields.Any(f => ActivityFields.Find(f) is not null))
            ModelState.AddModelError("Input.Fields", t["活動分野を1つ以上選んでください。"]);
        if (!Input.CityWide && !Input.Online && !Input.Districts.Any(d => DistrictList.Any(x => x.Id == d)))
            ModelState.AddModelError("Input.Districts", t["出向ける地区を選ぶか、「市内全域」か「オンライン」を選んでください。"]);
        if (!ModelState.IsValid) return Page();

        var saved = await talent.SaveAsync(UserId, new TalentBankService.Registration(
            groupId, Input.Kind!.Value, Input.DisplayName!, Input.Subjects!, Input.Fields, Input.Profile!, Input.FeeText!, Input.FeeYen,
            Input.Districts, Input.CityWide, Input.Online, Input.Times!, phone), HttpContext.RequestAborted);
        if (saved is null) return Forbid();
        TempData["Notice"] = "登録を受け付けました。センターが内容を確認してから公開します。";
        return Redirect($"/{city.Required.Slug}/talent/register");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id)
    {
        if (await talent.EditableAsync(id, UserId, HttpContext.RequestAborted) is not { } entry) return NotFound();
        await talent.WithdrawAsync(entry, HttpContext.RequestAborted);
        TempData["Notice"] = "人材バンクへの登録を取り下げました。";
        return Redirect($"/{city.Required.Slug}/talent/register");
    }

    private async Task<bool> LoadAsync()
    {
        Mine = await talent.MineAsync(UserId, HttpContext.RequestAborted);
        Groups = await talent.AdministeredGroupsAsync(UserId, HttpContext.RequestAborted);
        DistrictList = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync();
        if (Id is not { } id) return true;
        Editing = Mine.FirstOrDefault(e => e.Id == id);
        return Editing is not null;
    }
}

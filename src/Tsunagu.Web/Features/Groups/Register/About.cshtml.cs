using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Register;

public class AboutModel(GroupService groups, UserManager<AppUser> users, CurrentCity city, TsunaguDb db, Text t)
    : RegisterStepModel(groups, users, city)
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public List<SelectListItem> Types { get; private set; } = [];
    public List<Tenancy.District> AllDistricts { get; private set; } = [];

    protected override string NextStep => "activity";

    public class InputModel
    {
        [Display(Name = "団体名")]
        [Required(ErrorMessage = "団体名を入力してください。")]
        [StringLength(100, ErrorMessage = "団体名は100文字以内で入力してください。")]
        public string Name { get; set; } = "";

        [Display(Name = "団体名のふりがな")]
        [Required(ErrorMessage = "ふりがなを入力してください。")]
        [StringLength(200, ErrorMessage = "ふりがなは200文字以内で入力してください。")]
        [RegularExpression(@"^[\p{IsHiragana}ー・\s　0-9０-９A-Za-zＡ-Ｚａ-ｚ]+$", ErrorMessage = "ふりがなはひらがなで入力してください。")]
        public string NameKana { get; set; } = "";

        [Display(Name = "団体の種類")]
        [Required(ErrorMessage = "団体の種類を選んでください。")]
        public GroupType? Type { get; set; }

        [Display(Name = "協議会の地区（まちづくり協議会・地域づくり協議会のとき）")]
        public int? CouncilDistrictId { get; set; }

        [Display(Name = "活動内容")]
        [Required(ErrorMessage = "活動内容を入力してください。")]
        [StringLength(2000, ErrorMessage = "活動内容は2000文字以内で入力してください。")]
        public string Description { get; set; } = "";

        public List<int> Fields { get; set; } = [];
        public List<int> Districts { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new InputModel
        {
            Name = GroupService.IsPlaceholderName(Group.Name) ? "" : Group.Name,
            NameKana = Group.NameKana,
            Type = Group.Status == GroupStatus.Draft && Group.NameKana == "" ? null : Group.Type,
            CouncilDistrictId = Group.CouncilDistrictId,
            Description = Group.Description,
            Fields = Group.Fields.Select(f => f.Field).ToList(),
            Districts = Group.Districts.Select(d => d.DistrictId).ToList(),
        };
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var name = (Input.Name ?? "").Trim();
        if (Input.Fields.Count == 0) ModelState.AddModelError("Input.Fields", t["活動分野を1つ以上選んでください。"]);
        if (Input.Fields.Any(f => ActivityFields.Find(f) is null)) ModelState.AddModelError("Input.Fields", t["活動分野を一覧から選んでください。"]);
        if (Input.Type == GroupType.DistrictCouncil && Input.CouncilDistrictId is null)
            ModelState.AddModelError("Input.CouncilDistrictId", t["協議会の地区を選んでください。"]);
        if (Input.CouncilDistrictId is { } cd && !await db.Districts.AnyAsync(d => d.Id == cd))
            ModelState.AddModelError("Input.CouncilDistrictId", t["この都市の地区を選んでください。"]);
        if (name.Length > 0 && await Groups.NameTakenAsync(name, Group.Id))
            ModelState.AddModelError("Input.Name", t["この名前の団体はすでに登録されています。別の名前にするか、センターにご相談ください。"]);
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync();
            return Page();
        }
        Group.Name = name;
        Group.NameKana = Input.NameKana.Trim();
        Group.Type = Input.Type!.Value;
        Group.CouncilDistrictId = Input.Type == GroupType.DistrictCouncil ? Input.CouncilDistrictId : null;
        Group.Description = Input.Description.Trim();
        await Groups.SaveAsync(Group, Input.Fields, Input.Districts);
        return Next();
    }

    private async Task LoadChoicesAsync()
    {
        Types = [new SelectListItem(t["選んでください"], "")];
        Types.AddRange(Enum.GetValues<GroupType>().Select(g => new SelectListItem(t[GroupTypes.Japanese(g)], g.ToString())));
        AllDistricts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync();
    }
}

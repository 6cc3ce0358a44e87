using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Admin;

[Authorize(Policy = Policies.CityAdmin)]
public class StaffModel(StaffService staff, TsunaguDb db, Text t, TimeProvider clock) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public List<StaffService.StaffRow> Rows { get; private set; } = [];
    public List<SelectListItem> Roles { get; private set; } = [];
    public List<SelectListItem> Departments { get; private set; } = [];

    public class InputModel
    {
        [Display(Name = "メールアドレス")]
        [Required(ErrorMessage = "メールアドレスを入力してください。")]
        [MailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        public string Email { get; set; } = "";

        [Display(Name = "お名前")]
        [Required(ErrorMessage = "お名前を入力してください。")]
        [StringLength(100, ErrorMessage = "お名前は100文字以内で入力してください。")]
        public string DisplayName { get; set; } = "";

        [Display(Name = "役割")]
        [Required(ErrorMessage = "役割を選んでください。")]
        public CityRole? Role { get; set; }

        [Display(Name = "担当課（担当課職員のとき）")]
        public int? DepartmentId { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.Role == CityRole.Citizen) ModelState.AddModelError("Input.Role", t["役割を選んでください。"]);
        if (ModelState.IsValid)
        {
            var result = await staff.GrantAsync(Input.Email.Trim(), Input.DisplayName.Trim(), Input.Role!.Value, Input.DepartmentId);
            switch (result)
            {
                case StaffService.GrantResult.Granted:
                    TempData["Notice"] = "役割を割り当てました。新しいアカウントには招待メールを送りました。";
                    return RedirectToPage();
                case StaffService.GrantResult.AlreadyHeld:
                    ModelState.AddModelError("Input.Role", t["この人はすでにこの役割を持っています。"]);
                    break;
                case StaffService.GrantResult.DepartmentRequired:
                    ModelState.AddModelError("Input.DepartmentId", t["担当課職員には担当課を選んでください。"]);
                    break;
                case StaffService.GrantResult.UnknownDepartment:
                    ModelState.AddModelError("Input.DepartmentId", t["この都市の担当課を選んでください。"]);
                    break;
            }
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int membershipId)
    {
        switch (await staff.RemoveAsync(membershipId))
        {
            case StaffService.RemoveResult.NotFound:
                return NotFound();
            case StaffService.RemoveResult.OwnAdministratorRole:
                TempData["Warning"] = "自分の市管理者の役割は外せません。ほかの市管理者に依頼してください。";
                break;
            default:
                TempData["Notice"] = "役割を外しました。";
                break;
        }
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Rows = await staff.ListAsync();
        Roles = [new SelectListItem(t["選んでください"], "")];
        Roles.AddRange(CityRoles.Granted.Select(r => new SelectListItem(t[CityRoles.Japanese(r)], r.ToString())));
        var english = Text.IsEnglish;
        Departments = [new SelectListItem(t["なし"], "")];
        Departments.AddRange((await db.Departments.AsNoTracking().ActiveOn(Display.Today(clock)).OrderBy(d => d.SortOrder).ToListAsync())
            .Select(d => new SelectListItem(d.DisplayName(english), d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Account;

[Authorize(Policy = Policies.SignedIn)]
public class IndexModel(UserManager<AppUser> users, TsunaguDb db, CityDirectory directory, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public AppUser Me { get; private set; } = default!;
    public List<SelectListItem> Cities { get; private set; } = [];
    public List<(City City, CityRole Role, string? Department)> Memberships { get; private set; } = [];

    public class InputModel
    {
        [Display(Name = "お名前（表示名）")]
        [Required(ErrorMessage = "お名前を入力してください。")]
        [StringLength(100, ErrorMessage = "お名前は100文字以内で入力してください。")]
        public string DisplayName { get; set; } = "";

        [Display(Name = "お住まい・活動している都市")]
        public string? City { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        Input.DisplayName = Me.DisplayName;
        Input.City = Cities.FirstOrDefault(c => c.Selected)?.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return Challenge();
        var city = string.IsNullOrEmpty(Input.City) ? null : await directory.FindAsync(Input.City);
        if (!string.IsNullOrEmpty(Input.City) && city is null) ModelState.AddModelError("Input.City", t["都市を選んでください。"]);
        if (!ModelState.IsValid) return Page();
        Me.DisplayName = Input.DisplayName.Trim();
        Me.HomeCityId = city?.Id;
        await users.UpdateAsync(Me);
        TempData["Notice"] = "プロフィールを保存しました。";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        var me = await users.GetUserAsync(User);
        if (me is null) return false;
        Me = me;
        var cities = await directory.AllAsync();
        Cities = CityChoices.For(cities, t, cities.FirstOrDefault(c => c.Id == me.HomeCityId)?.Slug);
        var rows = await db.CityMemberships.IgnoreQueryFilters().AsNoTracking().Where(m => m.UserId == me.Id)
            .Select(m => new { m.CityId, m.Role, Department = m.Department == null ? null : m.Department.Name }).ToListAsync();
        Memberships = rows.Select(r => (cities.First(c => c.Id == r.CityId), r.Role, r.Department)).ToList();
        return true;
    }
}

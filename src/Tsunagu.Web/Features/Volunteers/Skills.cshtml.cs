using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Volunteers;

/// <summary>Centre staff keep the city's list of volunteer skills.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class SkillsModel(VolunteerService volunteers, TsunaguDb db, CurrentCity city, Text t) : PageModel
{
    [BindProperty]
    [Display(Name = "追加するスキル")]
    [Required(ErrorMessage = "スキルの名前を入力してください。")]
    [StringLength(50, ErrorMessage = "スキルの名前は50文字以内にしてください。")]
    public string? Name { get; set; }

    public List<VolunteerSkill> Skills { get; private set; } = [];
    public Dictionary<int, int> Counts { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        await LoadAsync();
        var name = Name?.Trim();
        if (name is { Length: > 0 } && Skills.Any(s => s.Name == name)) ModelState.AddModelError(nameof(Name), t["「{0}」はすでに一覧にあります。", name]);
        if (!ModelState.IsValid) return Page();
        db.Add(new VolunteerSkill { Name = name!, SortOrder = Skills.Count == 0 ? 1 : Skills.Max(s => s.SortOrder) + 1 });
        await db.SaveChangesAsync();
        TempData["Notice"] = "スキルを追加しました。";
        return Redirect($"/{city.Required.Slug}/admin/volunteers/skills");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id)
    {
        if (await db.Set<VolunteerSkill>().FirstOrDefaultAsync(s => s.Id == id) is not { } skill) return NotFound();
        db.Remove(skill);
        await db.SaveChangesAsync();
        TempData["Notice"] = "スキルを一覧から外しました。";
        return Redirect($"/{city.Required.Slug}/admin/volunteers/skills");
    }

    private async Task LoadAsync()
    {
        Skills = await volunteers.SkillsAsync(HttpContext.RequestAborted);
        Counts = await db.Set<VolunteerSkillChoice>().Where(c => db.Set<Volunteer>().Any(v => v.Id == c.VolunteerId && v.Status != VolunteerStatus.Left))
            .GroupBy(c => c.SkillId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
    }
}

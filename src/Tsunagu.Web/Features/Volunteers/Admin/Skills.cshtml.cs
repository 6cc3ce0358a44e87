using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Volunteers.Admin;

/// <summary>Centre staff keep the city's list of volunteer skills.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class SkillsModel(VolunteerService volunteers, TsunaguDb db, CurrentCity city) : PageModel
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
        if (ModelState.IsValid) ModelState.AddProblems(await volunteers.AddSkillAsync(Name!, HttpContext.RequestAborted), prefix: null);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = "スキルを追加しました。";
        return Redirect($"/{city.Required.Slug}/admin/volunteers/skills");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id)
    {
        if (!await volunteers.RemoveSkillAsync(id, HttpContext.RequestAborted)) return NotFound();
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

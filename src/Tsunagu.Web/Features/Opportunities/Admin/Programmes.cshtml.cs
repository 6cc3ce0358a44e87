using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities.Admin;

/// <summary>Centre staff keep the city's programmes that opportunities belong to and matchings are counted under.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class ProgrammesModel(OpportunityService opportunities, TsunaguDb db, CurrentCity city, Text t) : PageModel
{
    [BindProperty]
    [Display(Name = "名前")]
    [Required(ErrorMessage = "制度・プログラムの名前を入力してください。")]
    [StringLength(100, ErrorMessage = "名前は100文字以内にしてください。")]
    public string? Name { get; set; }

    [BindProperty]
    [Display(Name = "説明")]
    [StringLength(500, ErrorMessage = "説明は500文字以内にしてください。")]
    public string? Description { get; set; }

    public List<Programme> Programmes { get; private set; } = [];
    public Dictionary<int, int> Counts { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        await LoadAsync();
        var name = Name?.Trim();
        if (name is { Length: > 0 } && Programmes.Any(p => p.Name == name)) ModelState.AddModelError(nameof(Name), t["「{0}」はすでにあります。", name]);
        if (!ModelState.IsValid) return Page();
        db.Add(new Programme { Name = name!, Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), SortOrder = Programmes.Count + 1 });
        await db.SaveChangesAsync();
        TempData["Notice"] = "制度・プログラムを追加しました。";
        return Redirect($"/{city.Required.Slug}/admin/volunteers/programmes");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id)
    {
        if (await db.Set<Programme>().FirstOrDefaultAsync(p => p.Id == id) is not { } programme) return NotFound();
        // Past matchings keep their programme for the counts; only an unused programme goes.
        if (await db.Set<ShiftApplication>().AnyAsync(a => a.ProgrammeId == id) || await db.Set<Opportunity>().AnyAsync(o => o.ProgrammeId == id))
        {
            TempData["Notice"] = "募集やマッチングに使われている制度・プログラムは削除できません。";
            return Redirect($"/{city.Required.Slug}/admin/volunteers/programmes");
        }
        db.Remove(programme);
        await db.SaveChangesAsync();
        TempData["Notice"] = "制度・プログラムを削除しました。";
        return Redirect($"/{city.Required.Slug}/admin/volunteers/programmes");
    }

    private async Task LoadAsync()
    {
        Programmes = await opportunities.ProgrammesAsync(HttpContext.RequestAborted);
        Counts = await db.Set<Opportunity>().Where(o => o.ProgrammeId != null).GroupBy(o => o.ProgrammeId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
    }
}

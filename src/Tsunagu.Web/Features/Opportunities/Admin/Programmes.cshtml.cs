using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities.Admin;

/// <summary>Centre staff keep the city's programmes that opportunities belong to and matchings are counted under.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class ProgrammesModel(OpportunityService opportunities, TsunaguDb db, CurrentCity city) : PageModel
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
        if (ModelState.IsValid) ModelState.AddProblems(await opportunities.AddProgrammeAsync(Name!, Description, HttpContext.RequestAborted), prefix: null);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = "制度・プログラムを追加しました。";
        return Redirect($"/{city.Required.Slug}/admin/volunteers/programmes");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id)
    {
        if (await opportunities.RemoveProgrammeAsync(id, HttpContext.RequestAborted) is not { } problems) return NotFound();
        TempData["Notice"] = problems.Ok ? "制度・プログラムを削除しました。" : problems.Summary;
        return Redirect($"/{city.Required.Slug}/admin/volunteers/programmes");
    }

    private async Task LoadAsync()
    {
        Programmes = await opportunities.ProgrammesAsync(HttpContext.RequestAborted);
        Counts = await db.Set<Opportunity>().Where(o => o.ProgrammeId != null).GroupBy(o => o.ProgrammeId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
    }
}

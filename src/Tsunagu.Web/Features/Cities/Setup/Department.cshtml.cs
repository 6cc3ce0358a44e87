using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Cities.Setup;

/// <summary>One department: its details, and its hand-over when city hall merges or renames it.</summary>
[Authorize(Policy = Policies.CityAdmin)]
public class DepartmentModel(CitySetup setup, TsunaguDb db, CurrentCity city, Text t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public DepartmentForm Input { get; set; } = new();
    [BindProperty] public HandOverForm HandOver { get; set; } = new();

    public class HandOverForm
    {
        [Display(Name = "最後の日")]
        public DateOnly? LastDay { get; set; }

        [Display(Name = "引き継ぐ担当課")]
        public int? SuccessorId { get; set; }

        [Display(Name = "新しい名称（名称変更のとき）")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? NewName { get; set; }
    }

    public Department Department { get; private set; } = default!;
    public string? Successor { get; private set; }
    public List<string> Predecessors { get; private set; } = [];
    public int Items { get; private set; }
    public int Staff { get; private set; }
    public List<SelectListItem> Successors { get; private set; } = [];
    public bool CanHandOver => Department.SuccessorId is null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = DepartmentForm.Of(Department);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        // Both forms are bound on every post (the one not sent from the empty prefix): only the sent one is checked.
        ModelState.KeepOnly(nameof(Input));
        if (!ModelState.IsValid) return Page();
        var saved = await setup.SaveDepartmentAsync(Id, Input.ToInput(), HttpContext.RequestAborted);
        if (!saved.Ok)
        {
            ModelState.AddProblems(saved.Problems);
            return Page();
        }
        TempData["Notice"] = t["「{0}」を保存しました。", saved.Value!.Name];
        return Redirect($"/{city.Required.Slug}/admin/setup/departments/{Id}");
    }

    public async Task<IActionResult> OnPostHandOverAsync()
    {
        if (!await LoadAsync()) return NotFound();
        ModelState.KeepOnly(nameof(HandOver));
        Input = DepartmentForm.Of(Department);
        if (HandOver.LastDay is null) ModelState.AddModelError("HandOver.LastDay", t["最後の日を入力してください。"]);
        if (!ModelState.IsValid) return Page();
        var result = await setup.HandOverAsync(Id, HandOver.SuccessorId, HandOver.NewName, HandOver.LastDay!.Value, HttpContext.RequestAborted);
        if (!result.Ok)
        {
            ModelState.AddProblems(result.Problems, "HandOver");
            return Page();
        }
        TempData["Notice"] = t["「{0}」の仕事を「{1}」が引き継ぎました。", Department.Name, result.Value!.Name];
        return Redirect($"/{city.Required.Slug}/admin/setup/departments/{result.Value.Id}");
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == Id, ct) is not { } department) return false;
        Department = department;
        var all = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(ct);
        Successor = all.FirstOrDefault(d => d.Id == department.SuccessorId)?.Name;
        Predecessors = [.. all.Where(d => d.SuccessorId == department.Id).Select(d => d.Name)];
        Items = await db.Set<PlanNodeDepartment>().CountAsync(d => d.DepartmentId == Id, ct);
        Staff = await db.CityMemberships.CountAsync(m => m.DepartmentId == Id, ct);
        var today = Display.Today(clock);
        Successors = [new SelectListItem(t["（新しい担当課を作る）"], ""), .. all.Where(d => d.Id != Id && (d.ActiveTo is null || d.ActiveTo >= today))
            .Select(d => new SelectListItem(d.DisplayName(Text.IsEnglish), d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Id == HandOver.SuccessorId))];
        return true;
    }
}

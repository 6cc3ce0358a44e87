using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Cities.Setup;

/// <summary>The city's departments, past and present, and a form to add one.</summary>
[Authorize(Policy = Policies.CityAdmin)]
public class DepartmentsModel(CitySetup setup, TsunaguDb db, CurrentCity city, Text t, TimeProvider clock) : PageModel
{
    [BindProperty] public DepartmentForm Input { get; set; } = new();

    public List<Department> Departments { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public string? SuccessorName(Department d) => Departments.FirstOrDefault(s => s.Id == d.SuccessorId)?.Name;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.SortOrder = Departments.Count == 0 ? 10 : Departments.Max(d => d.SortOrder) + 10;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var saved = await setup.SaveDepartmentAsync(null, Input.ToInput(), HttpContext.RequestAborted);
            if (saved.Ok)
            {
                TempData["Notice"] = t["「{0}」を追加しました。", saved.Value!.Name];
                return Redirect($"/{city.Required.Slug}/admin/setup/departments");
            }
            ModelState.AddProblems(saved.Problems);
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Today = Display.Today(clock);
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(HttpContext.RequestAborted);
    }
}

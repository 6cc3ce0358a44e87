using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Admin;

/// <summary>A plan manager edits one node of a plan in place: its text, departments, actors and yearly plan.</summary>
[Authorize(Policy = Policies.PlanManager)]
public class NodeModel(PlanService plans, PlanEditing editing, TsunaguDb db, CurrentCity city, Text t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "名前")]
        [Required(ErrorMessage = "名前を入力してください。")]
        [StringLength(500, ErrorMessage = "名前は500文字以内にしてください。")]
        public string Title { get; set; } = "";

        [Display(Name = "種別")]
        [StringLength(10, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Kind { get; set; }

        [Display(Name = "ねらい")]
        [StringLength(2000, ErrorMessage = "ねらいは2000文字以内にしてください。")]
        public string? Aim { get; set; }

        [Display(Name = "目的")]
        [StringLength(2000, ErrorMessage = "目的は2000文字以内にしてください。")]
        public string? Purpose { get; set; }

        [Display(Name = "内容")]
        [StringLength(4000, ErrorMessage = "内容は4000文字以内にしてください。")]
        public string? Content { get; set; }

        [Display(Name = "完了の目安")]
        [StringLength(2000, ErrorMessage = "完了の目安は2000文字以内にしてください。")]
        public string? Completion { get; set; }

        [Display(Name = "重点項目")]
        public bool Priority { get; set; }

        public List<int> Departments { get; set; } = [];
        public List<TargetActors> Actors { get; set; } = [];
        public Dictionary<int, string?> Years { get; set; } = [];
    }

    [BindProperty]
    [Display(Name = "追加する項目の番号")]
    public string? NewRef { get; set; }

    [BindProperty]
    [Display(Name = "追加する項目の名前")]
    public string? NewTitle { get; set; }

    public Plan Plan { get; private set; } = default!;
    public bool CanAddChild => PlanEditing.CanAddChild(Plan, Node);
    public bool CanDelete { get; private set; }
    public PlanNode Node { get; private set; } = default!;
    public List<Department> CityDepartments { get; private set; } = [];
    public List<SelectListItem> Kinds => [new(t["（なし）"], ""), .. PlanVocabulary.Kinds.Select(k => new SelectListItem(t[k], k))];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        FillInput();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var edit = new PlanEditing.NodeEdit(Input.Title, Input.Kind, Input.Aim, Input.Purpose, Input.Content, Input.Completion, Input.Priority,
            Input.Departments, Input.Actors, Input.Years);
        // Every problem at once: the form's own checks and the plan's rules.
        ModelState.AddProblems(ModelState.IsValid ? await editing.SaveNodeAsync(Plan, Node, edit, HttpContext.RequestAborted) : await editing.CheckNodeAsync(Plan, edit, HttpContext.RequestAborted));
        if (!ModelState.IsValid) return Page();
        TempData["Notice"] = "項目を保存しました。";
        return Redirect($"/{city.Required.Slug}/admin/plans/{Key}/edit#node-{Node.Id}");
    }

    /// <summary>Adds an item below this node (a plan can gain a measure mid-period), at the end of its children.</summary>
    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!await LoadAsync()) return NotFound();
        ModelState.Clear();
        var added = await editing.AddChildAsync(Plan, Node, NewRef, NewTitle, HttpContext.RequestAborted);
        if (added is not { Ok: true, Value: { } child })
        {
            ModelState.AddProblems(added.Problems, prefix: null);
            FillInput();
            return Page();
        }
        TempData["Notice"] = "項目を追加しました。担当課や年次計画を入力してください。";
        return Redirect($"/{city.Required.Slug}/admin/plans/{Key}/nodes/{child.Id}");
    }

    /// <summary>Deletes an item nothing refers to yet: no items below it, no reports, no indicators, not listed again.</summary>
    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var problems = await editing.DeleteNodeAsync(Node, HttpContext.RequestAborted);
        if (!problems.Ok)
        {
            ModelState.AddProblems(problems);
            FillInput();
            return Page();
        }
        TempData["Notice"] = "項目を削除しました。";
        return Redirect($"/{city.Required.Slug}/admin/plans/{Key}/edit");
    }

    private void FillInput() => Input = new InputModel
    {
        Title = Node.Title,
        Kind = Node.Kind,
        Aim = Node.Aim,
        Purpose = Node.Purpose,
        Content = Node.Content,
        Completion = Node.Completion,
        Priority = Node.Priority,
        Departments = Node.Departments.Select(d => d.DepartmentId).ToList(),
        Actors = PlanVocabulary.Actors.Where(a => Node.Actors.HasFlag(a.Actor)).Select(a => a.Actor).ToList(),
        Years = Plan.Years.ToDictionary(y => y, y => Node.Years.FirstOrDefault(w => w.FiscalYear == y)?.Word),
    };

    private async Task<bool> LoadAsync()
    {
        if (await plans.FindAsync(Key, HttpContext.RequestAborted) is not { } plan) return false;
        if (await db.Set<PlanNode>().Include(n => n.Departments).Include(n => n.Years).FirstOrDefaultAsync(n => n.Id == Id && n.PlanId == plan.Id) is not { } node) return false;
        (Plan, Node) = (plan, node);
        // The departments that exist today, and any the item still names from before (so saving keeps them).
        var active = await editing.ActiveDepartmentsAsync(Display.Today(clock), HttpContext.RequestAborted);
        var named = node.Departments.Select(d => d.DepartmentId).Where(id => active.All(a => a.Id != id)).ToList();
        CityDepartments = named.Count == 0 ? active
            : [.. active, .. await db.Departments.AsNoTracking().Where(d => named.Contains(d.Id)).OrderBy(d => d.SortOrder).ToListAsync(HttpContext.RequestAborted)];
        CanDelete = await editing.CanDeleteAsync(node, HttpContext.RequestAborted);
        return true;
    }

}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Manage;

/// <summary>A plan manager edits one node of a plan in place: its text, departments, actors and yearly plan.</summary>
[Authorize(Policy = Policies.PlanManager)]
public class NodeModel(PlanService plans, TsunaguDb db, CurrentCity city, Text t) : PageModel
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
        public string? Kind { get; set; }

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
    public bool CanAddChild => Node.Depth + 1 < Plan.LevelNames.Count;
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
        if (Input.Kind is { Length: > 0 } kind && !PlanVocabulary.Kinds.Contains(kind)) ModelState.AddModelError("Input.Kind", t["種別は一覧から選んでください。"]);
        if (Input.Departments.Any(d => CityDepartments.All(c => c.Id != d))) ModelState.AddModelError("Input.Departments", t["担当課は一覧から選んでください。"]);
        foreach (var (year, word) in Input.Years)
        {
            if (!Plan.Years.Contains(year)) ModelState.AddModelError("Input.Years", t["計画期間の外の年度があります。"]);
            else if (word is { Length: > 0 } && !PlanVocabulary.YearlyWords.Contains(word)) ModelState.AddModelError("Input.Years", t["年次計画は一覧から選んでください。"]);
        }
        if (!ModelState.IsValid) return Page();

        Node.Title = Input.Title.Trim();
        Node.Kind = Input.Kind is { Length: > 0 } ? Input.Kind : null;
        Node.Aim = Clean(Input.Aim);
        Node.Purpose = Clean(Input.Purpose);
        Node.Content = Clean(Input.Content);
        Node.Completion = Clean(Input.Completion);
        Node.Priority = Input.Priority;
        Node.Actors = Input.Actors.Aggregate(TargetActors.None, (all, a) => all | a);
        Node.Departments.RemoveAll(d => !Input.Departments.Contains(d.DepartmentId));
        foreach (var d in Input.Departments.Distinct().Where(d => Node.Departments.All(x => x.DepartmentId != d)))
            Node.Departments.Add(new PlanNodeDepartment { NodeId = Node.Id, DepartmentId = d, SortOrder = Node.Departments.Count == 0 ? 1 : Node.Departments.Max(x => x.SortOrder) + 1 });
        Node.Years.RemoveAll(y => !Input.Years.TryGetValue(y.FiscalYear, out var w) || string.IsNullOrEmpty(w));
        foreach (var (year, word) in Input.Years.Where(y => !string.IsNullOrEmpty(y.Value)))
        {
            if (Node.Years.FirstOrDefault(y => y.FiscalYear == year) is { } existing) existing.Word = word!;
            else Node.Years.Add(new PlanNodeYear { NodeId = Node.Id, FiscalYear = year, Word = word! });
        }
        await db.SaveChangesAsync();
        TempData["Notice"] = "項目を保存しました。";
        return Redirect($"/{city.Required.Slug}/admin/plans/{Key}/edit#node-{Node.Id}");
    }

    /// <summary>Adds an item below this node (a plan can gain a measure mid-period), at the end of its children.</summary>
    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!await LoadAsync()) return NotFound();
        ModelState.Clear();
        var reference = NewRef?.Trim() ?? "";
        if (!CanAddChild) ModelState.AddModelError(nameof(NewRef), t["この階層の下には項目を追加できません。"]);
        if (reference.Length == 0) ModelState.AddModelError(nameof(NewRef), t["番号を入力してください。"]);
        else if (reference.Length > 50) ModelState.AddModelError(nameof(NewRef), t["番号は50文字以内にしてください。"]);
        else if (await db.Set<PlanNode>().AnyAsync(n => n.PlanId == Plan.Id && n.Ref == reference)) ModelState.AddModelError(nameof(NewRef), t["番号「{0}」はこの計画にすでにあります。", reference]);
        if (string.IsNullOrWhiteSpace(NewTitle)) ModelState.AddModelError(nameof(NewTitle), t["名前を入力してください。"]);
        else if (NewTitle.Length > 500) ModelState.AddModelError(nameof(NewTitle), t["名前は500文字以内にしてください。"]);
        if (!ModelState.IsValid) { FillInput(); return Page(); }
        var last = await db.Set<PlanNode>().Where(n => n.PlanId == Plan.Id).MaxAsync(n => n.SortOrder);
        var child = new PlanNode { PlanId = Plan.Id, ParentId = Node.Id, Depth = Node.Depth + 1, SortOrder = last + 1, Ref = reference, Title = NewTitle!.Trim() };
        db.Add(child);
        await db.SaveChangesAsync();
        TempData["Notice"] = "項目を追加しました。担当課や年次計画を入力してください。";
        return Redirect($"/{city.Required.Slug}/admin/plans/{Key}/nodes/{child.Id}");
    }

    /// <summary>Deletes an item nothing refers to yet: no items below it, no reports, no indicators, not listed again.</summary>
    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!CanDelete)
        {
            ModelState.AddModelError("", t["下の項目・進捗報告・成果指標・再掲のいずれかがあるため、この項目は削除できません。"]);
            FillInput();
            return Page();
        }
        db.Remove(Node);
        await db.SaveChangesAsync();
        TempData["Notice"] = "項目を削除しました。";
        return Redirect($"/{city.Required.Slug}/admin/plans/{Key}/edit");
    }

    private void FillInput() => Input = new InputModel
    {
        Title = Node.Title, Kind = Node.Kind, Aim = Node.Aim, Purpose = Node.Purpose, Content = Node.Content, Completion = Node.Completion, Priority = Node.Priority,
        Departments = Node.Departments.Select(d => d.DepartmentId).ToList(),
        Actors = PlanVocabulary.Actors.Where(a => Node.Actors.HasFlag(a.Actor)).Select(a => a.Actor).ToList(),
        Years = Plan.Years.ToDictionary(y => y, y => Node.Years.FirstOrDefault(w => w.FiscalYear == y)?.Word),
    };

    private async Task<bool> LoadAsync()
    {
        if (await plans.FindAsync(Key, HttpContext.RequestAborted) is not { } plan) return false;
        if (await db.Set<PlanNode>().Include(n => n.Departments).Include(n => n.Years).FirstOrDefaultAsync(n => n.Id == Id && n.PlanId == plan.Id) is not { } node) return false;
        (Plan, Node) = (plan, node);
        CityDepartments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync();
        CanDelete = !await db.Set<PlanNode>().AnyAsync(n => n.ParentId == node.Id)
            && !await db.Set<Rounds.ProgressReport>().AnyAsync(r => r.NodeId == node.Id)
            && !await db.Set<Indicator>().AnyAsync(i => i.NodeId == node.Id)
            && !await db.Set<PlanNodeRepeat>().AnyAsync(r => r.NodeId == node.Id || r.ParentId == node.Id)
            && !await db.Set<Rounds.CouncilEvaluation>().AnyAsync(e => e.NodeId == node.Id);
        return true;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

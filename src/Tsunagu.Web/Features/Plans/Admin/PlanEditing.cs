using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Admin;

/// <summary>A plan manager's changes to a published plan's items, in place: each rule checked here, not in the page.</summary>
public class PlanEditing(TsunaguDb db, Text t)
{
    /// <summary>What the manager may change on an item (the plan file's fields).</summary>
    public sealed record NodeEdit(
        string Title, string? Kind, string? Aim, string? Purpose, string? Content, string? Completion, bool Priority,
        IReadOnlyList<int> Departments, IReadOnlyList<TargetActors> Actors, IReadOnlyDictionary<int, string?> Years);

    /// <summary>What is wrong with an edit: words and departments from their lists, years within the plan's period.</summary>
    public async Task<Problems> CheckNodeAsync(Plan plan, NodeEdit edit, CancellationToken ct = default)
    {
        var problems = new Problems();
        if (edit.Kind is { Length: > 0 } kind && !PlanVocabulary.Kinds.Contains(kind)) problems.Add("Kind", t["種別は一覧から選んでください。"]);
        var departments = await db.Departments.Select(d => d.Id).ToListAsync(ct);
        if (edit.Departments.Any(d => !departments.Contains(d))) problems.Add("Departments", t["担当課は一覧から選んでください。"]);
        foreach (var (year, word) in edit.Years)
        {
            if (!plan.Years.Contains(year)) problems.Add("Years", t["計画期間の外の年度があります。"]);
            else if (word is { Length: > 0 } && !PlanVocabulary.YearlyWords.Contains(word)) problems.Add("Years", t["年次計画は一覧から選んでください。"]);
        }
        return problems;
    }

    public async Task<Problems> SaveNodeAsync(Plan plan, PlanNode node, NodeEdit edit, CancellationToken ct = default)
    {
        var problems = await CheckNodeAsync(plan, edit, ct);
        if (!problems.Ok) return problems;

        node.Title = edit.Title.Trim();
        node.Kind = edit.Kind is { Length: > 0 } ? edit.Kind : null;
        node.Aim = Clean(edit.Aim);
        node.Purpose = Clean(edit.Purpose);
        node.Content = Clean(edit.Content);
        node.Completion = Clean(edit.Completion);
        node.Priority = edit.Priority;
        node.Actors = edit.Actors.Aggregate(TargetActors.None, (all, a) => all | a);
        node.Departments.RemoveAll(d => !edit.Departments.Contains(d.DepartmentId));
        foreach (var d in edit.Departments.Distinct().Where(d => node.Departments.All(x => x.DepartmentId != d)))
            node.Departments.Add(new PlanNodeDepartment { NodeId = node.Id, DepartmentId = d, SortOrder = node.Departments.Count == 0 ? 1 : node.Departments.Max(x => x.SortOrder) + 1 });
        node.Years.RemoveAll(y => !edit.Years.TryGetValue(y.FiscalYear, out var w) || string.IsNullOrEmpty(w));
        foreach (var (year, word) in edit.Years.Where(y => !string.IsNullOrEmpty(y.Value)))
        {
            if (node.Years.FirstOrDefault(y => y.FiscalYear == year) is { } existing) existing.Word = word!;
            else node.Years.Add(new PlanNodeYear { NodeId = node.Id, FiscalYear = year, Word = word! });
        }
        await db.SaveChangesAsync(ct);
        return problems;
    }

    /// <summary>
    /// Adds one department to many items at once (the manager's answer to "these items have no department"). Only items
    /// of this plan at the bottom of the tree, and only a department that exists today; an item that already names the
    /// department keeps it once.
    /// </summary>
    public async Task<Result<int>> AssignDepartmentAsync(Plan plan, IReadOnlyCollection<int> nodeIds, int? departmentId, DateOnly today, CancellationToken ct = default)
    {
        var problems = new Problems();
        if (nodeIds.Count == 0) problems.Add("NodeIds", t["担当課を割り当てる項目を選んでください。"]);
        var department = departmentId is { } id ? await db.Departments.FirstOrDefaultAsync(d => d.Id == id, ct) : null;
        if (department is null) problems.Add("DepartmentId", t["担当課を一覧から選んでください。"]);
        else if (!(await ActiveDepartmentsAsync(today, ct)).Any(d => d.Id == department.Id)) problems.Add("DepartmentId", t["「{0}」は今はない課です。今ある課を選んでください。", department.Name]);
        if (!problems.Ok) return problems;

        var items = await db.Set<PlanNode>().Include(n => n.Departments)
            .Where(n => n.PlanId == plan.Id && nodeIds.Contains(n.Id) && !db.Set<PlanNode>().Any(c => c.ParentId == n.Id))
            .ToListAsync(ct);
        if (items.Count != nodeIds.Distinct().Count()) return Problems.Of("NodeIds", t["この計画の項目（いちばん下の階層）だけを選んでください。"]);
        foreach (var item in items.Where(n => n.Departments.All(d => d.DepartmentId != department!.Id)))
            item.Departments.Add(new PlanNodeDepartment { NodeId = item.Id, DepartmentId = department!.Id, SortOrder = item.Departments.Count == 0 ? 1 : item.Departments.Max(x => x.SortOrder) + 1 });
        await db.SaveChangesAsync(ct);
        return items.Count;
    }

    /// <summary>The departments that exist on a day, in the city's order: the ones a manager may give an item.</summary>
    public Task<List<Tenancy.Department>> ActiveDepartmentsAsync(DateOnly today, CancellationToken ct = default) =>
        db.Departments.AsNoTracking().ActiveOn(today).OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(ct);

    public static bool CanAddChild(Plan plan, PlanNode node) => node.Depth + 1 < plan.LevelNames.Count;

    /// <summary>Adds an item below a node (a plan can gain a measure mid-period), at the end of the plan's order.</summary>
    public async Task<Result<PlanNode>> AddChildAsync(Plan plan, PlanNode parent, string? reference, string? title, CancellationToken ct = default)
    {
        var problems = new Problems();
        reference = reference?.Trim() ?? "";
        if (!CanAddChild(plan, parent)) problems.Add("NewRef", t["この階層の下には項目を追加できません。"]);
        if (reference.Length == 0) problems.Add("NewRef", t["番号を入力してください。"]);
        else if (reference.Length > 50) problems.Add("NewRef", t["番号は50文字以内にしてください。"]);
        else if (await db.Set<PlanNode>().AnyAsync(n => n.PlanId == plan.Id && n.Ref == reference, ct)) problems.Add("NewRef", t["番号「{0}」はこの計画にすでにあります。", reference]);
        if (string.IsNullOrWhiteSpace(title)) problems.Add("NewTitle", t["名前を入力してください。"]);
        else if (title.Length > 500) problems.Add("NewTitle", t["名前は500文字以内にしてください。"]);
        if (!problems.Ok) return problems;
        var last = await db.Set<PlanNode>().Where(n => n.PlanId == plan.Id).MaxAsync(n => n.SortOrder, ct);
        var child = new PlanNode { PlanId = plan.Id, ParentId = parent.Id, Depth = parent.Depth + 1, SortOrder = last + 1, Ref = reference, Title = title!.Trim() };
        db.Add(child);
        await db.SaveChangesAsync(ct);
        return child;
    }

    /// <summary>An item can go only while nothing refers to it: no items below it, no reports, indicators, repeats or evaluations.</summary>
    public async Task<bool> CanDeleteAsync(PlanNode node, CancellationToken ct = default) =>
        !await db.Set<PlanNode>().AnyAsync(n => n.ParentId == node.Id, ct)
        && !await db.Set<Rounds.ProgressReport>().AnyAsync(r => r.NodeId == node.Id, ct)
        && !await db.Set<Indicator>().AnyAsync(i => i.NodeId == node.Id, ct)
        && !await db.Set<PlanNodeRepeat>().AnyAsync(r => r.NodeId == node.Id || r.ParentId == node.Id, ct)
        && !await db.Set<Rounds.CouncilEvaluation>().AnyAsync(e => e.NodeId == node.Id, ct);

    /// <summary>Deletes an item nothing refers to yet.</summary>
    public async Task<Problems> DeleteNodeAsync(PlanNode node, CancellationToken ct = default)
    {
        if (!await CanDeleteAsync(node, ct))
            return Problems.Of("", t["下の項目・進捗報告・成果指標・再掲のいずれかがあるため、この項目は削除できません。"]);
        db.Remove(node);
        await db.SaveChangesAsync(ct);
        return Problems.None;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

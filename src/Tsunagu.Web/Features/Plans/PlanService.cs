using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Features.Plans;

/// <summary>Reads plans as trees: for the public pages, the API and the export.</summary>
public class PlanService(TsunaguDb db, IndicatorSources sources)
{
    /// <summary>A node where it stands in the tree; a 【再掲】 place shows the original node again.</summary>
    public sealed record TreeNode(PlanNode Node, IReadOnlyList<string> Departments, IReadOnlyList<TreeNode> Children, bool IsRepeat, string? ListedRef)
    {
        public string ShownRef => ListedRef ?? Node.Ref;
    }

    public sealed record IndicatorView(Indicator Indicator, string? NodeRef, IReadOnlyList<(int Year, decimal? Actual)> Years);

    public sealed record PlanTree(Plan Plan, IReadOnlyList<TreeNode> Roots, int NodeCount, IReadOnlyList<IndicatorView> Indicators);

    public Task<List<Plan>> ListAsync(CancellationToken ct = default) =>
        db.Set<Plan>().AsNoTracking().OrderByDescending(p => p.EndYear).ThenBy(p => p.Title).ToListAsync(ct);

    public Task<Plan?> FindAsync(string key, CancellationToken ct = default) =>
        db.Set<Plan>().AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct);

    public async Task<PlanTree?> TreeAsync(string key, bool withIndicators = true, CancellationToken ct = default)
    {
        var plan = await FindAsync(key, ct);
        return plan is null ? null : await TreeAsync(plan, withIndicators, ct);
    }

    /// <summary>The tree as the plan manager's indicator page shows it: with the retired indicators too.</summary>
    public async Task<PlanTree?> TreeWithRetiredAsync(string key, CancellationToken ct = default)
    {
        var plan = await FindAsync(key, ct);
        return plan is null ? null : await BuildAsync(plan, withIndicators: true, withRetired: true, ct);
    }

    /// <summary>
    /// The plan's tree; with its indicators' yearly actuals unless a page does not show them (computing them asks every
    /// source). Retired indicators are left out but for the manager's page.
    /// </summary>
    public Task<PlanTree> TreeAsync(Plan plan, bool withIndicators = true, CancellationToken ct = default) =>
        BuildAsync(plan, withIndicators, withRetired: false, ct);

    private async Task<PlanTree> BuildAsync(Plan plan, bool withIndicators, bool withRetired, CancellationToken ct)
    {
        var nodes = await db.Set<PlanNode>().AsNoTracking().Where(n => n.PlanId == plan.Id)
            .Include(n => n.Departments).Include(n => n.Years).OrderBy(n => n.SortOrder).AsSplitQuery().ToListAsync(ct);
        var ids = nodes.Select(n => n.Id).ToList();
        var repeats = await db.Set<PlanNodeRepeat>().AsNoTracking().Where(r => ids.Contains(r.ParentId)).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var byId = nodes.ToDictionary(n => n.Id);
        var childrenOf = nodes.ToLookup(n => n.ParentId);
        var repeatsOf = repeats.ToLookup(r => r.ParentId);

        TreeNode Build(PlanNode node, bool isRepeat, string? listedRef)
        {
            var children = isRepeat ? [] : childrenOf[node.Id].Select(c => (c.SortOrder, Tree: (Func<TreeNode>)(() => Build(c, false, null))))
                .Concat(repeatsOf[node.Id].Select(r => (r.SortOrder, Tree: (Func<TreeNode>)(() => Build(byId[r.NodeId], true, r.ListedRef)))))
                .OrderBy(x => x.SortOrder).Select(x => x.Tree()).ToList();
            var names = node.Departments.OrderBy(d => d.SortOrder).Select(d => departments.GetValueOrDefault(d.DepartmentId, "")).Where(n => n.Length > 0).ToList();
            return new TreeNode(node, names, children, isRepeat, listedRef);
        }

        var roots = nodes.Where(n => n.ParentId is null).Select(n => Build(n, false, null)).ToList();
        var views = new List<IndicatorView>();
        if (!withIndicators) return new PlanTree(plan, roots, nodes.Count, views);
        var indicators = await db.Set<Indicator>().AsNoTracking().Where(i => i.PlanId == plan.Id && (withRetired || i.RetiredAt == null)).Include(i => i.Actuals).OrderBy(i => i.SortOrder).ToListAsync(ct);
        foreach (var i in indicators)
        {
            var years = new List<(int, decimal?)>();
            for (var y = Math.Min(i.BaselineYear, plan.StartYear); y <= Math.Max(i.TargetYear, plan.EndYear); y++)
                // The baseline (現状値) is that year's measured value when nothing else was recorded for it.
                years.Add((y, await sources.ActualAsync(i, y, ct) ?? (y == i.BaselineYear ? i.BaselineValue : null)));
            views.Add(new IndicatorView(i, i.NodeId is { } n && byId.TryGetValue(n, out var node) ? node.Ref : null, years));
        }
        return new PlanTree(plan, roots, nodes.Count, views);
    }

    /// <summary>The plan in its import format: importing the result gives the same plan back.</summary>
    public static PlanFile Export(PlanTree tree)
    {
        var plan = tree.Plan;
        string Year(int y) => JapaneseDates.ToShortEra(new FiscalYear(y));
        NodeFile ToFile(TreeNode t)
        {
            if (t.IsRepeat) return new NodeFile { RepeatOf = t.Node.Ref, Ref = t.ListedRef };
            var n = t.Node;
            return new NodeFile
            {
                Ref = n.Ref,
                Title = n.Title,
                Aim = n.Aim,
                Kind = n.Kind,
                Departments = t.Departments.Count > 0 ? t.Departments.ToList() : null,
                Actors = n.Actors == TargetActors.None ? null : PlanVocabulary.ActorNames(n.Actors).ToList(),
                Purpose = n.Purpose,
                Content = n.Content,
                Completion = n.Completion,
                Priority = n.Priority ? true : null,
                Pillars = n.Pillars?.Split('、').ToList(),
                Roles = n.Roles is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(n.Roles, PlanFile.Json),
                Yearly = n.Years.Count > 0 ? n.Years.OrderBy(y => y.FiscalYear).ToDictionary(y => Year(y.FiscalYear), y => y.Word) : null,
                Children = t.Children.Count > 0 ? t.Children.Select(ToFile).ToList() : null,
            };
        }
        return new PlanFile
        {
            Format = PlanFile.FormatName,
            Key = plan.Key,
            Title = plan.Title,
            Period = new PeriodFile { From = Year(plan.StartYear), To = Year(plan.EndYear) },
            Levels = plan.LevelNames.ToList(),
            Grades = plan.OwnGrades(),
            Source = plan.Source,
            Nodes = tree.Roots.Select(ToFile).ToList(),
            Indicators = tree.Indicators.Count == 0 ? null : tree.Indicators.Select(v => new IndicatorFile
            {
                Node = v.NodeRef,
                Name = v.Indicator.Name,
                Unit = v.Indicator.Unit,
                Kind = IndicatorKinds.Code(v.Indicator.Kind),
                Direction = v.Indicator.Direction == IndicatorDirection.Higher ? "higher" : "lower",
                Baseline = new YearValueFile { Year = Year(v.Indicator.BaselineYear), Value = v.Indicator.BaselineValue },
                Target = new YearValueFile { Year = Year(v.Indicator.TargetYear), Value = v.Indicator.TargetValue },
                Source = v.Indicator.Source,
                Parameters = v.Indicator.SourceParameters,
                Actuals = Actuals(v) is { Count: > 0 } actuals ? actuals : null,
                Note = v.Indicator.Note,
            }).ToList(),
        };

        // What the manager entered; a computed indicator's figures as Tsunagu counts them (an import leaves them aside).
        Dictionary<string, decimal> Actuals(IndicatorView v) => IndicatorSources.IsEntered(v.Indicator.Source)
            ? v.Indicator.Actuals.OrderBy(a => a.FiscalYear).ToDictionary(a => Year(a.FiscalYear), a => a.Value)
            : v.Years.Where(y => y.Actual is not null && y.Year != v.Indicator.BaselineYear).ToDictionary(y => Year(y.Year), y => y.Actual!.Value);
    }
}

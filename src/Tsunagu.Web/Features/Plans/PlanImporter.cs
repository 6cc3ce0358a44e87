using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Features.Plans;

/// <summary>
/// Reads a plan file (docs/plan-format.md), reports every problem with where it is, and writes the plan, its tree,
/// its yearly plans and its indicators in one transaction only when there is none.
/// </summary>
public partial class PlanImporter(TsunaguDb db, IndicatorSources sources, TimeProvider clock)
{
    public sealed record Problem(string Where, string Message);

    public sealed class Result
    {
        public List<Problem> Problems { get; } = [];
        public Plan? Plan { get; set; }
        public List<Indicator> Indicators { get; } = [];
        public List<PlanNodeRepeat> Repeats { get; } = [];
        public bool Ok => Problems.Count == 0 && Plan is not null;
        public int NodeCount => Plan?.Nodes.Count ?? 0;
    }

    /// <summary>A node in the order of the file, with its parent's ref: the tree checks work on this flat list.</summary>
    public sealed record FlatNode(string Where, string? Ref, string? ParentRef, int Depth, NodeFile Node);

    public static PlanFile? Parse(byte[] content, List<Problem> problems)
    {
        try
        {
            return JsonSerializer.Deserialize<PlanFile>(content, PlanFile.Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"{line + 1}行目" : "ファイル";
            problems.Add(new Problem(where, $"JSONとして読めません（{e.Message}）。"));
            return null;
        }
    }

    public async Task<Result> CheckAsync(byte[] content, CancellationToken ct = default)
    {
        var result = new Result();
        var file = Parse(content, result.Problems);
        return file is null ? result : await CheckAsync(file, Flatten(file.Nodes), ct);
    }

    /// <summary>Checks a plan given as its header and a flat list of nodes (from JSON or a workbook).</summary>
    public async Task<Result> CheckAsync(PlanFile file, List<FlatNode> flat, CancellationToken ct = default)
    {
        var result = new Result();
        void Problem(string where, string message) => result.Problems.Add(new Problem(where, message));
        void TooLong(string where, string what, string? value, int max)
        {
            if (value?.Trim().Length > max) Problem(where, $"{what}は{max}文字以内にしてください（いま{value.Trim().Length}文字）。");
        }

        if (file.Format != PlanFile.FormatName) Problem("format", $"形式は \"{PlanFile.FormatName}\" にしてください。");
        var key = file.Key?.Trim() ?? "";
        if (!KeyPattern().IsMatch(key)) Problem("key", "キーは半角の英小文字・数字・ハイフンで、50文字以内にしてください。");
        else if (await db.Set<Plan>().AnyAsync(p => p.Key == key, ct)) Problem("key", $"キー「{key}」の計画はすでにあります。");
        if (string.IsNullOrWhiteSpace(file.Title)) Problem("title", "計画の名前を入力してください。");
        else if (file.Title.Length > 200) Problem("title", "計画の名前は200文字以内にしてください。");

        FiscalYear? from = null, to = null;
        if (!JapaneseDates.TryParseFiscalYear(file.Period?.From, out var f)) Problem("period.from", "計画期間の初年度を H25、令和8年度、FY2026 などの形で入力してください。"); else from = f;
        if (!JapaneseDates.TryParseFiscalYear(file.Period?.To, out var t)) Problem("period.to", "計画期間の最終年度を H29、令和12年度、FY2030 などの形で入力してください。"); else to = t;
        if (from is { } a && to is { } b && (b.StartYear < a.StartYear || b.StartYear - a.StartYear > 20))
            Problem("period", "計画期間は初年度から20年以内で、最終年度が初年度より後になるようにしてください。");
        var levels = file.Levels?.Select(l => l.Trim()).Where(l => l.Length > 0).ToList() ?? [];
        if (levels.Count == 0) Problem("levels", "階層の名前を1つ以上入力してください。");
        if (levels.Any(l => l.Contains('>'))) Problem("levels", "階層の名前に「>」は使えません。");
        if (string.Join('>', levels).Length > 200) Problem("levels", "階層の名前は合わせて200文字以内にしてください。");
        TooLong("source", "出典", file.Source, 500);
        var grades = file.Grades;
        if (grades is not null && (grades.Count == 0 || grades.Any(g => string.IsNullOrWhiteSpace(g.Code) || string.IsNullOrWhiteSpace(g.Label))))
            Problem("grades", "評価の段階には、それぞれ記号と説明を入れてください。");
        if (grades?.Any(g => g.Code?.Length > 10) == true) Problem("grades", "評価の記号は10文字以内にしてください。");

        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Name, d => d.Id, ct);
        var plan = new Plan
        {
            Key = key,
            Title = file.Title?.Trim() ?? "",
            StartYear = from?.StartYear ?? 0,
            EndYear = to?.StartYear ?? 0,
            Levels = string.Join('>', levels),
            Grades = grades is null ? null : JsonSerializer.Serialize(grades, PlanFile.Json),
            Source = file.Source?.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };

        // Refs first: duplicates, parents that do not exist, loops.
        var byRef = new Dictionary<string, FlatNode>();
        foreach (var n in flat.Where(n => n.Node.RepeatOf is null))
        {
            if (string.IsNullOrWhiteSpace(n.Ref)) { Problem($"{n.Where}.ref", "番号を入力してください。"); continue; }
            if (!byRef.TryAdd(n.Ref, n)) Problem($"{n.Where}.ref", $"番号「{n.Ref}」が重複しています（{byRef[n.Ref].Where}）。");
        }
        foreach (var n in flat.Where(n => n.Node.RepeatOf is null && n.Ref is not null && n.ParentRef is not null))
        {
            if (!byRef.ContainsKey(n.ParentRef!)) { Problem($"{n.Where}.parent", $"上の階層「{n.ParentRef}」がありません。"); continue; }
            var seen = new HashSet<string> { n.Ref! };
            for (var p = n.ParentRef; p is not null && byRef.TryGetValue(p, out var parent); p = parent.ParentRef)
            {
                if (!seen.Add(p)) { Problem($"{n.Where}.parent", $"「{n.Ref}」の上の階層をたどると、元に戻ってしまいます（循環）。"); break; }
            }
        }
        // A broken tree still gets every other check, so one upload lists everything; only what needs the tree waits.
        var treeBroken = result.Problems.Count > 0;

        var nodes = new Dictionary<string, PlanNode>();
        var order = 0;
        foreach (var n in flat)
        {
            var node = n.Node;
            if (node.RepeatOf is not null) continue;
            var depth = treeBroken ? 0 : Depth(n, byRef);
            if (!treeBroken && depth >= levels.Count) Problem(n.Where, $"この計画の階層は{levels.Count}段です。「{n.Ref}」は{depth + 1}段目にあります。");
            if (string.IsNullOrWhiteSpace(node.Title)) Problem($"{n.Where}.title", "名前を入力してください。");
            // Each text fits its column: a longer one is listed here rather than failing the whole write.
            TooLong($"{n.Where}.ref", "番号", n.Ref, 50);
            TooLong($"{n.Where}.title", "名前", node.Title, 500);
            TooLong($"{n.Where}.aim", "ねらい", node.Aim, 2000);
            TooLong($"{n.Where}.purpose", "目的", node.Purpose, 2000);
            TooLong($"{n.Where}.content", "内容", node.Content, 4000);
            TooLong($"{n.Where}.completion", "完了の目安", node.Completion, 2000);
            TooLong($"{n.Where}.pillars", "柱", node.Pillars is null ? null : string.Join('、', node.Pillars), 200);
            if (node.Kind is not null && !PlanVocabulary.Kinds.Contains(node.Kind)) Problem($"{n.Where}.kind", $"種別「{node.Kind}」は使えません。「新規」か「継続」にしてください。");
            var entity = new PlanNode
            {
                Ref = n.Ref!,
                Title = node.Title?.Trim() ?? "",
                Depth = depth,
                SortOrder = ++order,
                Aim = Clean(node.Aim),
                Kind = node.Kind,
                Purpose = Clean(node.Purpose),
                Content = Clean(node.Content),
                Completion = node.Completion is "－" or "-" ? null : Clean(node.Completion),
                Priority = node.Priority ?? false,
                Pillars = node.Pillars is { Count: > 0 } ? string.Join('、', node.Pillars) : null,
                Roles = node.Roles is { Count: > 0 } ? JsonSerializer.Serialize(node.Roles, PlanFile.Json) : null,
            };
            foreach (var (text, i) in (node.Actors ?? []).Select((x, i) => (x, i)))
            {
                var actor = PlanVocabulary.Actors.FirstOrDefault(a => a.Japanese == text.Trim());
                if (actor.Japanese is null) Problem($"{n.Where}.actors[{i}]", $"対象主体「{text}」はありません。{string.Join("、", PlanVocabulary.Actors.Select(a => a.Japanese))}のいずれかにしてください。");
                else entity.Actors |= actor.Actor;
            }
            foreach (var (name, i) in (node.Departments ?? []).Select((x, i) => (x, i)))
            {
                if (departments.TryGetValue(name.Trim(), out var id)) { if (entity.Departments.All(d => d.DepartmentId != id)) entity.Departments.Add(new PlanNodeDepartment { DepartmentId = id, SortOrder = entity.Departments.Count + 1 }); }
                else Problem($"{n.Where}.departments[{i}]", $"担当課「{name}」はこの市にありません。先に市の管理者が担当課を登録してください。");
            }
            foreach (var (yearText, word) in node.Yearly ?? [])
            {
                var where = $"{n.Where}.yearly.{yearText}";
                if (!JapaneseDates.TryParseFiscalYear(yearText, out var fy)) { Problem(where, $"「{yearText}」は年度として読めません。"); continue; }
                if (from is { } pf && to is { } pt && (fy.StartYear < pf.StartYear || fy.StartYear > pt.StartYear))
                    Problem(where, $"{fy.ToJapanese()}は計画期間（{pf.ToJapanese()}～{pt.ToJapanese()}）の外です。");
                else if (!PlanVocabulary.YearlyWords.Contains(word.Trim()))
                    Problem(where, $"年次計画の「{word}」は使えません。{string.Join("、", PlanVocabulary.YearlyWords)}のいずれかにしてください。");
                else if (entity.Years.Any(y => y.FiscalYear == fy.StartYear)) Problem(where, $"{fy.ToJapanese()}が2回あります。");
                else entity.Years.Add(new PlanNodeYear { FiscalYear = fy.StartYear, Word = word.Trim() });
            }
            if (entity.Ref is not null) nodes[entity.Ref] = entity;
            plan.Nodes.Add(entity);
        }
        if (!treeBroken)
            foreach (var n in flat.Where(n => n.Node.RepeatOf is null && n.ParentRef is not null))
                nodes[n.Ref!].Parent = nodes[n.ParentRef!];

        // 【再掲】: the same node listed again under another parent.
        foreach (var n in flat.Where(n => n.Node.RepeatOf is not null))
        {
            if (!nodes.TryGetValue(n.Node.RepeatOf!, out var original)) { Problem($"{n.Where}.repeatOf", $"再掲のもとの「{n.Node.RepeatOf}」がありません。"); continue; }
            if (n.ParentRef is null || !nodes.TryGetValue(n.ParentRef, out var parent)) { Problem(n.Where, "再掲は、いずれかの項目の下に置いてください。"); continue; }
            result.Repeats.Add(new PlanNodeRepeat { Node = original, Parent = parent, SortOrder = ++order, ListedRef = n.Ref == original.Ref ? null : n.Ref });
        }

        foreach (var (ind, i) in (file.Indicators ?? []).Select((x, i) => (x, i)))
        {
            var where = $"indicators[{i}]";
            PlanNode? node = null;
            if (ind.Node is not null && !nodes.TryGetValue(ind.Node, out node)) Problem($"{where}.node", $"指標の項目「{ind.Node}」がありません。");
            if (string.IsNullOrWhiteSpace(ind.Name)) Problem($"{where}.name", "指標の名前を入力してください。");
            TooLong($"{where}.name", "指標の名前", ind.Name, 200);
            TooLong($"{where}.unit", "単位", ind.Unit, 20);
            TooLong($"{where}.note", "注記", ind.Note, 1000);
            if (string.IsNullOrWhiteSpace(ind.Unit)) Problem($"{where}.unit", "単位を入力してください（例：%、団体、人）。");
            IndicatorDirection? direction = ind.Direction switch { "higher" => IndicatorDirection.Higher, "lower" => IndicatorDirection.Lower, _ => null };
            if (direction is null) Problem($"{where}.direction", "「higher」（高いほどよい）か「lower」（低いほどよい）にしてください。");
            var source = ind.Source?.Trim() is { Length: > 0 } named ? named : IndicatorSources.Manual;
            if (sources.Check(source, ind.Parameters, out var parameters) is { } sourceProblem)
                Problem($"{where}.{(sources.Find(source) is null && !IndicatorSources.IsEntered(source) ? "source" : "parameters")}", sourceProblem);
            IndicatorKind? kind = ind.Kind is null ? IndicatorKinds.FromUnit(ind.Unit) : IndicatorKinds.Parse(ind.Kind);
            if (kind is null) Problem($"{where}.kind", "種類は「count」（数）、「percentage」（割合）、「yen」（金額）のいずれかにしてください。");
            var baseline = YearValue(ind.Baseline, $"{where}.baseline", "基準値");
            var target = YearValue(ind.Target, $"{where}.target", "目標値");
            var indicator = new Indicator
            {
                Node = node,
                SortOrder = i + 1,
                Name = ind.Name?.Trim() ?? "",
                Unit = ind.Unit?.Trim() ?? "",
                Kind = kind ?? IndicatorKind.Count,
                Direction = direction ?? IndicatorDirection.Higher,
                BaselineYear = baseline?.Year ?? 0,
                BaselineValue = baseline?.Value ?? 0,
                TargetYear = target?.Year ?? 0,
                TargetValue = target?.Value ?? 0,
                Source = source,
                SourceParameters = parameters,
                Note = Clean(ind.Note),
            };
            foreach (var (yearText, value) in ind.Actuals ?? [])
            {
                if (!JapaneseDates.TryParseFiscalYear(yearText, out var fy)) Problem($"{where}.actuals.{yearText}", $"「{yearText}」は年度として読めません。");
                // A computed indicator's figures are counted, not kept: an exported plan imports again as it was.
                else if (IndicatorSources.IsEntered(source)) indicator.Actuals.Add(new IndicatorActual { FiscalYear = fy.StartYear, Value = value });
            }
            result.Indicators.Add(indicator);
        }

        if (result.Problems.Count == 0) result.Plan = plan;
        return result;

        (int Year, decimal Value)? YearValue(YearValueFile? v, string where, string what)
        {
            if (v is null || !JapaneseDates.TryParseFiscalYear(v.Year, out var fy)) { Problem($"{where}.year", $"{what}の年度を入力してください（例：R7）。"); return null; }
            if (v.Value is not { } value) { Problem($"{where}.value", $"{what}を数字で入力してください。"); return null; }
            return (fy.StartYear, value);
        }
    }

    /// <summary>Writes a checked plan, its repeats and indicators in one transaction.</summary>
    public async Task<Result> ImportAsync(byte[] content, bool isDemo = false, CancellationToken ct = default)
    {
        var result = await CheckAsync(content, ct);
        return result.Ok ? await WriteAsync(result, isDemo, ct) : result;
    }

    /// <summary>Reads a plan workbook (docs/plan-format.md, Excel), checks it as a JSON file is checked, and writes it the same way.</summary>
    public async Task<Result> ImportWorkbookAsync(byte[] xlsx, bool isDemo = false, CancellationToken ct = default)
    {
        var read = PlanWorkbook.ReadWithPlaces(xlsx, ct);
        if (read.Header is null) { var refused = new Result(); refused.Problems.AddRange(read.Problems); return refused; }
        var result = await CheckAsync(read.Header, read.Nodes, ct);
        // The checks name JSON-like places ("項目!12.departments[0]"); the page shows the sheet, row and column instead.
        var located = result.Problems.Select(read.Locate).Where(p => read.Problems.All(r => r.Where != p.Where)).ToList();
        result.Problems.Clear();
        result.Problems.AddRange(read.Problems.Concat(located));
        if (result.Problems.Count > 0) { result.Plan = null; return result; }
        return await WriteAsync(result, isDemo, ct);
    }

    private async Task<Result> WriteAsync(Result result, bool isDemo, CancellationToken ct)
    {
        var plan = result.Plan!;
        plan.IsDemo = isDemo;
        return await db.InTurnAsync(async () =>
        {
            db.Add(plan);
            await db.SaveChangesAsync(ct);
            foreach (var indicator in result.Indicators) indicator.PlanId = plan.Id;
            db.AddRange(result.Indicators);
            db.AddRange(result.Repeats);
            await db.SaveChangesAsync(ct);
            return result;
        }, ct);
    }

    public static List<FlatNode> Flatten(List<NodeFile>? nodes)
    {
        var flat = new List<FlatNode>();
        void Walk(List<NodeFile>? list, string path, string? parentRef, int depth)
        {
            foreach (var (node, i) in (list ?? []).Select((n, i) => (n, i)))
            {
                var where = $"{path}[{i}]";
                var @ref = node.Ref?.Trim() ?? (node.RepeatOf is not null ? node.RepeatOf.Trim() : null);
                flat.Add(new FlatNode(where, @ref, parentRef, depth, node));
                if (node.RepeatOf is null) Walk(node.Children, $"{where}.children", @ref, depth + 1);
            }
        }
        Walk(nodes, "nodes", null, 0);
        return flat;
    }

    private static int Depth(FlatNode n, Dictionary<string, FlatNode> byRef)
    {
        var depth = 0;
        for (var p = n.ParentRef; p is not null && byRef.TryGetValue(p, out var parent) && depth < 100; p = parent.ParentRef) depth++;
        return depth;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex KeyPattern();
}

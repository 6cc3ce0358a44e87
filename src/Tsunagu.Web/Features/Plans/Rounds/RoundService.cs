using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Features.Plans.Reports;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Rounds;

/// <summary>
/// The yearly cycle (Shimonoseki's 第5章 計画の推進): a plan manager opens a round with a deadline; each item's
/// department staff report on exactly their items; the manager accepts or returns each report; council members
/// evaluate each policy; the manager records the council's opinion and publishes an unchangeable annual report.
/// </summary>
public class RoundService(TsunaguDb db, CurrentCity currentCity, Outbox outbox, PublicLinks links, Text t, TimeProvider clock, PlanService plans)
{
    public static readonly string[] Evaluations = ["順調", "おおむね順調", "やや遅れ", "遅れ"];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => Display.Today(clock);

    public enum OpenProblem { None, OutsidePeriod, AlreadyOpened, DeadlineInPast, ItemsWithoutDepartment }

    /// <summary>
    /// Opens the year's round. Refused while any item of the plan names no department: nobody could report on it, and
    /// the year's report would be silently empty. Two managers opening the same year at once get one round; the plan's
    /// row is taken first, so the second sees the first's round and is told so.
    /// </summary>
    public Task<(OpenProblem Problem, ReportingRound? Round)> OpenAsync(Plan plan, int fiscalYear, DateOnly deadline, CancellationToken ct = default) =>
        db.InTurnAsync(async () =>
        {
            if (fiscalYear < plan.StartYear || fiscalYear > plan.EndYear) return (OpenProblem.OutsidePeriod, null);
            if (deadline < Today) return (OpenProblem.DeadlineInPast, null);
            await db.TakeAsync<Plan>(p => p.Id == plan.Id, ct);
            if (await db.Set<ReportingRound>().AnyAsync(r => r.PlanId == plan.Id && r.FiscalYear == fiscalYear, ct)) return (OpenProblem.AlreadyOpened, null);
            if ((await ItemsWithoutDepartmentAsync(plan.Id, ct)).Count > 0) return (OpenProblem.ItemsWithoutDepartment, null);
            var round = new ReportingRound { PlanId = plan.Id, FiscalYear = fiscalYear, Deadline = deadline, OpenedAt = Now, Status = RoundStatus.Open };
            db.Add(round);
            await db.SaveChangesAsync(ct);
            return (OpenProblem.None, (ReportingRound?)round);
        }, ct);

    /// <summary>The plan's items (the bottom of the tree) that name no department yet: a round cannot open while there are any.</summary>
    public Task<List<PlanNode>> ItemsWithoutDepartmentAsync(int planId, CancellationToken ct = default) =>
        db.Set<PlanNode>().AsNoTracking()
            .Where(n => n.PlanId == planId && !n.Departments.Any() && !db.Set<PlanNode>().Any(c => c.ParentId == n.Id))
            .OrderBy(n => n.SortOrder).ToListAsync(ct);

    public Task<List<ReportingRound>> RoundsAsync(int planId, CancellationToken ct = default) =>
        db.Set<ReportingRound>().AsNoTracking().Where(r => r.PlanId == planId).OrderByDescending(r => r.FiscalYear).ToListAsync(ct);

    public Task<ReportingRound?> FindAsync(int roundId, CancellationToken ct = default) =>
        db.Set<ReportingRound>().FirstOrDefaultAsync(r => r.Id == roundId, ct);

    public Task<Plan> PlanOfAsync(ReportingRound round, CancellationToken ct = default) =>
        db.Set<Plan>().AsNoTracking().FirstAsync(p => p.Id == round.PlanId, ct);

    /// <summary>What departments report on: the plan's items at the bottom of the tree that name a department.</summary>
    public Task<List<PlanNode>> ItemsAsync(int planId, CancellationToken ct = default) =>
        db.Set<PlanNode>().AsNoTracking().Include(n => n.Departments).Include(n => n.Years)
            .Where(n => n.PlanId == planId && n.Departments.Any() && !db.Set<PlanNode>().Any(c => c.ParentId == n.Id))
            .OrderBy(n => n.SortOrder).AsSplitQuery().ToListAsync(ct);

    public Task<List<int>> DepartmentsOfAsync(string userId, CancellationToken ct = default) =>
        db.CityMemberships.Where(m => m.UserId == userId && m.Role == CityRole.DepartmentStaff && m.DepartmentId != null)
            .Select(m => m.DepartmentId!.Value).ToListAsync(ct);

    public sealed record MyItem(ReportingRound Round, Plan Plan, PlanNode Node, ProgressReport? Report);

    /// <summary>A department member's items in every open round: exactly the items that name one of their departments.</summary>
    public async Task<List<MyItem>> ItemsForAsync(string userId, CancellationToken ct = default)
    {
        var mine = await DepartmentsOfAsync(userId, ct);
        // Open rounds, and any round with a report returned for correction.
        var rounds = await db.Set<ReportingRound>().AsNoTracking()
            .Where(r => r.Status == RoundStatus.Open || db.Set<ProgressReport>().Any(p => p.RoundId == r.Id && p.Status == ReportStatus.Returned))
            .ToListAsync(ct);
        var result = new List<MyItem>();
        foreach (var round in rounds)
        {
            var plan = await PlanOfAsync(round, ct);
            var reports = await db.Set<ProgressReport>().AsNoTracking().Where(r => r.RoundId == round.Id).ToDictionaryAsync(r => r.NodeId, ct);
            foreach (var node in (await ItemsAsync(plan.Id, ct)).Where(n => n.Departments.Any(d => mine.Contains(d.DepartmentId))))
                result.Add(new MyItem(round, plan, node, reports.GetValueOrDefault(node.Id)));
        }
        return result;
    }

    public async Task<PlanNode?> ItemAsync(ReportingRound round, int nodeId, CancellationToken ct = default) =>
        (await ItemsAsync(round.PlanId, ct)).FirstOrDefault(n => n.Id == nodeId);

    public Task<ProgressReport?> ReportAsync(int roundId, int nodeId, CancellationToken ct = default) =>
        db.Set<ProgressReport>().FirstOrDefaultAsync(r => r.RoundId == roundId && r.NodeId == nodeId, ct);

    public sealed record ReportInput(string? Done, string? Grade, string? Figures, string? Problems, string? NextYear, string? Partners, IReadOnlyList<string> Forms);

    public enum SaveProblem { None, NotYourItem, DeadlinePassed, Locked, RoundClosed }

    /// <summary>
    /// Saves a department's report as a draft, or submits it (which locks it until the manager returns it).
    /// Only staff of one of the item's departments may, and only until the deadline — except a report the manager
    /// returned, which the department can always correct (the manager asked for it, perhaps after publishing).
    /// </summary>
    public async Task<SaveProblem> SaveAsync(ReportingRound round, PlanNode node, string userId, ReportInput input, bool submit, CancellationToken ct = default)
    {
        var mine = await DepartmentsOfAsync(userId, ct);
        if (!node.Departments.Any(d => mine.Contains(d.DepartmentId))) return SaveProblem.NotYourItem;
        var report = await ReportAsync(round.Id, node.Id, ct);
        if (report?.Status != ReportStatus.Returned)
        {
            if (round.Status != RoundStatus.Open) return SaveProblem.RoundClosed;
            if (Today > round.Deadline) return SaveProblem.DeadlinePassed;
        }
        if (report is { Status: ReportStatus.Submitted or ReportStatus.Accepted }) return SaveProblem.Locked;
        if (report is null) db.Add(report = new ProgressReport { RoundId = round.Id, NodeId = node.Id, Status = ReportStatus.Draft });
        report.Done = Clean(input.Done);
        report.Grade = Clean(input.Grade);
        report.Figures = Clean(input.Figures);
        report.Problems = Clean(input.Problems);
        report.NextYear = Clean(input.NextYear);
        report.Partners = Clean(input.Partners);
        report.Forms = input.Forms.Count == 0 ? null : string.Join(',', input.Forms);
        report.UpdatedByUserId = userId;
        report.UpdatedAt = Now;
        if (submit)
        {
            report.Status = ReportStatus.Submitted;
            report.SubmittedAt = Now;
        }
        await db.SaveChangesAsync(ct);
        return SaveProblem.None;
    }

    /// <summary>The manager accepts a submitted report.</summary>
    public async Task<bool> AcceptAsync(ProgressReport report, CancellationToken ct = default)
    {
        if (report.Status != ReportStatus.Submitted) return false;
        report.Status = ReportStatus.Accepted;
        report.AcceptedAt = Now;
        report.ReturnComment = null;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The manager returns a submitted report with a comment; the item's department staff are told by e-mail.</summary>
    public async Task<bool> ReturnAsync(ReportingRound round, PlanNode node, ProgressReport report, string comment, CancellationToken ct = default)
    {
        if (report.Status is not (ReportStatus.Submitted or ReportStatus.Accepted)) return false;
        report.Status = ReportStatus.Returned;
        report.ReturnComment = comment.Trim();
        report.AcceptedAt = null;
        var link = links.For($"/{currentCity.Required.Slug}/admin/reports/{round.Id}/{node.Id}");
        foreach (var email in await StaffEmailsAsync(node.Departments.Select(d => d.DepartmentId), ct))
            outbox.Enqueue(email, t["【つなぐ】進捗報告の修正をお願いします"],
                t["{0}の「{1} {2}」の進捗報告について、計画の担当者から修正のお願いがありました。\n\n{3}\n\n{4}", PlanText.Year(round.FiscalYear, false), node.Ref, node.Title, report.ReturnComment, link]);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public sealed record DepartmentProgress(string Department, int Items, int NotStarted, int Draft, int Submitted, int Returned, int Accepted)
    {
        public bool Done => Accepted == Items;
    }

    /// <summary>Who has and has not reported, by department (an item of two departments counts for each).</summary>
    public async Task<List<DepartmentProgress>> ProgressAsync(ReportingRound round, CancellationToken ct = default)
    {
        var items = await ItemsAsync(round.PlanId, ct);
        var reports = await db.Set<ProgressReport>().AsNoTracking().Where(r => r.RoundId == round.Id).ToDictionaryAsync(r => r.NodeId, r => r.Status, ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => (d.Name, d.SortOrder), ct);
        return items.SelectMany(n => n.Departments.Select(d => (d.DepartmentId, Status: reports.TryGetValue(n.Id, out var s) ? s : (ReportStatus?)null)))
            .GroupBy(x => x.DepartmentId)
            .OrderBy(g => departments.GetValueOrDefault(g.Key).SortOrder)
            .Select(g => new DepartmentProgress(departments.GetValueOrDefault(g.Key).Name ?? "", g.Count(),
                g.Count(x => x.Status is null), g.Count(x => x.Status == ReportStatus.Draft), g.Count(x => x.Status == ReportStatus.Submitted),
                g.Count(x => x.Status == ReportStatus.Returned), g.Count(x => x.Status == ReportStatus.Accepted)))
            .ToList();
    }

    public Task<Dictionary<int, ProgressReport>> ReportsAsync(int roundId, CancellationToken ct = default) =>
        db.Set<ProgressReport>().AsNoTracking().Where(r => r.RoundId == roundId).ToDictionaryAsync(r => r.NodeId, ct);

    /// <summary>E-mails the staff of every department with an item not yet submitted; returns how many were written to.</summary>
    public async Task<int> RemindAsync(ReportingRound round, CancellationToken ct = default)
    {
        var items = await ItemsAsync(round.PlanId, ct);
        var reports = await ReportsAsync(round.Id, ct);
        var late = items.Where(n => !reports.TryGetValue(n.Id, out var r) || r.Status is ReportStatus.Draft or ReportStatus.Returned).ToList();
        var plan = await PlanOfAsync(round, ct);
        var link = links.For($"/{currentCity.Required.Slug}/admin/reports");
        var sent = 0;
        foreach (var group in late.SelectMany(n => n.Departments.Select(d => (d.DepartmentId, Node: n))).GroupBy(x => x.DepartmentId))
        {
            var list = string.Join("\n", group.Select(x => $"・{x.Node.Ref} {x.Node.Title}"));
            foreach (var email in await StaffEmailsAsync([group.Key], ct))
            {
                outbox.Enqueue(email, t["【つなぐ】進捗報告の期限が近づいています"],
                    t["「{0}」の{1}の進捗報告は、{2}が期限です。まだ提出されていない項目があります。\n\n{3}\n\n{4}", plan.Title, PlanText.Year(round.FiscalYear, false),
                        JapaneseDates.ToJapaneseDate(round.Deadline), list, link]);
                sent++;
            }
        }
        round.RemindedAt = Now;
        await db.SaveChangesAsync(ct);
        return sent;
    }

    /// <summary>Reminds the rounds due within a week that have not been reminded in the last three days.</summary>
    public async Task RemindDueAsync(CancellationToken ct = default)
    {
        var remindedBefore = Now.AddDays(-3);
        var due = await db.Set<ReportingRound>()
            .Where(r => r.Status == RoundStatus.Open && r.Deadline >= Today && r.Deadline <= Today.AddDays(7) && (r.RemindedAt == null || r.RemindedAt < remindedBefore))
            .ToListAsync(ct);
        foreach (var round in due) await RemindAsync(round, ct);
    }

    private Task<List<string>> StaffEmailsAsync(IEnumerable<int> departmentIds, CancellationToken ct)
    {
        var ids = departmentIds.ToList();
        return db.CityMemberships.Where(m => m.Role == CityRole.DepartmentStaff && m.DepartmentId != null && ids.Contains(m.DepartmentId.Value))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email!).Distinct().ToListAsync(ct);
    }

    /// <summary>
    /// Council members may evaluate once every item's report has been accepted. A plan whose items name no department
    /// (only indicators are followed) is ready at once.
    /// </summary>
    public async Task<bool> ReadyForCouncilAsync(ReportingRound round, CancellationToken ct = default) =>
        (await CompletenessAsync(round, ct)).ItemsNotAccepted == 0;

    public Task<List<CouncilEvaluation>> EvaluationsAsync(int roundId, CancellationToken ct = default) =>
        db.Set<CouncilEvaluation>().AsNoTracking().Where(e => e.RoundId == roundId).OrderBy(e => e.UpdatedAt).ToListAsync(ct);

    public async Task SaveEvaluationAsync(ReportingRound round, PlanNode policy, string userId, string evaluation, string? opinion, CancellationToken ct = default)
    {
        var existing = await db.Set<CouncilEvaluation>().FirstOrDefaultAsync(e => e.RoundId == round.Id && e.NodeId == policy.Id && e.UserId == userId, ct);
        if (existing is null) db.Add(existing = new CouncilEvaluation { RoundId = round.Id, NodeId = policy.Id, UserId = userId, Evaluation = evaluation });
        existing.Evaluation = evaluation;
        existing.Opinion = Clean(opinion);
        existing.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
    }

    public async Task SetOpinionAsync(ReportingRound round, string? opinion, CancellationToken ct = default)
    {
        round.CouncilOpinion = Clean(opinion);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What a round still lacks before it can be published as complete.</summary>
    public sealed record Completeness(int Items, int ItemsNotAccepted, bool EvaluationRecorded)
    {
        public bool Complete => ItemsNotAccepted == 0 && EvaluationRecorded;
    }

    public async Task<Completeness> CompletenessAsync(ReportingRound round, CancellationToken ct = default)
    {
        var items = await ItemsAsync(round.PlanId, ct);
        var accepted = (await db.Set<ProgressReport>().Where(r => r.RoundId == round.Id && r.Status == ReportStatus.Accepted)
            .Select(r => r.NodeId).ToListAsync(ct)).ToHashSet();
        return new Completeness(items.Count, items.Count(i => !accepted.Contains(i.Id)), !string.IsNullOrWhiteSpace(round.CouncilOpinion));
    }

    public const int IncompleteReasonLength = 500;

    /// <summary>
    /// Publishes the round's annual report as the next version: a snapshot of the plan tree with each item's planned
    /// word and accepted report, the indicators and the evaluating body's evaluation, which never changes afterwards.
    /// A round that is not complete (a report not accepted, or no evaluation recorded) is refused, unless the manager
    /// decides to publish it anyway and says why: the reason is printed on the report ("評価未実施" …), so a reader
    /// never takes a gap for a finished year.
    /// </summary>
    public Task<Result<PublishedReport>> PublishAsync(ReportingRound round, string? userId, string? incompleteReason = null, CancellationToken ct = default) =>
        db.InTurnAsync(async () =>
        {
            // Taking the round makes two publications at once take turns: each gets its own version.
            await db.TakeAsync<ReportingRound>(r => r.Id == round.Id, ct);
            await db.Entry(round).ReloadAsync(ct);
            var reason = Clean(incompleteReason);
            var completeness = await CompletenessAsync(round, ct);
            if (reason is { Length: > IncompleteReasonLength })
                return Problems.Of("IncompleteReason", t["公表の理由は{0}文字以内で入力してください。", IncompleteReasonLength]);
            if (!completeness.Complete && reason is null)
            {
                var problems = new Problems();
                if (completeness.ItemsNotAccepted > 0)
                    problems.Add("", t["受理していない報告が{0}件あります（全{1}件）。すべて受理してから公表してください。", completeness.ItemsNotAccepted, completeness.Items]);
                if (!completeness.EvaluationRecorded)
                    problems.Add("", t["{0}の{1}をまだ記録していません。記録してから公表してください。", currentCity.Required.EvaluatingBodyDisplayName(Text.IsEnglish), currentCity.Required.EvaluationTermDisplay(Text.IsEnglish)]);
                problems.Add("IncompleteReason", t["このまま公表するときは、報告書に載せる理由（例：評価未実施）を入力してください。"]);
                return problems;
            }
            return (Result<PublishedReport>)await PublishSnapshotAsync(round, userId, completeness.Complete ? null : reason, ct);
        }, ct, commitIf: r => r.Ok);

    private async Task<PublishedReport> PublishSnapshotAsync(ReportingRound round, string? userId, string? incompleteReason, CancellationToken ct)
    {
        var plan = await PlanOfAsync(round, ct);
        var tree = await plans.TreeAsync(plan, ct: ct);
        var reports = await ReportsAsync(round.Id, ct);
        var version = (await db.Set<PublishedReport>().Where(p => p.PlanId == plan.Id && p.FiscalYear == round.FiscalYear).MaxAsync(p => (int?)p.Version, ct) ?? 0) + 1;
        var evaluations = await EvaluationsAsync(round.Id, ct);
        var nodes = Flatten(tree.Roots).ToList();

        var items = nodes.Select(x =>
        {
            var accepted = reports.TryGetValue(x.Node.Id, out var r) && r.Status == ReportStatus.Accepted ? r : null;
            return new AnnualReport.Item(x.ShownRef, x.Node.Title, x.Node.Depth, x.Departments.Count == 0 ? null : string.Join("、", x.Departments),
                x.Node.Years.FirstOrDefault(y => y.FiscalYear == round.FiscalYear)?.Word, accepted?.Grade, accepted?.Done, accepted?.Figures,
                accepted?.Problems, accepted?.NextYear, Partners(accepted));
        }).ToList();
        var indicators = tree.Indicators.Select(v =>
        {
            var actual = v.Years.FirstOrDefault(y => y.Year == round.FiscalYear).Actual;
            return new AnnualReport.IndicatorLine(v.Indicator.Name, v.Indicator.Unit, v.Indicator.Direction == IndicatorDirection.Higher,
                v.Indicator.BaselineYear, v.Indicator.BaselineValue, v.Indicator.TargetYear, v.Indicator.TargetValue,
                v.Years.Where(y => y.Year <= round.FiscalYear).Select(y => new AnnualReport.YearValue(y.Year, y.Actual)).ToList(),
                actual is { } a ? v.Indicator.Achievement(a) : null, v.Indicator.Kind);
        }).ToList();
        var policies = tree.Roots.ToDictionary(r => r.Node.Id);
        var policyEvaluations = evaluations.Where(e => policies.ContainsKey(e.NodeId))
            .Select(e => new AnnualReport.PolicyEvaluation(policies[e.NodeId].Node.Ref, policies[e.NodeId].Node.Title, e.Evaluation, e.Opinion ?? "")).ToList();
        var grades = plan.GradeScale();
        var city = currentCity.Required;

        // The body's name and word are copied into the snapshot: a later renaming leaves published years as they were.
        var report = new AnnualReport(city.Name, plan.Key, plan.Title, round.FiscalYear, version, Now, plan.LevelNames,
            grades.Select(g => new AnnualReport.GradeLabel(g.Code!, g.Label!)).ToList(), items, indicators, policyEvaluations, round.CouncilOpinion,
            city.EvaluatingBodyDisplayName(false), city.EvaluationTermDisplay(false), incompleteReason, PlanText.EraOf(plan));
        var published = new PublishedReport
        {
            RoundId = round.Id,
            PlanId = plan.Id,
            FiscalYear = round.FiscalYear,
            Version = version,
            PublishedAt = Now,
            PublishedByUserId = userId,
            IncompleteReason = incompleteReason,
            Snapshot = JsonSerializer.Serialize(report, PlanFile.Json),
        };
        db.Add(published);
        round.Status = RoundStatus.Published;
        await db.SaveChangesAsync(ct);
        return published;
    }

    /// <summary>A published report of a plan and year: the given version, or the latest.</summary>
    public async Task<(AnnualReport Report, IReadOnlyList<int> Versions)?> PublishedAsync(int planId, int fiscalYear, int? version, CancellationToken ct = default)
    {
        // Only the chosen version's snapshot is read: each is the whole report as JSON.
        var published = db.Set<PublishedReport>().AsNoTracking().Where(p => p.PlanId == planId && p.FiscalYear == fiscalYear);
        var versions = await published.OrderBy(p => p.Version).Select(p => p.Version).ToListAsync(ct);
        if (versions.Count == 0 || (version is { } v && !versions.Contains(v))) return null;
        var chosen = version ?? versions[^1];
        var snapshot = await published.Where(p => p.Version == chosen).Select(p => p.Snapshot).FirstAsync(ct);
        return (JsonSerializer.Deserialize<AnnualReport>(snapshot, PlanFile.Json)!, versions);
    }

    public Task<List<int>> PublishedYearsAsync(int planId, CancellationToken ct = default) =>
        db.Set<PublishedReport>().AsNoTracking().Where(p => p.PlanId == planId).Select(p => p.FiscalYear).Distinct().OrderByDescending(y => y).ToListAsync(ct);

    private static string? Partners(ProgressReport? r)
    {
        if (r is null) return null;
        var forms = (r.Forms ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => Enum.TryParse<News.CollaborationForm>(f, out var form) ? News.CollaborationForms.Japanese(form) : f).ToList();
        var text = string.Join("／", new[] { r.Partners, forms.Count > 0 ? string.Join("、", forms) : null }.Where(s => !string.IsNullOrEmpty(s)));
        return text.Length == 0 ? null : text;
    }

    private static IEnumerable<PlanService.TreeNode> Flatten(IEnumerable<PlanService.TreeNode> nodes)
    {
        foreach (var n in nodes)
        {
            yield return n;
            foreach (var c in Flatten(n.Children)) yield return c;
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Every six hours, reminds departments of reports not yet submitted in rounds due within a week.</summary>
public class RoundReminders(IServiceScopeFactory scopes, ILogger<RoundReminders> log)
    : CityJob(scopes, log, TimeSpan.FromHours(6), "round-reminders")
{
    protected override Task RunForCityAsync(IServiceProvider services, City city, CancellationToken ct) =>
        services.GetRequiredService<RoundService>().RemindDueAsync(ct);
}

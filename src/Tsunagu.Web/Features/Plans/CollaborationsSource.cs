using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.News;
using Tsunagu.Web.Features.Plans.Rounds;

namespace Tsunagu.Web.Features.Plans;

/// <summary>
/// Measures carried out in collaboration in a fiscal year (協働を行った施策数、協働事業の件数): the departments' accepted
/// progress reports in that year's rounds that name a partner or a form of collaboration, narrowed if the indicator asks
/// to some forms ("form=共催,委託") or to one plan ("plan=shiminkatsudo-5"). Demo plans never count.
/// </summary>
public class CollaborationsSource(TsunaguDb db, TimeProvider clock) : IIndicatorSource
{
    public string Name => "collaborations";
    public string Label => "年度内に協働で行った施策の数（各課の進捗報告から）";

    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["form"] = "協働の形態（例：共催、委託）",
        ["plan"] = "計画のキー（省略するとすべての計画）",
    };

    public string? Problem(IndicatorSourceParameters parameters) =>
        parameters.List("form").FirstOrDefault(f => Form(f) is null) is { } unknown
            ? $"協働の形態「{unknown}」はありません。{string.Join("、", CollaborationForms.All.Select(CollaborationForms.Japanese))} から選んでください。"
            : null;

    public async Task<decimal?> ValueAsync(int fiscalYear, IndicatorSourceParameters parameters, CancellationToken ct = default)
    {
        var (start, _) = new Calendar.FiscalYear(fiscalYear).UtcRange();
        if (start > clock.GetUtcNow().UtcDateTime) return null;
        var plans = db.Set<Plan>().Where(p => !p.IsDemo);
        if (parameters["plan"] is { } key) plans = plans.Where(p => p.Key == key);
        var rounds = db.Set<ReportingRound>().Where(r => r.FiscalYear == fiscalYear && plans.Any(p => p.Id == r.PlanId));
        // A year without a round has no figure rather than a false zero.
        if (!await rounds.AnyAsync(ct)) return null;
        var reports = await db.Set<ProgressReport>().AsNoTracking()
            .Where(r => r.Status == ReportStatus.Accepted && rounds.Any(x => x.Id == r.RoundId) && ((r.Partners != null && r.Partners != "") || (r.Forms != null && r.Forms != "")))
            .Select(r => new { r.NodeId, r.Forms }).ToListAsync(ct);
        var forms = parameters.List("form").Select(f => Form(f)!.Value.ToString()).ToList();
        return reports.Count(r => forms.Count == 0 || (r.Forms ?? "").Split(',').Any(forms.Contains));
    }

    private static CollaborationForm? Form(string word) =>
        CollaborationForms.All.Where(f => CollaborationForms.Japanese(f) == word || f.ToString().Equals(word, StringComparison.OrdinalIgnoreCase))
            .Select(f => (CollaborationForm?)f).FirstOrDefault();
}

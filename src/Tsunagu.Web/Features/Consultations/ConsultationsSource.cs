using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;

namespace Tsunagu.Web.Features.Consultations;

/// <summary>
/// Consultations received in a fiscal year (相談件数), of some topics if the indicator asks ("topic=設立,法人化").
/// Demo consultations never count.
/// </summary>
public class ConsultationsSource(TsunaguDb db, TimeProvider clock) : IIndicatorSource
{
    public string Name => "consultations";
    public string Label => "年度内の相談件数";

    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["topic"] = "相談の内容（例：設立、法人化、資金・助成金）",
    };

    public string? Problem(IndicatorSourceParameters parameters) =>
        parameters.List("topic").FirstOrDefault(t => Topic(t) is null) is { } unknown
            ? $"相談の内容「{unknown}」はありません。{string.Join("、", Enum.GetValues<ConsultationTopic>().Select(ConsultationTexts.Topic))} から選んでください。"
            : null;

    public async Task<decimal?> ValueAsync(int fiscalYear, IndicatorSourceParameters parameters, CancellationToken ct = default)
    {
        var (start, end) = new Calendar.FiscalYear(fiscalYear).UtcRange();
        if (start > clock.GetUtcNow().UtcDateTime) return null;
        var real = db.Set<Consultation>().Where(c => !c.IsDemo);
        // Before the city took consultations in Tsunagu there is nothing to count: no figure rather than a false zero.
        if (!await real.AnyAsync(c => c.ReceivedAt < end, ct)) return null;
        var topics = parameters.List("topic").Select(t => Topic(t)!.Value).ToList();
        var counted = real.Where(c => c.ReceivedAt >= start && c.ReceivedAt < end);
        if (topics.Count > 0) counted = counted.Where(c => topics.Contains(c.Topic));
        return await counted.CountAsync(ct);
    }

    private static ConsultationTopic? Topic(string word) => Enum.GetValues<ConsultationTopic>()
        .Where(t => ConsultationTexts.Topic(t) == word || t.ToString().Equals(word, StringComparison.OrdinalIgnoreCase))
        .Select(t => (ConsultationTopic?)t).FirstOrDefault();
}

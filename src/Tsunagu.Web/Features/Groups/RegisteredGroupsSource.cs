using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Groups;

/// <summary>
/// Registered groups at the end of the fiscal year (or today, for the year under way), of some types or fields if the
/// indicator asks ("type=NPO法人;field=福祉"). Demo groups never count.
/// </summary>
public class RegisteredGroupsSource(TsunaguDb db, TimeProvider clock) : IIndicatorSource
{
    public string Name => "registered-groups";
    public string Label => "年度末の登録団体数";

    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["type"] = "団体の種類（例：NPO法人、ボランティア団体）",
        ["field"] = "活動分野（例：福祉、まちづくり、または番号 1～20）",
    };

    /// <summary>When the city's registry began in Tsunagu; the same for every year a page asks about (the service is per request).</summary>
    private DateTime? firstRecord;

    public string? Problem(IndicatorSourceParameters parameters)
    {
        if (parameters.List("type").FirstOrDefault(t => Types(t).Count == 0) is { } type)
            return $"団体の種類「{type}」はありません。{string.Join("、", Enum.GetValues<GroupType>().Select(GroupTypes.Japanese))} から選んでください。";
        if (parameters.List("field").FirstOrDefault(f => Fields(f).Count == 0) is { } field)
            return $"活動分野「{field}」はありません。活動分野の名前（例：福祉、まちづくり）か番号（1～20）にしてください。";
        return null;
    }

    public async Task<decimal?> ValueAsync(int fiscalYear, IndicatorSourceParameters parameters, CancellationToken ct = default)
    {
        var yearEnd = new DateTime(fiscalYear + 1, 4, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var end = TimeZoneInfo.ConvertTimeToUtc(yearEnd, Display.TokyoZone);
        var now = clock.GetUtcNow().UtcDateTime;
        if (TimeZoneInfo.ConvertTimeToUtc(new DateTime(fiscalYear, 4, 1), Display.TokyoZone) > now) return null;
        // Before the city kept its registry in Tsunagu there is nothing to count: no figure rather than a false zero.
        firstRecord ??= await db.Groups.Where(g => !g.IsDemo).MinAsync(g => (DateTime?)g.CreatedAt, ct) ?? DateTime.MaxValue;
        if (firstRecord >= end) return null;
        // Published by the year's end, and not taken down before it (a lapsed registration counts until it lapsed).
        var groups = db.Groups.Where(g => !g.IsDemo && g.ApprovedAt < end
            && (g.Status == GroupStatus.Approved || (g.Status == GroupStatus.Unpublished && g.LapsedAt >= end)));
        var types = parameters.List("type").SelectMany(Types).ToList();
        if (types.Count > 0) groups = groups.Where(g => types.Contains(g.Type));
        var fields = parameters.List("field").SelectMany(Fields).ToList();
        if (fields.Count > 0) groups = groups.Where(g => g.Fields.Any(f => fields.Contains(f.Field)));
        return await groups.CountAsync(ct);
    }

    /// <summary>The types a word names: "NPO法人", "まちづくり協議会" (a part of the name) or the English name.</summary>
    private static List<GroupType> Types(string word) => Enum.GetValues<GroupType>()
        .Where(t => GroupTypes.Japanese(t) == word || GroupTypes.Japanese(t).Split('・').Contains(word) || t.ToString().Equals(word, StringComparison.OrdinalIgnoreCase))
        .ToList();

    /// <summary>The fields a word names: a number, a name, or a part of a short name ("福祉" in 保健・医療・福祉).</summary>
    private static List<int> Fields(string word) => ActivityFields.Parse(word) is { } field
        ? [field.Number]
        : ActivityFields.All.Where(f => f.ShortName.Split('・').Contains(word)).Select(f => f.Number).ToList();
}

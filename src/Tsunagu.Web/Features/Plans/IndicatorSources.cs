using System.Text;

namespace Tsunagu.Web.Features.Plans;

/// <summary>
/// An indicator whose yearly actual Tsunagu computes from its own records. Features add theirs
/// (volunteer matchings, centre visitors, course satisfaction) by registering another implementation.
/// </summary>
public interface IIndicatorSource
{
    /// <summary>The name plan files use in an indicator's "source".</summary>
    string Name { get; }
    /// <summary>What it counts, in Japanese.</summary>
    string Label { get; }
    /// <summary>The parameters it understands (name → what it narrows, in Japanese); none by default.</summary>
    IReadOnlyDictionary<string, string> Parameters => IndicatorSourceParameters.NoNames;
    /// <summary>What is wrong with the parameters' values (in Japanese), or null; their names are checked already.</summary>
    string? Problem(IndicatorSourceParameters parameters) => null;
    /// <summary>The actual for a fiscal year of the current city, narrowed by the indicator's parameters; null when the year has not begun.</summary>
    Task<decimal?> ValueAsync(int fiscalYear, IndicatorSourceParameters parameters, CancellationToken ct = default);
}

/// <summary>
/// A source's parameters as plan files and the manager's page write them: <c>name=value</c> pairs separated by
/// <c>;</c> ("type=NPO法人;field=福祉"); a value may list several choices separated by <c>,</c> or <c>、</c>.
/// </summary>
public sealed class IndicatorSourceParameters
{
    public static readonly IReadOnlyDictionary<string, string> NoNames = new Dictionary<string, string>();
    public static readonly IndicatorSourceParameters None = new([]);

    private readonly Dictionary<string, string> values;

    private IndicatorSourceParameters(Dictionary<string, string> values) => this.values = values;

    public IReadOnlyDictionary<string, string> Values => values;
    public bool IsEmpty => values.Count == 0;

    /// <summary>The value of a parameter, or null when it is not given.</summary>
    public string? this[string name] => values.GetValueOrDefault(name);

    /// <summary>The choices of a parameter ("共催,委託" → 共催, 委託); empty when it is not given.</summary>
    public IReadOnlyList<string> List(string name) =>
        this[name]?.Split([',', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>Reads parameters; the problem (in Japanese) when a pair is not <c>name=value</c> or a name comes twice.</summary>
    public static bool TryParse(string? text, out IndicatorSourceParameters parameters, out string? problem)
    {
        parameters = None;
        problem = null;
        var normalized = text?.Normalize(NormalizationForm.FormKC).Trim();
        if (string.IsNullOrEmpty(normalized)) return true;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in normalized.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1) { problem = $"「{pair}」は「名前=値」の形で書いてください（例：type=NPO法人）。"; return false; }
            var name = pair[..equals].Trim();
            if (!values.TryAdd(name, pair[(equals + 1)..].Trim())) { problem = $"「{name}」が2回あります。"; return false; }
        }
        parameters = new IndicatorSourceParameters(values);
        return true;
    }

    /// <summary>Reads parameters already checked when they were saved; what cannot be read counts as none.</summary>
    public static IndicatorSourceParameters Parse(string? text) => TryParse(text, out var parameters, out _) ? parameters : None;

    /// <summary>The parameters as they are stored: in the order written, "name=value" joined by ";"; null when there are none.</summary>
    public string? Text => IsEmpty ? null : ToString();

    public override string ToString() => string.Join(";", values.Select(v => $"{v.Key}={v.Value}"));
}

public class IndicatorSources(IEnumerable<IIndicatorSource> sources)
{
    /// <summary>Entered by the plan manager.</summary>
    public const string Manual = "manual";
    /// <summary>Entered by the plan manager from a survey (市民意識調査); its parameter names the question.</summary>
    public const string Survey = "survey";
    public const string SurveyQuestion = "question";

    public IIndicatorSource? Find(string name) => sources.FirstOrDefault(s => s.Name == name);

    public IEnumerable<string> Names => sources.Select(s => s.Name);

    public IEnumerable<IIndicatorSource> All => sources.OrderBy(s => s.Name, StringComparer.Ordinal);

    /// <summary>Whether the manager enters the actuals (manual, survey) rather than Tsunagu computing them.</summary>
    public static bool IsEntered(string source) => source is Manual or Survey;

    /// <summary>
    /// What is wrong with a source and its parameters (in Japanese), or null: the source must be manual, survey or a
    /// registered one, and each parameter one the source understands. Gives the parameters as they are stored.
    /// </summary>
    public string? Check(string source, string? parametersText, out string? storedParameters)
    {
        storedParameters = null;
        IReadOnlyDictionary<string, string> known;
        if (source == Manual) known = IndicatorSourceParameters.NoNames;
        else if (source == Survey) known = new Dictionary<string, string> { [SurveyQuestion] = "設問" };
        else if (Find(source) is { } found) known = found.Parameters;
        else return $"「{source}」という集計元はありません。{Manual}、{Survey} か {string.Join("、", Names)} にしてください。";
        if (!IndicatorSourceParameters.TryParse(parametersText, out var parameters, out var problem)) return problem;
        if (parameters.Values.Keys.FirstOrDefault(k => !known.ContainsKey(k)) is { } unknown)
            return known.Count == 0
                ? $"集計元「{source}」には条件を付けられません（「{unknown}」）。"
                : $"集計元「{source}」の条件に「{unknown}」はありません。{string.Join("、", known.Keys)} が使えます。";
        if (Find(source)?.Problem(parameters) is { } valueProblem) return valueProblem;
        storedParameters = parameters.Text;
        if (storedParameters is { Length: > 200 }) return "集計の条件は200文字以内にしてください。";
        return null;
    }

    /// <summary>The indicator's actual for a year: computed when it has a source, else as the manager entered it.</summary>
    public async Task<decimal?> ActualAsync(Indicator indicator, int fiscalYear, CancellationToken ct = default)
    {
        if (!IsEntered(indicator.Source) && Find(indicator.Source) is { } source)
            return await source.ValueAsync(fiscalYear, IndicatorSourceParameters.Parse(indicator.SourceParameters), ct);
        return indicator.Actuals.FirstOrDefault(a => a.FiscalYear == fiscalYear)?.Value;
    }
}

/// <summary>The kinds of indicator as plan files write them, and the kind a unit suggests when a file does not say.</summary>
public static class IndicatorKinds
{
    public static readonly (IndicatorKind Kind, string Code, string Japanese)[] All =
    [
        (IndicatorKind.Count, "count", "数"),
        (IndicatorKind.Percentage, "percentage", "割合"),
        (IndicatorKind.Yen, "yen", "金額"),
    ];

    public static string Code(IndicatorKind kind) => All.First(k => k.Kind == kind).Code;
    public static string Japanese(IndicatorKind kind) => All.First(k => k.Kind == kind).Japanese;

    /// <summary>The kind a file's word names ("count", "数", …), or null.</summary>
    public static IndicatorKind? Parse(string? word) =>
        All.Where(k => k.Code == word?.Trim() || k.Japanese == word?.Trim()).Select(k => (IndicatorKind?)k.Kind).FirstOrDefault();

    /// <summary>% is a percentage, 円 (千円, 万円) an amount, anything else counted one by one (団体, 件, 人, 回, 箇所…).</summary>
    public static IndicatorKind FromUnit(string? unit) => unit?.Trim() switch
    {
        "%" or "％" or "パーセント" => IndicatorKind.Percentage,
        "円" or "千円" or "万円" => IndicatorKind.Yen,
        _ => IndicatorKind.Count,
    };
}

public static class IndicatorSourceExtensions
{
    /// <summary>The actual with no parameters: the whole of what the source counts.</summary>
    public static Task<decimal?> ValueAsync(this IIndicatorSource source, int fiscalYear, CancellationToken ct = default) =>
        source.ValueAsync(fiscalYear, IndicatorSourceParameters.None, ct);
}

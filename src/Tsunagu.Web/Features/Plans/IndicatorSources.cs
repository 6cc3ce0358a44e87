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
    /// <summary>The actual for a fiscal year of the current city; null when the year has not begun.</summary>
    Task<decimal?> ValueAsync(int fiscalYear, CancellationToken ct = default);
}

public class IndicatorSources(IEnumerable<IIndicatorSource> sources)
{
    public const string Manual = "manual";

    public IIndicatorSource? Find(string name) => sources.FirstOrDefault(s => s.Name == name);

    public IEnumerable<string> Names => sources.Select(s => s.Name);

    /// <summary>The indicator's actual for a year: computed when it has a source, else as the manager entered it.</summary>
    public async Task<decimal?> ActualAsync(Indicator indicator, int fiscalYear, CancellationToken ct = default)
    {
        if (Find(indicator.Source) is { } source) return await source.ValueAsync(fiscalYear, ct);
        return indicator.Actuals.FirstOrDefault(a => a.FiscalYear == fiscalYear)?.Value;
    }
}

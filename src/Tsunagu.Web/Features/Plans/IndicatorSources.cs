using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Shared;

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

/// <summary>Registered groups at the end of the fiscal year (or today, for the year under way).</summary>
public class RegisteredGroupsSource(TsunaguDb db, TimeProvider clock) : IIndicatorSource
{
    public string Name => "registered-groups";
    public string Label => "年度末の登録団体数";

    /// <summary>When the city's registry began in Tsunagu; the same for every year a page asks about (the service is per request).</summary>
    private DateTime? firstRecord;

    public async Task<decimal?> ValueAsync(int fiscalYear, CancellationToken ct = default)
    {
        var yearEnd = new DateTime(fiscalYear + 1, 4, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var end = TimeZoneInfo.ConvertTimeToUtc(yearEnd, Display.TokyoZone);
        var now = clock.GetUtcNow().UtcDateTime;
        if (TimeZoneInfo.ConvertTimeToUtc(new DateTime(fiscalYear, 4, 1), Display.TokyoZone) > now) return null;
        // Before the city kept its registry in Tsunagu there is nothing to count: no figure rather than a false zero.
        firstRecord ??= await db.Groups.MinAsync(g => (DateTime?)g.CreatedAt, ct) ?? DateTime.MaxValue;
        if (firstRecord >= end) return null;
        // Published by the year's end, and not taken down before it (a lapsed registration counts until it lapsed).
        return await db.Groups.CountAsync(g => g.ApprovedAt < end
            && (g.Status == GroupStatus.Approved || (g.Status == GroupStatus.Unpublished && g.LapsedAt >= end)), ct);
    }
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

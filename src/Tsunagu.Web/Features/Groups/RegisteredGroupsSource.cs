using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Groups;

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

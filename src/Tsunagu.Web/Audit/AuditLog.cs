using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Audit;

/// <summary>Searches the audit log of one city, or (cityId null) the changes that belong to no city, such as accounts.</summary>
public class AuditLog(TsunaguDb db)
{
    public const int PageSize = 50;

    public sealed record Filter(string? Who, string? Entity, string? Key, DateOnly? From, DateOnly? To, int Page);

    public sealed record Result(List<AuditEntry> Entries, bool HasMore, List<string> EntityTypes);

    public async Task<Result> SearchAsync(int? cityId, Filter filter, CancellationToken ct = default)
    {
        // Audit entries carry no query filter: the city is matched here, explicitly.
        var scope = db.AuditEntries.AsNoTracking().Where(e => e.CityId == cityId);
        var query = scope;
        if (!string.IsNullOrWhiteSpace(filter.Who)) query = query.Where(e => e.UserEmail != null && e.UserEmail.Contains(filter.Who.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.Entity)) query = query.Where(e => e.EntityType == filter.Entity);
        if (!string.IsNullOrWhiteSpace(filter.Key)) query = query.Where(e => e.EntityKey == filter.Key.Trim());
        if (filter.From is { } from) query = query.Where(e => e.At >= TokyoMidnightUtc(from));
        if (filter.To is { } to) query = query.Where(e => e.At < TokyoMidnightUtc(to.AddDays(1)));
        var page = Math.Max(1, filter.Page);
        var rows = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        var types = await scope.Select(e => e.EntityType).Distinct().OrderBy(e => e).ToListAsync(ct);
        return new Result(rows.Take(PageSize).ToList(), rows.Count > PageSize, types);
    }

    private static DateTime TokyoMidnightUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Shared.Display.TokyoZone);
}

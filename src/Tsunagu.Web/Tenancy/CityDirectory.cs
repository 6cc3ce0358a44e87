using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Tenancy;

/// <summary>
/// Every request under /{city}/ looks its city up; cities change rarely, so the list is kept
/// in memory and reloaded when <see cref="Invalidate"/> is called.
/// </summary>
public class CityDirectory(IServiceScopeFactory scopes)
{
    private IReadOnlyList<City>? _cities;

    public async Task<IReadOnlyList<City>> AllAsync(CancellationToken ct = default)
    {
        if (_cities is { } cached) return cached;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var cities = await db.Cities.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        _cities = cities;
        return cities;
    }

    /// <summary>Finds a city by its slug or by its six-digit code (which must carry a valid check digit).</summary>
    public async Task<City?> FindAsync(string slugOrCode, CancellationToken ct = default)
    {
        var cities = await AllAsync(ct);
        var bySlug = cities.FirstOrDefault(c => string.Equals(c.Slug, slugOrCode, StringComparison.OrdinalIgnoreCase));
        if (bySlug is not null) return bySlug;
        return LocalGovernmentCode.IsValid(slugOrCode) ? cities.FirstOrDefault(c => c.Code == slugOrCode) : null;
    }

    public void Invalidate() => _cities = null;
}

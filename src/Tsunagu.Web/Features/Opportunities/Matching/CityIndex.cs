using System.Collections.Concurrent;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Features.Opportunities.Matching;

/// <summary>
/// An in-memory copy of one kind of matching profile per city, kept current from the rows' UpdatedAt: each use reads only
/// what changed since the previous use, and a full reload every <see cref="FullReloadEvery"/> drops deleted rows and anything
/// another instance committed late. Ranking 100,000 profiles then costs a scan in memory, not a database join.
/// </summary>
public abstract class CityIndex<TProfile>(TimeProvider clock) : IDisposable where TProfile : class
{
    /// <summary>A transaction commits a little after it stamps UpdatedAt, and instances' clocks differ a little: read back this far.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FullReloadEvery = TimeSpan.FromMinutes(15);

    private sealed class CityProfiles : IDisposable
    {
        public readonly SemaphoreSlim Lock = new(1, 1);
        public Dictionary<int, TProfile> Items = [];
        public DateTime? LastCheck;
        public DateTime LastFullLoad;
        public void Dispose() => Lock.Dispose();
    }

    private readonly ConcurrentDictionary<int, CityProfiles> cities = new();

    /// <summary>A singleton: the container disposes it when the app stops.</summary>
    public void Dispose()
    {
        foreach (var city in cities.Values) city.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The rows changed since a time (all rows when null), with null for a row that no longer qualifies.</summary>
    protected abstract Task<List<KeyValuePair<int, TProfile?>>> LoadAsync(TsunaguDb db, DateTime? changedSince, CancellationToken ct);

    /// <summary>The current profiles of the request's city. The caller must not change the dictionary.</summary>
    public async Task<IReadOnlyDictionary<int, TProfile>> CurrentAsync(TsunaguDb db, int cityId, CancellationToken ct)
    {
        var city = cities.GetOrAdd(cityId, _ => new CityProfiles());
        var now = clock.GetUtcNow().UtcDateTime;
        var full = city.LastCheck is null || now - city.LastFullLoad > FullReloadEvery;
        // While a full reload runs, requests keep answering from the copy they have rather than queue behind it.
        if (full && city.LastCheck is not null && city.Lock.CurrentCount == 0) return city.Items;
        await city.Lock.WaitAsync(ct);
        try
        {
            full = city.LastCheck is null || now - city.LastFullLoad > FullReloadEvery;
            var changes = await LoadAsync(db, full ? null : city.LastCheck - Overlap, ct);
            // Copy on write: readers holding the previous dictionary are never disturbed.
            var items = full ? new Dictionary<int, TProfile>(changes.Count) : changes.Count == 0 ? city.Items : new Dictionary<int, TProfile>(city.Items);
            foreach (var (id, profile) in changes)
            {
                if (profile is null) items.Remove(id);
                else items[id] = profile;
            }
            city.Items = items;
            city.LastCheck = now;
            if (full) city.LastFullLoad = now;
            return items;
        }
        finally
        {
            city.Lock.Release();
        }
    }
}

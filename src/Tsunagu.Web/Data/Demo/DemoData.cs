using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Data.Demo;

/// <summary>
/// Every demo data set the features registered, in the order they build on one another (cities, then groups, then what
/// groups do). The app's first start and the seed-demo command both load them from here.
/// </summary>
public static class DemoData
{
    /// <summary>Loads what is missing; returns, for each set, what it is and how many rows it added.</summary>
    public static async Task<List<(string What, int Added)>> SeedAllAsync(IServiceProvider services)
    {
        var loaded = new List<(string, int)>();
        foreach (var set in services.GetServices<IDemoDataSet>().OrderBy(s => s.Order))
            loaded.Add((set.Description, await set.SeedAsync()));
        return loaded;
    }
}

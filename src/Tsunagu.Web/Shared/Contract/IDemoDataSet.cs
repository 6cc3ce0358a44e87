namespace Tsunagu.Web.Shared.Contract;

/// <summary>
/// A demo data set. Sets load in <see cref="Order"/> (cities first, then groups, then what groups do), each adding only
/// what is missing, so a second run adds nothing.
/// </summary>
public interface IDemoDataSet
{
    /// <summary>Where it loads among the others: 0 is the cities; a set that needs another's rows comes after it.</summary>
    int Order { get; }
    /// <summary>What it loads, for the seed-demo command's report.</summary>
    string Description { get; }
    /// <summary>Loads what is missing; returns how many rows it added.</summary>
    Task<int> SeedAsync(CancellationToken ct = default);
}

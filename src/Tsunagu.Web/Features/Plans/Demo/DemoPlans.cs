using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Demo;

/// <summary>
/// The source plans transcribed from ../shared/seeds into the plan format (Features/Plans/Demo/*.json), loaded through
/// the same importer plan managers use. A plan whose key the city already has is left alone.
/// </summary>
public class DemoPlans(IServiceScopeFactory scopes) : IDemoDataSet
{
    public int Order => 60;
    public string Description => "Demo plans";

    /// <summary>File (without .json) → the city it belongs to.</summary>
    public static readonly (string File, string City)[] Files =
    [
        ("shimonoseki-5", "shimonoseki"),
        ("shimonoseki-4", "shimonoseki"),
        ("yamaguchi", "yamaguchi"),
        ("nagato", "nagato"),
        ("muroran", "muroran"),
    ];

    public static byte[]? Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Tsunagu.Web.Features.Plans.Demo.{file}.json");
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Imports the demo plans each city does not have yet; a plan file with problems stops the start with them listed.</summary>
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        foreach (var (file, slug) in Files)
        {
            var content = Read(file);
            if (content is null) continue;
            // Each plan in a scope of its own city, as a plan manager of that city would import it.
            using var scope = scopes.CreateScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<TsunaguDb>();
            var city = await db.Cities.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct);
            if (city is null) continue;
            services.GetRequiredService<CurrentCity>().Set(city);
            var key = PlanImporter.Parse(content, [])?.Key;
            if (key is null || await db.Set<Plan>().AnyAsync(p => p.Key == key, ct)) continue;
            var result = await services.GetRequiredService<PlanImporter>().ImportAsync(content, isDemo: true, ct);
            if (!result.Ok)
                throw new InvalidOperationException($"Demo plan {file}.json: " + string.Join("; ", result.Problems.Take(10).Select(p => $"{p.Where}: {p.Message}")));
            added++;
        }
        return added;
    }
}

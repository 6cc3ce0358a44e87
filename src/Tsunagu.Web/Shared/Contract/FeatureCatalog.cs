namespace Tsunagu.Web.Shared.Contract;

/// <summary>Finds every feature of the application: each non-abstract <see cref="IFeature"/> in this assembly.</summary>
public static class FeatureCatalog
{
    /// <summary>In type-name order, so that registration is the same on every start.</summary>
    public static IReadOnlyList<IFeature> All { get; } = typeof(FeatureCatalog).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFeature).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IFeature)Activator.CreateInstance(t)!)
        .ToList();

    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = new FeatureBuilder(services, configuration);
        foreach (var feature in All) feature.Register(builder);
        return services;
    }

    public static void MapFeatures(this IEndpointRouteBuilder app)
    {
        foreach (var feature in All) feature.MapEndpoints(app);
    }
}

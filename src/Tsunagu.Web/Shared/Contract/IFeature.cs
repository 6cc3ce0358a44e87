namespace Tsunagu.Web.Shared.Contract;

/// <summary>
/// What a feature contributes to the application. Each feature's <c>*Registration.cs</c> implements it, and
/// <see cref="FeatureCatalog"/> finds every implementation in the assembly at start-up: adding a feature edits no
/// shared file. The shared places (staff menu, city home, the feeds in each page's head, マイページ, demo data, personal
/// data, indicator sources) loop over what the features registered and never name one.
/// </summary>
public interface IFeature
{
    /// <summary>Services, background jobs and the entries of the shared places.</summary>
    void Register(FeatureBuilder feature);

    /// <summary>Minimal-API endpoints and files outside Razor Pages (API, feeds, images); Razor Pages map themselves.</summary>
    void MapEndpoints(IEndpointRouteBuilder app) { }
}

/// <summary>What a feature's registration writes to: the service collection and typed entries for the shared places.</summary>
public sealed class FeatureBuilder(IServiceCollection services, IConfiguration configuration)
{
    public IServiceCollection Services => services;
    public IConfiguration Configuration => configuration;

    /// <summary>A card on the staff menu (<c>/{city}/admin</c>), shown to those the entry's policy admits.</summary>
    public FeatureBuilder StaffMenu(StaffMenuEntry entry)
    {
        services.AddSingleton(entry);
        return this;
    }

    /// <summary>A card on the city's home page.</summary>
    public FeatureBuilder CityHome(CityHomeEntry entry)
    {
        services.AddSingleton(entry);
        return this;
    }

    /// <summary>A short list of what is new in the feature, under 新着情報 on the city's home page.</summary>
    public FeatureBuilder CityHomeSection<T>() where T : class, ICityHomeSection
    {
        services.AddScoped<ICityHomeSection, T>();
        return this;
    }

    /// <summary>A feed of the city, advertised in the head of every city page.</summary>
    public FeatureBuilder CityFeed(CityFeedEntry entry)
    {
        services.AddSingleton(entry);
        return this;
    }

    /// <summary>A card on マイページ (<c>/{city}/my</c>): a list of the signed-in person's own.</summary>
    public FeatureBuilder MyPage(MyPageEntry entry)
    {
        services.AddSingleton(entry);
        return this;
    }

    /// <summary>A demo data set, loaded on a demo install's first start and by the seed-demo command, in <see cref="IDemoDataSet.Order"/>.</summary>
    public FeatureBuilder DemoData<T>() where T : class, IDemoDataSet
    {
        services.AddScoped<T>();
        services.AddScoped<IDemoDataSet>(sp => sp.GetRequiredService<T>());
        return this;
    }

    /// <summary>What the feature holds about a person: exported on request and released before the account is deleted.</summary>
    public FeatureBuilder PersonalData<T>() where T : class, IPersonalData
    {
        services.AddScoped<IPersonalData, T>();
        return this;
    }

    /// <summary>A background job that runs in every instance.</summary>
    public FeatureBuilder Job<T>() where T : class, IHostedService
    {
        services.AddHostedService<T>();
        return this;
    }
}

namespace Tsunagu.Web.Data.Demo;

/// <summary>
/// Every demo data set, in the order they build on one another (cities, then groups, then what groups do). The app's
/// first start and the seed-demo command both load them from here, so a new set is added in one place.
/// </summary>
public static class DemoData
{
    /// <summary>Loads what is missing; returns, for each set, what it is and how many rows it added.</summary>
    public static async Task<List<(string What, int Added)>> SeedAllAsync(IServiceProvider services) =>
    [
        ("Cities", await services.GetRequiredService<DemoSeeder>().SeedCitiesAsync()),
        ("Demo groups", await services.GetRequiredService<DemoGroups>().SeedAsync()),
        ("Demo news, grant notices and case studies", await services.GetRequiredService<DemoNews>().SeedAsync()),
        ("Demo needs and offers", await services.GetRequiredService<DemoExchange>().SeedAsync()),
        ("Demo talent bank entries", await services.GetRequiredService<DemoTalent>().SeedAsync()),
        ("Demo consultations", await services.GetRequiredService<DemoConsultations>().SeedAsync()),
        ("Demo plans", await services.GetRequiredService<DemoPlans>().SeedAsync()),
        ("Demo opportunities", await services.GetRequiredService<DemoOpportunities>().SeedAsync()),
        ("Demo rooms, lockers and mailboxes", await services.GetRequiredService<DemoSpaces>().SeedAsync()),
        ("Demo events", await services.GetRequiredService<DemoEvents>().SeedAsync()),
        ("Demo on-request lecture topics", await services.GetRequiredService<DemoLectures>().SeedAsync()),
    ];
}

namespace Tsunagu.Web.Features.Plans;

public static class PlansRegistration
{
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddScoped<PlanService>();
        services.AddScoped<PlanImporter>();
        services.AddScoped<IndicatorSources>();
        services.AddScoped<IIndicatorSource, RegisteredGroupsSource>();
        services.AddScoped<Rounds.RoundService>();
        services.AddHostedService<Rounds.RoundReminders>();
        return services;
    }
}

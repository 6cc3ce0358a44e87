using Tsunagu.Web.Features.Opportunities.Matching;
using Tsunagu.Web.Features.Plans;

namespace Tsunagu.Web.Features.Opportunities;

public static class OpportunitiesRegistration
{
    public static IServiceCollection AddOpportunities(this IServiceCollection services)
    {
        services.AddScoped<OpportunityService>();
        services.AddScoped<MatchingService>();
        services.AddScoped<ConsoleService>();
        // One in-memory matching index per instance, shared by every request.
        services.AddSingleton<VolunteerIndex>();
        services.AddSingleton<OpportunityIndex>();
        services.AddScoped<IIndicatorSource, VolunteerMatchingsSource>();
        services.AddScoped<OpportunityNotifications>();
        services.AddHostedService<OpportunityNotificationsJob>();
        return services;
    }
}

using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;

namespace Tsunagu.Web.Features.Events;

public static class EventsRegistration
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<EventService>();
        services.AddSingleton(new RegistrationGate(DatabaseRegistration.Provider(config) == DatabaseProvider.Sqlite ? 1 : 8));
        services.AddScoped<IIndicatorSource, CourseSatisfactionSource>();
        services.AddHostedService<EventReminderJob>();
        return services;
    }
}

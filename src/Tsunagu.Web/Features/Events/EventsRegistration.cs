using Tsunagu.Web.Features.Plans;

namespace Tsunagu.Web.Features.Events;

public static class EventsRegistration
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddScoped<EventService>();
        services.AddSingleton<RegistrationGate>();
        services.AddScoped<IIndicatorSource, CourseSatisfactionSource>();
        services.AddHostedService<EventReminderJob>();
        return services;
    }
}

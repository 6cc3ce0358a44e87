namespace Tsunagu.Web.Features.Volunteers;

public static class VolunteersRegistration
{
    public static IServiceCollection AddVolunteers(this IServiceCollection services)
    {
        services.AddScoped<VolunteerService>();
        return services;
    }
}

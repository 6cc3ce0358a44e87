namespace Tsunagu.Web.Features.Groups;

public static class GroupsRegistration
{
    public static IServiceCollection AddGroups(this IServiceCollection services)
    {
        services.AddScoped<GroupService>();
        services.AddScoped<GroupDirectory>();
        services.AddScoped<Transfer.GroupImporter>();
        services.AddScoped<Renewal.RenewalService>();
        services.AddHostedService<Renewal.RenewalEnforcement>();
        return services;
    }
}

namespace Tsunagu.Web.Features.Admin;

public static class AdminRegistration
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<StaffService>();
        services.AddScoped<Audit.AuditLog>();
        return services;
    }
}

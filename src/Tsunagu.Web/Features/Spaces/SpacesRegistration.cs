using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

public static class SpacesRegistration
{
    public static IServiceCollection AddSpaces(this IServiceCollection services)
    {
        services.AddScoped<SpaceService>();
        services.AddScoped<SpaceSetupService>();
        services.AddScoped<LotteryService>();
        services.AddScoped<LockerService>();
        services.AddScoped<RoomPhotoService>();
        services.AddScoped<IIndicatorSource, CentreVisitorsSource>();
        services.AddHostedService<ProvisionalBookingLapse>();
        return services;
    }
}

/// <summary>Every quarter of an hour, provisional bookings past their payment deadline lapse (audited as the system).</summary>
public class ProvisionalBookingLapse(IServiceScopeFactory scopes, ILogger<ProvisionalBookingLapse> log)
    : CityJob(scopes, log, TimeSpan.FromMinutes(15), "booking-lapse")
{
    protected override Task RunForCityAsync(IServiceProvider services, City city, CancellationToken ct) =>
        services.GetRequiredService<SpaceService>().LapseAsync(ct);
}

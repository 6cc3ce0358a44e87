using Tsunagu.Web.Data.Demo;
using Tsunagu.Web.Features.Plans;

namespace Tsunagu.Web.Features.Exchange;

public static class ExchangeRegistration
{
    public static IServiceCollection AddExchange(this IServiceCollection services)
    {
        services.AddScoped<ExchangeService>();
        services.AddScoped<IIndicatorSource, GroupMatchingsSource>();
        services.AddScoped<DemoExchange>();
        return services;
    }
}

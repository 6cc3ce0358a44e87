namespace Tsunagu.Web.Features.Account;

public static class AccountRegistration
{
    public static IServiceCollection AddAccount(this IServiceCollection services)
    {
        services.AddScoped<AccountService>();
        return services;
    }
}

namespace Tsunagu.Web.Features.TalentBank;

public static class TalentBankRegistration
{
    public static IServiceCollection AddTalentBank(this IServiceCollection services)
    {
        services.AddScoped<TalentBankService>();
        return services;
    }
}

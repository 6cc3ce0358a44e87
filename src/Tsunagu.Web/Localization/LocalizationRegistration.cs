using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Tsunagu.Web.Localization;

public static class LocalizationRegistration
{
    public static readonly CultureInfo Japanese = new("ja-JP");
    public static readonly CultureInfo English = new("en");

    public static IServiceCollection AddTsunaguLocalization(this IServiceCollection services)
    {
        services.AddSingleton<Text>();
        services.AddSingleton<IStringLocalizerFactory>(sp => sp.GetRequiredService<Text>());
        services.AddSingleton<IStringLocalizer>(sp => sp.GetRequiredService<Text>());
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Japanese);
            o.SupportedCultures = o.SupportedUICultures = [Japanese, English];
            // Japanese unless the person chose English: the cookie from the language switch, or ?culture=en.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }
}

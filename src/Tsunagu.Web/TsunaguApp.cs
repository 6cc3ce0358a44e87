using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Razor;
using Tsunagu.Web.Data;
using Tsunagu.Web.Data.Demo;
using Tsunagu.Web.Email;
using Tsunagu.Web.Features.Errors;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Operations;
using Tsunagu.Web.Shared.Api;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web;

/// <summary>Wires the application; Program.cs only chooses between serving and a command.</summary>
public static class TsunaguApp
{
    public static WebApplication Build(string[] args)
    {
        // The application name finds the Razor Pages; it is this assembly even when another program hosts it (bench/).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(TsunaguApp).Assembly.GetName().Name });
        // `dotnet run --project src/Tsunagu.Web` from the repository root makes the root the content root;
        // the settings then come from beside the built app (data/ stays relative to where it was started).
        foreach (var file in new[] { "appsettings.json", $"appsettings.{builder.Environment.EnvironmentName}.json" })
        {
            if (!File.Exists(Path.Combine(builder.Environment.ContentRootPath, file)))
                builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, file), optional: true);
        }
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        if (!builder.Environment.IsDevelopment()) builder.Logging.AddJsonConsole();
        PublicLinks.Require(builder.Configuration, builder.Environment);

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTsunaguData(builder.Configuration);
        builder.Services.AddSingleton<CityDirectory>();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<IDemoDataSet>(sp => sp.GetRequiredService<DemoSeeder>());
        builder.Services.AddTsunaguIdentity(builder.Configuration, builder.Environment);
        builder.Services.AddTsunaguLocalization();
        builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection("Tsunagu:Smtp"));
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddScoped<PublicLinks>();
        builder.Services.AddSingleton<OutboxDelivery>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDelivery>());
        builder.Services.AddTsunaguOperations(builder.Configuration);
        builder.WebHost.ConfigureKestrel(RequestSizeLimits.Configure);
        // Every feature's services, jobs and entries in the shared places (Shared/Contract).
        builder.Services.AddFeatures(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddMvcOptions(o =>
            {
                // No form lets a control character through (Shared/ControlCharacters.cs).
                o.ModelValidatorProviders.Add(new Tsunagu.Web.Shared.NoControlCharactersEverywhere());
                // No date outside 1900–2100 gets past binding (Shared/CalendarRange.cs).
                o.ModelBinderProviders.Insert(0, new Tsunagu.Web.Shared.CalendarRangeBinderProvider());
                // A date, time or number the browser sent that cannot be read gets a message in the page's language, not ASP.NET's English.
                var text = new Text();
                o.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, field) => text["「{0}」は{1}として読み取れません。", value, text[field]]);
                o.ModelBindingMessageProvider.SetValueIsInvalidAccessor(value => text["「{0}」は読み取れません。", value]);
                o.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(field => text["{0}は数字で入力してください。", text[field]]);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        builder.Services.Configure<RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Shared/{0}" + RazorViewEngine.ViewExtension));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "tsunagu.af";
            // Outside Development the app is reached over HTTPS, even when a proxy ends TLS and forwards plain HTTP.
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        // Japanese text is written as it is, not as &#x…; entities (still HTML-encoded for <, >, &, quotes).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddTsunaguOpenApi();
        builder.Services.AddApiProblems();

        // Sign-in cookies and e-mail links stay valid across restarts, and several instances can share
        // one key folder (a shared volume) when Tsunagu:DataProtection:KeysPath points at it.
        var keysPath = builder.Configuration["Tsunagu:DataProtection:KeysPath"];
        if (!string.IsNullOrWhiteSpace(keysPath))
        {
            builder.Services.AddDataProtection().SetApplicationName("Tsunagu")
                .PersistKeysToFileSystem(Directory.CreateDirectory(keysPath));
        }

        // Behind a reverse proxy, the client address (used by the sign-in rate limits) comes from X-Forwarded-For,
        // but only from the proxies listed in Tsunagu:ForwardedHeaders:KnownProxies.
        var knownProxies = builder.Configuration.GetSection("Tsunagu:ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in knownProxies) o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });

        var app = builder.Build();

        if (knownProxies.Length > 0) app.UseForwardedHeaders();
        else if (!app.Environment.IsDevelopment())
            app.Logger.LogWarning("No reverse proxy is named in Tsunagu:ForwardedHeaders:KnownProxies: X-Forwarded-For and X-Forwarded-Proto are ignored, so the sign-in rate limits count the proxy's address as one client and HSTS is sent only on direct HTTPS requests. Name the proxy's address if one is in front.");

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRequestLocalization();
        // Under /api/ errors are problem+json instead of the HTML error pages above (Features/Errors/ApiProblems.cs).
        app.UseApiProblems();
        app.UseRouting();
        app.UseControlCharacterFilter();
        app.UseMiddleware<CityRoutingMiddleware>();
        app.UseAuthentication();
        // After authentication, so a limit can count per signed-in person (group invitations); the account forms count per address.
        app.UseRateLimiter();
        app.UsePrivateResponses();
        app.UseAuthorization();
        // A body larger than its endpoint takes is answered 413 before antiforgery or a page reads it (Operations/RequestSizeLimits.cs).
        app.UseRequestSizeLimits();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapHealthChecks("/health");
        app.MapOpenApi(ApiDocument.Path);
        app.MapApiReference();
        app.MapFeatures();
        return app;
    }

    /// <summary>Migrates the database and loads the demo cities on first start (and demo accounts in Development).</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        await DatabaseRegistration.MigrateAsync(db);
        if (!app.Configuration.GetValue("Tsunagu:SeedDemo", true)) return;

        await DemoData.SeedAllAsync(scope.ServiceProvider);
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        if (!app.Environment.IsDevelopment() || !app.Configuration.GetValue("Tsunagu:SeedDemoAccounts", true)) return;

        var accounts = await seeder.SeedDemoAccountsAsync();
        if (app.Configuration.GetValue("Tsunagu:PrintDemoAccounts", true))
            PrintDemoAccounts(app, accounts);
    }

    private static void PrintDemoAccounts(WebApplication app, IReadOnlyList<DemoSeeder.DemoAccount> accounts)
    {
        var url = app.Configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? "http://localhost:5080";
        Console.WriteLine();
        Console.WriteLine($"つなぐ Tsunagu is running at {url}");
        Console.WriteLine($"Demo accounts (Development only; password for all: {DemoSeeder.DemoPassword}; exempt from two-factor):");
        foreach (var group in accounts.GroupBy(a => a.City))
            Console.WriteLine($"  {group.Key,-12} " + string.Join("  ", group.Select(a => a.Email)));
        Console.WriteLine();
    }
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Operations;

public static class OperationsRegistration
{
    /// <summary>Sign-in, sign-up and password reset: a few attempts per minute from one address.</summary>
    public const string AccountFormsLimit = "account-forms";

    public static IServiceCollection AddTsunaguOperations(this IServiceCollection services, IConfiguration config)
    {
        var permitted = config.GetValue("Tsunagu:RateLimits:AccountFormsPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AccountFormsLimit, context =>
                // Reading the form costs nothing; only submissions are counted.
                HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("read")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permitted, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}

public class DatabaseHealthCheck(TsunaguDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database cannot be reached.");
}

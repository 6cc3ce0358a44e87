using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Operations;

public static class OperationsRegistration
{
    /// <summary>Sign-in, sign-up and password reset: a few attempts per minute from one address.</summary>
    public const string AccountFormsLimit = "account-forms";

    /// <summary>Invitations to become a group's administrator: a few per hour from one person, so the form cannot mail-bomb.</summary>
    public const string GroupInvitationsLimit = "group-invitations";

    public static IServiceCollection AddTsunaguOperations(this IServiceCollection services, IConfiguration config)
    {
        var permitted = config.GetValue("Tsunagu:RateLimits:AccountFormsPerMinute", 10);
        var invitations = config.GetValue("Tsunagu:RateLimits:GroupInvitationsPerHour", 20);
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
            o.AddPolicy(GroupInvitationsLimit, context =>
                // Only sending an invitation (the form's Add handler) is counted, per signed-in person (the limiter runs
                // after authentication); the page's other forms and reading it are not.
                !HttpMethods.IsPost(context.Request.Method) || !string.Equals(Handler(context), "Add", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetNoLimiter("other")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? "user:" + userId : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = invitations, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>The Razor Pages handler a request names (<c>?handler=Add</c>, or a {handler} route value).</summary>
    private static string? Handler(HttpContext context) =>
        context.GetRouteValue("handler") as string ?? context.Request.Query["handler"].FirstOrDefault();
}

public class DatabaseHealthCheck(TsunaguDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database cannot be reached.");
}

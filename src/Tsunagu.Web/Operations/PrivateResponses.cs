namespace Tsunagu.Web.Operations;

/// <summary>
/// Centres have shared computers: nothing answered to a signed-in person (pages that show their name, their lists, staff
/// exports, the personal-data export, /api/v1/me) may stay in the browser's or a proxy's cache, nor may the account
/// pages, whose forms carry the visitor's antiforgery token.
/// </summary>
public static class PrivateResponses
{
    public static IApplicationBuilder UsePrivateResponses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            if (context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/account"))
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Remove("Expires");
            }
            return Task.CompletedTask;
        });
        await next();
    });
}

using System.Security.Cryptography;

namespace Tsunagu.Web.Operations;

/// <summary>
/// Headers every response carries: no inline script or style may run, and no site may frame ours. The one exception is a
/// response that asked for a script nonce (the API reference page): its own inline script, carrying that nonce, may run.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private const string NonceItem = "tsunagu:script-nonce";

    /// <summary>
    /// A fresh nonce for this response's inline scripts, and a policy that admits exactly the scripts carrying it. The
    /// page's bundled styles are injected by its script, so that response also allows inline style (never inline script).
    /// </summary>
    public static string ScriptNonce(HttpContext context)
    {
        if (context.Items[NonceItem] is string existing) return existing;
        // Hex: nothing in it needs escaping in the HTML attribute or the header.
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        context.Items[NonceItem] = nonce;
        return nonce;
    }

    public static string PolicyFor(HttpContext context) => context.Items[NonceItem] is string nonce
        ? ContentSecurityPolicy
            .Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal)
            .Replace("style-src 'self';", "style-src 'self' 'unsafe-inline';", StringComparison.Ordinal)
        : ContentSecurityPolicy;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(context);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        await next();
    });
}

namespace Tsunagu.Web.Email;

/// <summary>
/// Absolute links for e-mail and feeds: always the configured public address (Tsunagu:PublicBaseUrl), never the request's
/// Host header, which anyone can forge to have a reset link point at their own site.
/// </summary>
public class PublicLinks(IConfiguration config)
{
    /// <summary>What Development uses when nothing is configured: the address `dotnet run` serves.</summary>
    public const string DevelopmentBaseUrl = "http://localhost:5080";

    public string BaseUrl => BaseUrlFrom(config) ?? DevelopmentBaseUrl;

    public string For(string pathAndQuery) => BaseUrl + pathAndQuery;

    public static string? BaseUrlFrom(IConfiguration config) =>
        config["Tsunagu:PublicBaseUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : null;

    /// <summary>
    /// Outside Development the address must be set and be an absolute http(s) URL: start-up stops with this message
    /// rather than mailing links that lead nowhere.
    /// </summary>
    public static void Require(IConfiguration config, IHostEnvironment environment)
    {
        var url = BaseUrlFrom(config);
        if (url is null)
        {
            if (environment.IsDevelopment()) return;
            throw new InvalidOperationException(
                "Tsunagu:PublicBaseUrl is not set. Set it to the address people use to reach Tsunagu (e.g. Tsunagu__PublicBaseUrl=https://tsunagu.example.lg.jp): e-mailed links are built from it, never from the request's Host header.");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.PathAndQuery != "/")
            throw new InvalidOperationException($"Tsunagu:PublicBaseUrl \"{url}\" is not an absolute http(s) address without a path (e.g. https://tsunagu.example.lg.jp).");
    }
}

namespace Tsunagu.Web.Email;

/// <summary>Absolute links for e-mail: the configured public address, never the request's Host header.</summary>
public class PublicLinks(IConfiguration config, IHttpContextAccessor http)
{
    public string For(string pathAndQuery)
    {
        var baseUrl = config["Tsunagu:PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            var request = http.HttpContext?.Request;
            baseUrl = request is null ? "http://localhost:5080" : $"{request.Scheme}://{request.Host}";
        }
        return baseUrl.TrimEnd('/') + pathAndQuery;
    }
}

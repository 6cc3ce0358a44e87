using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Api;

/// <summary>The API reference page for people (Scalar at /api/docs): public, served by the app, under a strict CSP.</summary>
public partial class ApiReferenceTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task ReferencePage_IsPublic_AndRendersTheOpenApiDocument()
    {
        await factory.EnsurePreparedAsync();
        var client = Client();
        var bare = await client.GetAsync("/api/docs");
        bare.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        bare.Headers.Location!.OriginalString.ShouldBe("docs/");

        var response = await client.GetAsync("/api/docs/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<title>Tsunagu API</title>");
        html.ShouldContain("\"url\":\"openapi/v1.json\"", customMessage: "the page loads the app's own OpenAPI document");
        html.ShouldContain("\"preferredSecurityScheme\":[\"bearer\"]");

        // Everything it loads comes from this app: the bundle, the helper and the document it points at.
        foreach (Match script in ScriptSource().Matches(html))
        {
            var asset = await client.GetAsync("/api/docs/" + script.Groups["src"].Value);
            asset.StatusCode.ShouldBe(HttpStatusCode.OK, script.Value);
            asset.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        }
        ScriptSource().Count(html).ShouldBe(2);
        (await client.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ReferencePage_RunsOnlyItsOwnNoncedScript_AndOtherPagesKeepTheStrictPolicy()
    {
        await factory.EnsurePreparedAsync();
        var client = Client();
        var first = await client.GetAsync("/api/docs/");
        var csp = first.Headers.GetValues("Content-Security-Policy").Single();
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        scriptSrc.ShouldNotContain("unsafe-inline");
        scriptSrc.ShouldNotContain("unsafe-eval");
        var nonce = Nonce().Match(scriptSrc).Groups["nonce"].Value;
        nonce.Length.ShouldBeGreaterThanOrEqualTo(32);
        var html = await first.Content.ReadAsStringAsync();
        Regex.Matches(html, "<script[^>]*>").ShouldAllBe(tag => tag.Value.Contains($"nonce=\"{nonce}\""));
        csp.ShouldContain("connect-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        first.Headers.CacheControl!.NoStore.ShouldBeTrue("a nonce is used once");

        var second = (await client.GetAsync("/api/docs/")).Headers.GetValues("Content-Security-Policy").Single();
        Nonce().Match(second).Groups["nonce"].Value.ShouldNotBe(nonce);

        foreach (var url in new[] { "/shimonoseki", "/api/v1/cities", "/openapi/v1.json", "/api/docs/scalar.js" })
        {
            var policy = (await client.GetAsync(url)).Headers.GetValues("Content-Security-Policy").Single();
            policy.ShouldNotContain("unsafe-inline", customMessage: url);
            policy.ShouldNotContain("nonce-", customMessage: url);
        }
    }

    [GeneratedRegex("<script[^>]* src=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("'nonce-(?<nonce>[A-Za-z0-9+/=_-]+)'")]
    private static partial Regex Nonce();
}

using Scalar.AspNetCore;
using Tsunagu.Web.Operations;

namespace Tsunagu.Web.Shared.Api;

/// <summary>
/// The API reference for people (Scalar), at <c>/api/docs</c>: the OpenAPI document rendered with its operations, schemas
/// and request examples, and a way to try the API with a token. Everything it loads is served by this app.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/docs";

    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, (options, http) => options
            .WithTitle("Tsunagu API")
            .WithOpenApiRoutePattern(ApiDocument.Path)
            .AddDocument(ApiDocument.Name)
            // The page's one inline script runs by this response's nonce (SecurityHeaders); no other inline script may.
            .WithNonce(SecurityHeaders.ScriptNonce(http))
            .AddPreferredSecuritySchemes([ApiDocument.BearerScheme])
            // Nothing from other sites: no web fonts from a CDN, no telemetry, no AI chat or MCP service.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
}

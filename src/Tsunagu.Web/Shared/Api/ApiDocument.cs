using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Shared.Api;

/// <summary>
/// The OpenAPI document of the JSON API (<c>/openapi/v1.json</c>). Each feature's <c>*Api.cs</c> gives its operations a
/// name, summary, tag and response types; what every operation shares is added here, once: the <c>{city}</c> path
/// parameter, the <c>bearer</c> security scheme and who needs it, and the problem+json error responses.
/// </summary>
public static partial class ApiDocument
{
    public const string Name = "v1";
    public const string Path = "/openapi/{documentName}.json";
    public const string BearerScheme = "bearer";
    public const string ProblemJson = "application/problem+json";

    /// <summary>Tags in the order a reader meets them, each with what it holds.</summary>
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Cities", "The cities on this Tsunagu and, per city, its districts (地区) and departments (課)."),
        ("Groups", "The public directory of registered civic groups (市民活動団体): only published groups and their public fields."),
        ("Plans", "Plans as data (計画: basic policies, measures, yearly plans, indicators) and their published annual reports (年次報告)."),
        ("Events", "Courses and events (講座・研修, 交流会) open for registration, and registering with a personal API token."),
        ("Opportunities", "Volunteer opportunities (ボランティア募集) with their shifts still to come, and applying for a shift."),
        ("Spaces", "Rooms of the civic activity centre: provisional bookings (仮予約) with a personal API token."),
        ("Account", "The person a token or sign-in belongs to."),
    ];

    /// <summary>Operations whose feature file is not ours to edit; their summaries live here until it gives them itself.</summary>
    private static readonly Dictionary<string, (string Summary, string Description)> Fallbacks = new(StringComparer.Ordinal)
    {
        ["GetMe"] = ("Who am I", "The account the token (or the sign-in cookie) belongs to, with its roles in each city."),
    };

    public static IServiceCollection AddTsunaguOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(Name, o =>
        {
            // The document describes the JSON API for programs; the files linked from pages (logos, photos, report
            // downloads, feeds) are not part of it.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            // A nested record with a name that means nothing alone (GroupDirectory.Result) is named after its container.
            o.CreateSchemaReferenceId = t => t.Type.IsNested && t.Type.Name is "Result" or "Query" or "Request" or "Item"
                ? t.Type.DeclaringType!.Name + t.Type.Name
                : OpenApiOptions.CreateDefaultSchemaReferenceId(t);
            o.AddSchemaTransformer(DescribeSchemaAsync);
            o.AddOperationTransformer(DescribeOperationAsync);
            o.AddDocumentTransformer(DescribeDocumentAsync);
        });
        return services;
    }

    private static async Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Tsunagu API",
            Version = Name,
            Description = """
                The JSON API of Tsunagu (つなぐ), the civic collaboration platform of Japanese cities: the public directory of
                civic groups, plans and their annual reports, events and volunteer opportunities, and — with a personal API
                token — registering for events, applying for volunteer shifts and booking rooms.

                **Cities.** Every path but `/api/v1/cities` and `/api/v1/me` starts with a city: its slug (`shimonoseki`), or its
                six-digit local government code (団体コード, `352012`), which a GET redirects to the slug. An unknown city is 404.

                **Authentication.** Reading is open to everyone. Writing needs a personal API token, created at
                `/account/api-tokens` (or by an operator with `create-api-token`) and sent as `Authorization: Bearer tsu_…`;
                it carries its owner's permissions. Writes never accept the sign-in cookie, so no other site can make them in
                a visitor's name.

                **Errors.** Every error under `/api/` is `application/problem+json` (RFC 9457) with `type`, `title`, `status` and
                `detail`, whatever the `Accept` header; a 401 carries `WWW-Authenticate: Bearer`. Validation errors (422) list
                the fields in `errors`.

                **Values.** Times are UTC (ISO 8601); money is whole yen. Texts are in Japanese.
                """,
        };

        // The public address when one is configured (as in e-mail links), so the document does not name whatever
        // Host header the request came with; otherwise the generator's own (the request's address).
        var publicBaseUrl = context.ApplicationServices.GetRequiredService<IConfiguration>()["Tsunagu:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
            document.Servers = [new OpenApiServer { Url = publicBaseUrl.TrimEnd('/'), Description = "This Tsunagu" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "tsu_…",
            Description = "A personal API token (`tsu_` and 64 hex digits), created at `/account/api-tokens`. It acts as its owner; revoke it there.",
        };

        var used = (document.Paths?.Values.AsEnumerable() ?? []).SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags?.AsEnumerable() ?? []).Select(t => t.Name)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(
            Tags.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })
                .Concat(used.Where(u => !Tags.Any(t => t.Name == u)).Order(StringComparer.Ordinal).Select(u => new OpenApiTag { Name = u })));

        // The error responses refer to it; an endpoint that declares a problem itself has usually added it already.
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!document.Components.Schemas.ContainsKey(nameof(ProblemDetails)))
            document.AddComponent(nameof(ProblemDetails), await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
    }

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var path = "/" + description.RelativePath;

        if (operation.OperationId is { } id && Fallbacks.TryGetValue(id, out var fallback))
        {
            operation.Summary ??= fallback.Summary;
            operation.Description ??= fallback.Description;
        }

        // Route values the handler does not bind itself ({city} is read by CityRoutingMiddleware) are still parameters.
        operation.Parameters ??= [];
        var index = 0;
        foreach (Match m in RouteParameter().Matches(path))
        {
            var name = m.Groups["name"].Value;
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
            {
                operation.Parameters.Insert(index, name == "city"
                    ? CityParameter()
                    : new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            }
            index++;
        }

        operation.Responses ??= [];
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (policies.Count > 0 && !anonymous)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            var tokenOnly = policies.Contains(Policies.ApiToken);
            AddProblem(operation, context, 401, tokenOnly
                ? "No personal API token, or one that is unknown, revoked or of a locked account (the sign-in cookie is not accepted here)."
                : "Neither a personal API token nor a sign-in.");
        }
        else
        {
            // Open to everyone: an empty requirement list says so explicitly.
            operation.Security = [];
        }
        if (path.Contains("{city}", StringComparison.Ordinal))
            AddProblem(operation, context, 404, "No such city" + (path.Count(c => c == '{') > 1 ? ", or no such record in it." : "."));
        AddProblem(operation, context, "4XX", "Any other client error (for example 400, 405 or 429), as problem details.");
        AddProblem(operation, context, "5XX", "A server error, as problem details; it is logged.");

        // The words each endpoint gave its answers (ApiResponses), in place of the bare reason phrase.
        foreach (var declared in metadata.OfType<IProducesResponseTypeMetadata>().Where(m => !string.IsNullOrEmpty(m.Description)))
        {
            if (operation.Responses.TryGetValue(declared.StatusCode.ToString(CultureInfo.InvariantCulture), out var response) && response is OpenApiResponse concrete)
                concrete.Description = declared.Description;
        }

        // In status order, as a reader scans them.
        var sorted = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (status, response) in sorted) operation.Responses[status] = response;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Numbers are written as numbers: the "or a string of digits" the web JSON defaults accept on reading is left out,
    /// so generated clients get plain integers. An enum sent as a number lists its values with their names.
    /// </summary>
    private static Task DescribeSchemaAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (schema.Type is { } type && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)) && type.HasFlag(JsonSchemaType.String))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        var clr = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (clr.IsEnum && schema.Type is { } enumType && enumType.HasFlag(JsonSchemaType.Integer) && (schema.Enum is null || schema.Enum.Count == 0))
        {
            var values = Enum.GetValues(clr).Cast<object>().Select(v => (Value: Convert.ToInt32(v, CultureInfo.InvariantCulture), Name: v.ToString())).ToList();
            schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v.Value))];
            schema.Description ??= string.Join(", ", values.Select(v => $"`{v.Value}` {v.Name}"));
        }
        return Task.CompletedTask;
    }

    private static OpenApiParameter CityParameter() => new()
    {
        Name = "city",
        In = ParameterLocation.Path,
        Required = true,
        Description = "The city: its slug (e.g. `shimonoseki`) or its six-digit local government code (団体コード, e.g. `352012`), which a GET redirects to the slug. The list is at `/api/v1/cities`.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = JsonValue.Create("shimonoseki"),
    };

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, object status, string description)
    {
        var key = Convert.ToString(status, CultureInfo.InvariantCulture)!;
        if (operation.Responses!.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), context.Document) },
            },
        };
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)(:[^}]*)?\??\}")]
    private static partial Regex RouteParameter();
}

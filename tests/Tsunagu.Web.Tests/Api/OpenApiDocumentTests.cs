using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Api;

/// <summary>
/// The OpenAPI document other programs generate their clients from (<c>/openapi/v1.json</c>): every operation has its
/// parameters, security, responses and words. A factory of its own: the public address is configured, as in production.
/// </summary>
public sealed partial class OpenApiDocumentTests(OpenApiDocumentTests.PublicAddress fixture) : IClassFixture<OpenApiDocumentTests.PublicAddress>
{
    private const string PublicBaseUrl = "https://tsunagu.test";
    private readonly TsunaguFactory _factory = fixture.Factory;

    public sealed class PublicAddress : IDisposable
    {
        public TsunaguFactory Factory { get; } = TsunaguFactory.WithSettings(new() { ["Tsunagu:PublicBaseUrl"] = PublicBaseUrl });
        public void Dispose() => Factory.Dispose();
    }

    private async Task<JsonObject> DocumentAsync()
    {
        await _factory.EnsurePreparedAsync();
        var response = await _factory.CreateClient().GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (p.Key, o.Key, o.Value!.AsObject())));

    /// <summary>The JSON API's endpoints as the app maps them: pattern without constraints, method, policies.</summary>
    private List<(string Path, string Method, string? OperationId, IReadOnlyList<string> Policies)> ApiEndpoints() =>
        [.. _factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (
                Path: Constraint().Replace(e.RoutePattern.RawText!, "{${name}}"),
                Method: m.ToLowerInvariant(),
                OperationId: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                Policies: (IReadOnlyList<string>)[.. e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "default")])))];

    /// <summary>Redocly CLI's recommended rules (tests/openapi-lint/redocly.yaml), run on the document the app serves.</summary>
    [Fact]
    public async Task Document_PassesRedoclyRecommendedRules_WithoutErrorsOrWarnings()
    {
        await _factory.EnsurePreparedAsync();
        var report = OpenApiLint.Lint(await _factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        report.Errors.ShouldBe(0, report.ToString());
        report.Warnings.ShouldBe(0, report.ToString());
    }

    [Fact]
    public async Task Document_DescribesEveryApiEndpoint_AndNothingElse()
    {
        var document = await DocumentAsync();
        var described = Operations(document).Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal).ToList();
        var mapped = ApiEndpoints().Select(e => $"{e.Method} {e.Path}").Order(StringComparer.Ordinal).ToList();
        described.ShouldBe(mapped);
        described.Count.ShouldBeGreaterThanOrEqualTo(14);
    }

    [Fact]
    public async Task EveryPathParameter_IsDeclared_WithADescription()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
            foreach (Match m in PathParameter().Matches(path))
            {
                var name = m.Groups["name"].Value;
                var declared = parameters.SingleOrDefault(p => (string?)p["in"] == "path" && (string?)p["name"] == name);
                if (declared is null) failures.Add($"{method} {path}: no path parameter {name}");
                else if ((bool?)declared["required"] != true || string.IsNullOrWhiteSpace((string?)declared["description"]) || declared["schema"] is null)
                    failures.Add($"{method} {path}: {name} is not required, described and typed");
            }
            foreach (var query in parameters.Where(p => (string?)p["in"] == "query").Where(p => string.IsNullOrWhiteSpace((string?)p["description"])))
                failures.Add($"{method} {path}: query parameter {query["name"]} has no description");
        }
        failures.ShouldBeEmpty();
        var city = Operations(document).First(o => o.Path == "/api/v1/{city}/groups").Operation["parameters"]![0]!;
        ((string?)city["name"]).ShouldBe("city");
        ((string?)city["description"]).ShouldNotBeNull().ShouldContain("団体コード");
    }

    [Fact]
    public async Task TokenOnlyEndpoints_RequireTheBearerScheme_AndPublicOnesNone()
    {
        var document = await DocumentAsync();
        var scheme = document["components"]!["securitySchemes"]!["bearer"]!;
        ((string?)scheme["type"]).ShouldBe("http");
        ((string?)scheme["scheme"]).ShouldBe("bearer");
        ((string?)scheme["description"]).ShouldNotBeNullOrWhiteSpace();

        var operations = Operations(document).ToDictionary(o => $"{o.Method} {o.Path}", o => o.Operation);
        var endpoints = ApiEndpoints();
        endpoints.Count(e => e.Policies.Contains(Policies.ApiToken)).ShouldBe(3, "bookings, shift applications, event registrations");
        foreach (var endpoint in endpoints)
        {
            var operation = operations[$"{endpoint.Method} {endpoint.Path}"];
            var security = operation["security"].ShouldBeOfType<JsonArray>($"{endpoint.Path}: security must be stated, even when none is needed");
            if (endpoint.Policies.Count == 0)
            {
                security.Count.ShouldBe(0, endpoint.Path);
                continue;
            }
            security.Single()!.AsObject().Select(r => r.Key).ShouldBe(["bearer"], endpoint.Path);
            operation["responses"]!["401"].ShouldNotBeNull(endpoint.Path);
        }
    }

    [Fact]
    public async Task EveryOperation_HasAnIdSummaryTagAndTypedResponses()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, method, operation) in Operations(document))
        {
            var where = $"{method} {path}";
            if ((string?)operation["operationId"] is not { } id || !ids.Add(id)) failures.Add($"{where}: no operationId, or one used twice");
            if (string.IsNullOrWhiteSpace((string?)operation["summary"])) failures.Add($"{where}: no summary");
            if (string.IsNullOrWhiteSpace((string?)operation["description"])) failures.Add($"{where}: no description");
            if (operation["tags"] is not JsonArray { Count: > 0 }) failures.Add($"{where}: no tag");
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                var content = response!["content"]?.AsObject();
                var expected = status.StartsWith('2') ? "application/json" : "application/problem+json";
                if (content?[expected]?["schema"] is null) failures.Add($"{where} {status}: no {expected} schema");
                if (string.IsNullOrWhiteSpace((string?)response["description"])) failures.Add($"{where} {status}: no description");
            }
            if (!operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('2'))) failures.Add($"{where}: no success response");
            if (operation["responses"]!["5XX"] is null) failures.Add($"{where}: server errors not described");
        }
        failures.ShouldBeEmpty();
        document["components"]!["schemas"]!["ProblemDetails"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("RegisterForEvent", new[] { "201", "401", "403", "404", "409", "422" })]
    [InlineData("ApplyForShift", new[] { "201", "401", "404", "409", "422" })]
    [InlineData("RequestBooking", new[] { "201", "401", "404", "409", "422" })]
    public async Task Writes_DocumentTheStatusesTheyAnswer(string operationId, string[] statuses)
    {
        var document = await DocumentAsync();
        var operation = Operations(document).Single(o => (string?)o.Operation["operationId"] == operationId).Operation;
        var responses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
        foreach (var status in statuses) responses.ShouldContain(status, operationId);
        responses.ShouldNotContain("200", $"{operationId} answers 201, never 200");
        operation["responses"]!["201"]!["content"]!["application/json"]!["schema"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Info_Servers_AndTags_DescribeTheApi()
    {
        var document = await DocumentAsync();
        ((string?)document["info"]!["title"]).ShouldBe("Tsunagu API");
        ((string?)document["info"]!["version"]).ShouldBe("v1");
        ((string?)document["info"]!["description"]).ShouldNotBeNull().ShouldContain("Authorization: Bearer tsu_");
        document["servers"]!.AsArray().Select(s => (string?)s!["url"]).ShouldBe([PublicBaseUrl]);
        var tags = document["tags"]!.AsArray().Select(t => t!.AsObject()).ToList();
        tags.ShouldNotBeEmpty();
        tags.ShouldAllBe(t => !string.IsNullOrWhiteSpace((string?)t["description"]));
        var used = Operations(document).SelectMany(o => o.Operation["tags"]!.AsArray().Select(t => (string?)t)).ToHashSet();
        tags.Select(t => (string?)t["name"]).ToHashSet().SetEquals(used).ShouldBeTrue();
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)(:[^}]*)?\??\}")]
    private static partial Regex Constraint();
}

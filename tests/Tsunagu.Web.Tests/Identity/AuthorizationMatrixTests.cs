using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Identity;

/// <summary>
/// Walks every endpoint the application maps with every kind of visitor and checks allow or deny
/// against the table below. A new endpoint fails this test until it is added to the table.
/// </summary>
public class AuthorizationMatrixTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    /// <summary>Route pattern → the policy it must carry (null: open to everyone).</summary>
    private static readonly Dictionary<string, string?> Expected = new()
    {
        ["/"] = null,
        ["/{city}"] = null,
        ["/culture"] = null,
        ["/error/{status:int?}"] = null,
        ["/account/signup"] = null,
        ["/account/check-email"] = null,
        ["/account/confirm-email"] = null,
        ["/account/signin"] = null,
        ["/account/signin/two-factor"] = null,
        ["/account/signout"] = null,
        ["/account/forgot-password"] = null,
        ["/account/reset-password"] = null,
        ["/account/access-denied"] = null,
        ["/account"] = Policies.SignedIn,
        ["/account/password"] = Policies.SignedIn,
        ["/account/two-factor"] = Policies.SignedIn,
        ["/account/data"] = Policies.SignedIn,
        ["/account/delete"] = Policies.SignedIn,
        ["/account/api-tokens"] = Policies.SignedIn,
        ["/{city}/admin"] = Policies.SignedIn,
        ["/{city}/admin/staff"] = Policies.CityAdmin,
        ["/{city}/admin/setup"] = Policies.CityAdmin,
        ["/{city}/admin/setup/{table}/import"] = Policies.CityAdmin,
        ["/{city}/admin/setup/departments"] = Policies.CityAdmin,
        ["/{city}/admin/setup/departments/{id:int}"] = Policies.CityAdmin,
        ["/{city}/admin/setup/districts"] = Policies.CityAdmin,
        ["/{city}/admin/setup/districts/{id:int}"] = Policies.CityAdmin,
        ["/{city}/admin/audit"] = Policies.CityAdmin,
        ["/admin/outbox"] = Policies.PlatformAdmin,
        ["/admin/mail-failures"] = Policies.PlatformAdmin,
        ["/admin/audit"] = Policies.PlatformAdmin,
        ["/health"] = null,
        ["/openapi/{documentName}.json"] = null,
        ["/api/docs/{documentName?}"] = null,
        ["/api/docs/scalar.js"] = null,
        ["/api/docs/scalar.aspnetcore.js"] = null,
        ["/api/docs/favicon.svg"] = null,
        ["/api/v1/cities"] = null,
        ["/api/v1/{city}/districts"] = null,
        ["/api/v1/{city}/departments"] = null,
        ["/api/v1/me"] = Policies.SignedIn,
        ["/{city}/groups"] = null,
        ["/{city}/groups/{id:int}"] = null,
        ["/{city}/groups/mine"] = Policies.SignedIn,
        ["/{city}/groups/statistics"] = null,
        ["/{city}/groups/register"] = Policies.SignedIn,
        ["/{city}/groups/register/{id:int}/about"] = Policies.SignedIn,
        ["/{city}/groups/register/{id:int}/activity"] = Policies.SignedIn,
        ["/{city}/groups/register/{id:int}/contact"] = Policies.SignedIn,
        ["/{city}/groups/register/{id:int}/check"] = Policies.SignedIn,
        ["/{city}/admin/groups"] = Policies.CentreStaff,
        ["/{city}/admin/groups/{id:int}"] = Policies.CentreStaff,
        ["/{city}/admin/groups/export"] = Policies.CentreStaff,
        ["/{city}/admin/groups/import"] = Policies.CentreStaff,
        ["/{city}/admin/groups/renewal"] = Policies.CentreStaff,
        ["/{city}/admin/groups/{id:int}/logo"] = Policies.CentreStaff,
        ["/{city}/groups/{id:int}/logo"] = null,
        ["/{city}/groups/{id:int}/administrators"] = Policies.SignedIn,
        ["/{city}/groups/invitations"] = Policies.SignedIn,
        // The link in an invitation mail: open, so a person without an account learns what to do; answering is signed in.
        ["/{city}/groups/invitations/{token}"] = null,
        ["/{city}/groups/register/{id:int}/logo"] = Policies.SignedIn,
        ["/{city}/consultations/new"] = Policies.SignedIn,
        ["/{city}/admin/consultations"] = Policies.ConsultationDesk,
        ["/{city}/admin/consultations/record"] = Policies.ConsultationDesk,
        ["/{city}/admin/consultations/stats"] = Policies.ConsultationDesk,
        ["/{city}/admin/consultations/{id:int}"] = Policies.ConsultationDesk,
        ["/{city}/volunteers/register"] = Policies.SignedIn,
        ["/{city}/volunteers/me"] = Policies.SignedIn,
        ["/{city}/my"] = Policies.SignedIn,
        ["/{city}/admin/volunteers/skills"] = Policies.CentreStaff,
        ["/{city}/exchange"] = null,
        ["/{city}/exchange/{id:int}"] = null,
        ["/{city}/exchange/new"] = Policies.SignedIn,
        ["/{city}/exchange/{id:int}/edit"] = Policies.SignedIn,
        ["/{city}/admin/exchange"] = Policies.CentreStaff,
        ["/{city}/admin/exchange/introduce"] = Policies.CentreStaff,
        ["/{city}/admin/exchange/introductions/{id:int}"] = Policies.CentreStaff,
        ["/{city}/talent"] = null,
        ["/{city}/talent/{id:int}"] = null,
        ["/{city}/talent/register"] = Policies.SignedIn,
        ["/{city}/talent/{id:int}/request"] = Policies.SignedIn,
        ["/{city}/talent/requests"] = Policies.SignedIn,
        ["/{city}/admin/talent"] = Policies.CentreStaff,
        ["/{city}/plans"] = null,
        ["/{city}/plans/{key}"] = null,
        ["/{city}/admin/plans"] = Policies.PlanManager,
        ["/{city}/admin/plans/{key}/rounds"] = Policies.PlanManager,
        ["/{city}/admin/plans/{key}/edit"] = Policies.PlanManager,
        ["/{city}/admin/plans/{key}/nodes/{id:int}"] = Policies.PlanManager,
        ["/{city}/admin/plans/{key}/indicators"] = Policies.PlanManager,
        ["/{city}/admin/rounds/{id:int}"] = Policies.PlanManager,
        ["/{city}/admin/rounds/{id:int}/items/{nodeId:int}"] = Policies.PlanManager,
        ["/{city}/admin/reports"] = Policies.DepartmentStaff,
        ["/{city}/admin/reports/{roundId:int}/{nodeId:int}"] = Policies.DepartmentStaff,
        ["/{city}/admin/council/{id:int?}"] = Policies.CouncilMember,
        ["/{city}/plans/{key}/reports/{year:int}"] = null,
        ["/api/v1/{city}/plans"] = null,
        ["/api/v1/{city}/plans/{plan}"] = null,
        ["/api/v1/{city}/plans/{plan}/reports/{year:int}"] = null,
        ["/{city}/plans/{plan}/reports/{year:int}/pdf"] = null,
        ["/{city}/plans/{plan}/reports/{year:int}/xlsx"] = null,
        ["/api/v1/{city}/groups"] = null,
        ["/api/v1/{city}/groups/{id:int}"] = null,
        ["/{city}/news"] = null,
        ["/{city}/news/{id:int}"] = null,
        ["/{city}/grants"] = null,
        ["/{city}/grants/{id:int}"] = null,
        ["/{city}/cases"] = null,
        ["/{city}/cases/{id:int}"] = null,
        ["/{city}/search"] = null,
        ["/{city}/feed.atom"] = null,
        ["/{city}/admin/news"] = Policies.CentreStaff,
        ["/{city}/admin/news/new"] = Policies.CentreStaff,
        ["/{city}/admin/news/{id:int}"] = Policies.CentreStaff,
        ["/{city}/admin/grants"] = Policies.CentreStaff,
        ["/{city}/admin/grants/new"] = Policies.CentreStaff,
        ["/{city}/admin/grants/{id:int}"] = Policies.CentreStaff,
        ["/{city}/admin/cases"] = Policies.CentreStaff,
        ["/{city}/admin/cases/new"] = Policies.CentreStaff,
        ["/{city}/admin/cases/{id:int}"] = Policies.CentreStaff,
        ["/{city}/opportunities"] = null,
        ["/{city}/opportunities/{id:int}"] = null,
        ["/{city}/opportunities/new"] = Policies.SignedIn,
        ["/{city}/opportunities/mine"] = Policies.SignedIn,
        ["/{city}/opportunities/{id:int}/edit"] = Policies.SignedIn,
        ["/{city}/opportunities/{id:int}/manage"] = Policies.SignedIn,
        ["/{city}/applications/{id:int}/messages"] = Policies.SignedIn,
        ["/{city}/volunteers/activities"] = Policies.SignedIn,
        ["/{city}/volunteers/activities/{id:int}/certificate.pdf"] = Policies.SignedIn,
        ["/{city}/admin/volunteers/console"] = Policies.CentreStaff,
        ["/{city}/admin/volunteers/programmes"] = Policies.CentreStaff,
        ["/api/v1/{city}/opportunities"] = null,
        ["/{city}/spaces"] = null,
        ["/{city}/events.ics"] = null,
        ["/{city}/events/{id:int}.ics"] = null,
        ["/{city}/opendata/events.csv"] = null,
        ["/{city}/lectures"] = null,
        ["/{city}/lectures/requests"] = Policies.SignedIn,
        ["/{city}/admin/lectures"] = Policies.CentreStaff,
        ["/{city}/spaces/book"] = Policies.SignedIn,
        ["/{city}/spaces/lotteries/{id:int}"] = null,
        ["/{city}/spaces/mine"] = Policies.SignedIn,
        ["/{city}/admin/spaces"] = Policies.CentreStaff,
        ["/{city}/admin/spaces/rooms"] = Policies.CentreStaff,
        ["/{city}/admin/spaces/rules"] = Policies.CentreStaff,
        ["/{city}/admin/spaces/fees"] = Policies.CentreStaff,
        ["/{city}/admin/spaces/equipment"] = Policies.CentreStaff,
        ["/{city}/admin/spaces/lotteries"] = Policies.CentreStaff,
        ["/{city}/spaces/lockers"] = null,
        ["/{city}/spaces/lockers/mine"] = Policies.SignedIn,
        ["/{city}/admin/spaces/lockers"] = Policies.CentreStaff,
        ["/{city}/spaces/rooms/{id:int}"] = null,
        ["/{city}/spaces/rooms/{roomId:int}/photos/{id:int}"] = null,
        ["/{city}/admin/spaces/rooms/{id:int}"] = Policies.CentreStaff,
        ["/api/v1/{city}/bookings"] = Policies.ApiToken,
        ["/api/v1/{city}/opportunities/{id:int}/shifts/{shiftId:int}/applications"] = Policies.ApiToken,
        ["/{city}/events"] = null,
        ["/{city}/events/{id:int}"] = null,
        ["/{city}/events/mine"] = Policies.SignedIn,
        ["/{city}/admin/events"] = Policies.CentreStaff,
        ["/{city}/admin/events/new"] = Policies.CentreStaff,
        ["/{city}/admin/events/{id:int}/edit"] = Policies.CentreStaff,
        ["/{city}/admin/events/{id:int}/checkin"] = Policies.CentreStaff,
        ["/api/v1/{city}/events"] = null,
        ["/api/v1/{city}/events/{id:int}/registrations"] = Policies.ApiToken,
        ["/{city}/admin/events/{id:int}/review"] = Policies.CentreStaff,
        ["/{city}/admin/events/{id:int}/cancel"] = Policies.CentreStaff,
        ["/{city}/groups/{id:int}/events"] = Policies.SignedIn,
        ["/{city}/groups/{id:int}/events/new"] = Policies.SignedIn,
        ["/{city}/groups/{id:int}/events/{eventId:int}/edit"] = Policies.SignedIn,
    };

    public enum Visitor { Anonymous, Citizen, GroupAdmin, CentreStaff, DepartmentStaff, PlanManager, CouncilMember, CityAdmin, CityAdminWithoutTwoFactor, OtherCityAdmin, PlatformAdmin }

    /// <summary>Policy → who passes it in Shimonoseki.</summary>
    private static readonly Dictionary<string, Visitor[]> Allowed = new()
    {
        [Policies.SignedIn] = Enum.GetValues<Visitor>().Where(v => v != Visitor.Anonymous).ToArray(),
        [Policies.CityAdmin] = [Visitor.CityAdmin, Visitor.PlatformAdmin],
        [Policies.CentreStaff] = [Visitor.CentreStaff, Visitor.CityAdmin, Visitor.PlatformAdmin],
        [Policies.ConsultationDesk] = [Visitor.CentreStaff, Visitor.PlatformAdmin],
        [Policies.PlanManager] = [Visitor.PlanManager, Visitor.CityAdmin, Visitor.PlatformAdmin],
        [Policies.DepartmentStaff] = [Visitor.DepartmentStaff, Visitor.PlanManager, Visitor.CityAdmin, Visitor.PlatformAdmin],
        [Policies.CouncilMember] = [Visitor.CouncilMember, Visitor.PlanManager, Visitor.CityAdmin, Visitor.PlatformAdmin],
        [Policies.PlatformAdmin] = [Visitor.PlatformAdmin],
        // Every visitor here signs in with the cookie, which token-only endpoints refuse.
        [Policies.ApiToken] = [],
    };

    [Fact]
    public async Task EveryEndpoint_IsInTheTable_WithTheExpectedPolicy()
    {
        await factory.EnsurePreparedAsync();
        var actual = MappedEndpoints();
        actual.Keys.Order().ShouldBe(Expected.Keys.Order(), "Add new endpoints to the table in this test.");
        foreach (var (pattern, policy) in actual)
            policy.ShouldBe(Expected[pattern], pattern);
    }

    public static IEnumerable<object[]> Visitors() => Enum.GetValues<Visitor>().Select(v => new object[] { v });

    [Theory]
    [MemberData(nameof(Visitors))]
    public async Task EveryProtectedEndpoint_AllowsOrDenies_AsTheTableSays(Visitor visitor)
    {
        await factory.EnsurePreparedAsync();
        var browser = await BrowserForAsync(visitor);
        var failures = new List<string>();
        var postOnly = PostOnlyPatterns();
        foreach (var (pattern, policy) in Expected.Where(e => e.Value is not null && !postOnly.Contains(e.Key)))
        {
            // Ids that exist nowhere: the policy decides before the page looks for the record.
            var url = System.Text.RegularExpressions.Regex.Replace(pattern.Replace("{city}", City), @"\{[^}]+\}", "999999");
            var response = await browser.GetAsync(url);
            var denied = IsDenied(response);
            var hasRecordId = System.Text.RegularExpressions.Regex.IsMatch(pattern.Replace("{city}", ""), @"\{[^}]+\}");
            if (hasRecordId && response.StatusCode == HttpStatusCode.NotFound) denied = false;
            var shouldAllow = Allowed[policy!].Contains(visitor);
            if (denied == shouldAllow)
                failures.Add($"{visitor} {url}: {(int)response.StatusCode} {response.Headers.Location} (expected {(shouldAllow ? "allow" : "deny")})");
        }
        failures.ShouldBeEmpty();
    }

    private static bool IsDenied(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) return true;
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode == HttpStatusCode.Redirect
            && (location.Contains("/account/signin?ReturnUrl", StringComparison.OrdinalIgnoreCase) || location.Contains("/account/access-denied"));
    }

    private async Task<Browser> BrowserForAsync(Visitor visitor)
    {
        var browser = Browser.For(factory);
        if (visitor == Visitor.Anonymous) return browser;
        var user = await TestData.CreateUserAsync(factory, u =>
        {
            switch (visitor)
            {
                case Visitor.Citizen: break;
                case Visitor.PlatformAdmin: u.AsPlatformAdmin().ExemptFromTwoFactor(); break;
                case Visitor.OtherCityAdmin: u.InCity("nagato", CityRole.CityAdmin).ExemptFromTwoFactor(); break;
                case Visitor.CityAdminWithoutTwoFactor: u.InCity(City, CityRole.CityAdmin); break;
                default: u.InCity(City, Enum.Parse<CityRole>(visitor.ToString())).ExemptFromTwoFactor(); break;
            }
        });
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    /// <summary>Endpoints that answer only POST: this sweep visits with GET, so their own tests check who may call them.</summary>
    private HashSet<string> PostOnlyPatterns() =>
        factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>() is { } m && m.HttpMethods.Count > 0 && !m.HttpMethods.Contains("GET"))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).ToHashSet();

    private Dictionary<string, string?> MappedEndpoints()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var result = new Dictionary<string, string?>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "default").Distinct().ToList();
            var allowAnonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            result[pattern] = allowAnonymous || policies.Count == 0 ? null : string.Join(",", policies);
        }
        return result;
    }
}

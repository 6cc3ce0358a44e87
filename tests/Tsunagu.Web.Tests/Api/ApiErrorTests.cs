using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Api;

/// <summary>
/// Every error under /api/ is problem+json (RFC 9457: type, title, status, detail), whatever the client asked for; a 401
/// says how to authenticate. Pages outside /api/ keep their HTML error pages.
/// </summary>
public class ApiErrorTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private HttpClient Client(string accept = "text/html")
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // As a browser asks: the answer must still be problem+json.
        client.DefaultRequestHeaders.Accept.ParseAdd(accept);
        return client;
    }

    private async Task<HttpClient> TokenClientAsync(string? userId = null)
    {
        userId ??= (await TestData.CreateUserAsync(factory)).Id;
        var client = Client("application/json");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OpportunityTestData.ApiTokenAsync(factory, userId));
        return client;
    }

    /// <summary>The response is problem details with the four members RFC 9457 describes, and the given status.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status, body);
        problem.GetProperty("type").GetString().ShouldNotBeNullOrWhiteSpace(body);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace(body);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace(body);
        return problem;
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v2/cities")]
    [InlineData("/api")]
    [InlineData("/api/v1/atlantis/groups")]
    [InlineData("/api/v1/shimonoseki/groups/999999")]
    [InlineData("/api/v1/shimonoseki/plans/no-such-plan")]
    public async Task NotFound_UnderApi_IsProblemJson_EvenWhenHtmlIsAsked(string url)
    {
        await factory.EnsurePreparedAsync();
        var problem = await ShouldBeProblemAsync(await Client().GetAsync(url), HttpStatusCode.NotFound);
        problem.GetProperty("type").GetString().ShouldBe("https://tools.ietf.org/html/rfc9110#section-15.5.5");
        problem.GetProperty("title").GetString().ShouldBe("Not Found");
    }

    [Fact]
    public async Task Detail_IsInTheRequestsLanguage()
    {
        await factory.EnsurePreparedAsync();
        var japanese = await ShouldBeProblemAsync(await Client().GetAsync("/api/v1/atlantis/groups"), HttpStatusCode.NotFound);
        japanese.GetProperty("detail").GetString()!.ShouldContain("見つかりません");
        var english = await ShouldBeProblemAsync(await Client().GetAsync("/api/v1/atlantis/groups?culture=en"), HttpStatusCode.NotFound);
        english.GetProperty("detail").GetString()!.ShouldContain("Nothing was found");
    }

    [Fact]
    public async Task NoToken_Is401_WithWwwAuthenticateBearer()
    {
        await factory.EnsurePreparedAsync();
        var booking = await Client().PostAsJsonAsync($"/api/v1/{City}/bookings", new { roomId = 1 });
        await ShouldBeProblemAsync(booking, HttpStatusCode.Unauthorized);
        booking.Headers.WwwAuthenticate.Single().Scheme.ShouldBe("Bearer");

        // /me also takes the sign-in cookie, but a program without either is told to use a token.
        var me = await Client().GetAsync("/api/v1/me");
        await ShouldBeProblemAsync(me, HttpStatusCode.Unauthorized);
        me.Headers.WwwAuthenticate.Single().Scheme.ShouldBe("Bearer");
    }

    [Fact]
    public async Task UnknownToken_Is401_WithInvalidTokenError()
    {
        await factory.EnsurePreparedAsync();
        var client = Client("application/json");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "tsu_" + new string('0', 64));
        var response = await client.PostAsJsonAsync($"/api/v1/{City}/events/1/registrations", new { });
        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.Single();
        challenge.Scheme.ShouldBe("Bearer");
        challenge.Parameter.ShouldBe("error=\"invalid_token\"");
        problem.GetProperty("detail").GetString()!.ShouldContain("トークンが無効");
    }

    [Fact]
    public async Task SignInCookie_OnATokenOnlyWrite_Is401Problem()
    {
        var user = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        var response = await browser.Client.PostAsJsonAsync($"/api/v1/{City}/bookings", new { roomId = 1 });
        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Single().Scheme.ShouldBe("Bearer");
    }

    [Fact]
    public async Task Forbidden_Registration_IsProblemJson()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => { e.Title = "団体向けの研修"; e.Eligibility = EventEligibility.GroupMembers; })).Id;
        using var api = await TokenClientAsync();
        var problem = await ShouldBeProblemAsync(await api.PostAsync($"/api/v1/{City}/events/{id}/registrations", null), HttpStatusCode.Forbidden);
        problem.GetProperty("type").GetString().ShouldBe("https://tools.ietf.org/html/rfc9110#section-15.5.4");
    }

    [Fact]
    public async Task Conflict_RegisteringTwice_IsProblemJson_KeepingItsTitle()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Title = "二度目の申込みを確かめる講座")).Id;
        using var api = await TokenClientAsync();
        var url = $"/api/v1/{City}/events/{id}/registrations";
        (await api.PostAsync(url, null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var problem = await ShouldBeProblemAsync(await api.PostAsync(url, null), HttpStatusCode.Conflict);
        problem.GetProperty("type").GetString().ShouldBe("https://tools.ietf.org/html/rfc9110#section-15.5.10");
        problem.GetProperty("title").GetString().ShouldNotBe("Conflict", "the endpoint's own words stay");
    }

    [Fact]
    public async Task Unprocessable_Booking_IsValidationProblemJson_WithTheFields()
    {
        using var api = await TokenClientAsync();
        var response = await api.PostAsJsonAsync($"/api/v1/{City}/bookings", new { roomId = 999999, date = "2030-01-07", start = "10:00:00", end = "12:00:00", purpose = "会議" });
        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task MalformedBody_Is400Problem_Not500()
    {
        using var api = await TokenClientAsync();
        var response = await api.PostAsync($"/api/v1/{City}/bookings", new StringContent("{ not json", Encoding.UTF8, "application/json"));
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WrongMethod_Is405Problem_WithAllow()
    {
        await factory.EnsurePreparedAsync();
        var response = await Client().DeleteAsync("/api/v1/cities");
        await ShouldBeProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldContain("GET");
    }

    [Fact]
    public async Task TooManyRequests_UnderApi_IsProblemJson()
    {
        await factory.EnsurePreparedAsync();
        // Whatever limiter refuses a request under /api/ (here one that lets a single call through per hour).
        using var limited = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.Configure<RateLimiterOptions>(o =>
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(c => c.Request.Path.StartsWithSegments("/api/v1/cities")
                ? RateLimitPartition.GetFixedWindowLimiter("cities", _ => new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromHours(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("other")))));
        var client = limited.CreateClient();
        (await client.GetAsync("/api/v1/cities")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var problem = await ShouldBeProblemAsync(await client.GetAsync("/api/v1/cities"), HttpStatusCode.TooManyRequests);
        problem.GetProperty("type").GetString().ShouldBe("https://tools.ietf.org/html/rfc6585#section-4");
    }

    [Fact]
    public async Task ServerError_UnderApi_IsProblemJson_WithoutTheException()
    {
        await factory.EnsurePreparedAsync();
        using var broken = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddScoped<GroupDirectory>(_ => throw new InvalidOperationException("secret internal state"))));
        var client = broken.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var response = await client.GetAsync($"/api/v1/{City}/groups");
        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.InternalServerError);
        problem.GetRawText().ShouldNotContain("secret internal state");
        problem.GetRawText().ShouldNotContain("InvalidOperationException");
    }

    [Theory]
    [InlineData("/atlantis")]
    [InlineData("/shimonoseki/no-such-page")]
    public async Task PagesOutsideApi_KeepTheHtmlErrorPage(string url)
    {
        await factory.EnsurePreparedAsync();
        var response = await Client().GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain("ページが見つかりません");
    }
}

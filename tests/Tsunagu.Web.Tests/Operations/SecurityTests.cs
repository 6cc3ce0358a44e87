using System.Net;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Operations;

public class SecurityTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Fact]
    public async Task EveryPage_CarriesSecurityHeaders()
    {
        await factory.EnsurePreparedAsync();
        var response = await factory.CreateClient().GetAsync("/shimonoseki");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        await factory.EnsurePreparedAsync();
        var response = await Browser.For(factory).Client.PostAsync("/account/signin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "a@example.jp", ["Input.Password"] = "x" }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_WithForgedAntiforgeryToken_IsRejected()
    {
        var user = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.GetAsync("/account/signin"); // gets the antiforgery cookie
        var response = await browser.Client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = TestData.Password,
            ["__RequestVerificationToken"] = "CfDJ8forged-token-value",
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Health_ChecksTheDatabase()
    {
        await factory.EnsurePreparedAsync();
        var response = await factory.CreateClient().GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        await factory.EnsurePreparedAsync();
        var json = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        json.ShouldContain("/api/v1/cities");
    }

    [Fact]
    public async Task UserInput_IsEncodedInPages()
    {
        var user = await TestData.CreateUserAsync(factory, u => u.DisplayName = "<script>alert(1)</script>");
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        var html = await (await browser.GetAsync("/account")).Content.ReadAsStringAsync();
        html.ShouldNotContain("<script>alert(1)</script>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}

/// <summary>A factory of its own: the limit is the real one here, not the test default.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly TsunaguFactory _factory = TsunaguFactory.WithSettings(new() { ["Tsunagu:RateLimits:AccountFormsPerMinute"] = "3" });

    [Fact]
    public async Task SignIn_TooManyAttempts_AreRefusedWith429()
    {
        await _factory.EnsurePreparedAsync();
        var browser = Browser.For(_factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var r = await browser.SubmitAsync("/account/signin", new Dictionary<string, string> { ["Input.Email"] = "x@example.jp", ["Input.Password"] = "wrong-password" });
            statuses.Add(r.StatusCode);
        }
        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task SignUp_And_PasswordReset_AreLimitedToo()
    {
        await _factory.EnsurePreparedAsync();
        foreach (var url in new[] { "/account/signup", "/account/forgot-password" })
        {
            var browser = Browser.For(_factory);
            var last = HttpStatusCode.OK;
            for (var i = 0; i < 4; i++)
                last = (await browser.SubmitAsync(url, new Dictionary<string, string>())).StatusCode;
            last.ShouldBe(HttpStatusCode.TooManyRequests, url);
        }
    }

    public void Dispose() => _factory.Dispose();
}

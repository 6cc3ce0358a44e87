using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Account;

/// <summary>What an attacker tried against accounts and sessions (issue 19), each refused.</summary>
public class AccountHardeningTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Fact]
    public async Task AForgedHostHeader_NeverReachesAResetLink_WhichUsesTheConfiguredAddress()
    {
        // Development with no address configured: the link still comes from configuration (its default), not the request.
        using var unconfigured = TsunaguFactory.WithSettings(new() { ["Tsunagu:PublicBaseUrl"] = "" });
        var user = await TestData.CreateUserAsync(unconfigured);
        var browser = Browser.For(unconfigured);
        browser.Client.DefaultRequestHeaders.Host = "evil.example";
        await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = user.Email! });

        var body = (await TestData.LastMailToAsync(unconfigured, user.Email!)).Body;
        body.ShouldNotContain("evil.example");
        body.ShouldContain(PublicLinks.DevelopmentBaseUrl + "/account/reset-password");
    }

    [Fact]
    public void OutsideDevelopment_StartUpStops_WithoutAPublicAddress()
    {
        var production = new FakeEnvironment { EnvironmentName = Environments.Production };
        var none = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tsunagu:PublicBaseUrl"] = "" }).Build();
        Should.Throw<InvalidOperationException>(() => PublicLinks.Require(none, production)).Message.ShouldContain("Tsunagu:PublicBaseUrl");

        var relative = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tsunagu:PublicBaseUrl"] = "tsunagu.example.jp" }).Build();
        Should.Throw<InvalidOperationException>(() => PublicLinks.Require(relative, production));

        var good = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tsunagu:PublicBaseUrl"] = "https://tsunagu.example.jp/" }).Build();
        PublicLinks.Require(good, production);
    }

    [Theory]
    [InlineData("/account/api-tokens")]
    [InlineData("/account/data")]
    [InlineData("/account/two-factor")]
    [InlineData("/account")]
    public async Task AnApiToken_OpensNoAccountPage(string page)
    {
        var user = await TestData.CreateUserAsync(factory);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OpportunityTestData.ApiTokenAsync(factory, user.Id));

        var response = await client.GetAsync(page);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, page);
        response.Headers.Location!.OriginalString.ShouldStartWith("http://localhost/account/signin");

        // The same token still works where it belongs.
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnApiToken_CannotMintAnotherToken()
    {
        var user = await TestData.CreateUserAsync(factory);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OpportunityTestData.ApiTokenAsync(factory, user.Id));
        await client.PostAsync("/account/api-tokens", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "盗んだトークン" }));
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.ApiTokens.Count(t => t.UserId == user.Id)))).ShouldBe(1);
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("/account/data")]
    [InlineData("/api/v1/me")]
    [InlineData("/nagato/my")]
    public async Task PrivateResponses_AreNeverCached(string url)
    {
        var (browser, _) = await TestData.SignedInAsync(factory);
        var response = await browser.GetAsync(url);
        response.IsSuccessStatusCode.ShouldBeTrue(url);
        response.Headers.CacheControl?.NoStore.ShouldBe(true, url);
    }

    [Theory]
    [InlineData("/nagato")]
    [InlineData("/nagato/groups")]
    [InlineData("/api/v1/cities")]
    public async Task APublicPage_SeenBySomeoneSignedIn_IsNotCachedEither(string url)
    {
        // It carries the person's name in the header (and their API answers their permissions).
        var (browser, _) = await TestData.SignedInAsync(factory);
        (await browser.GetAsync(url)).Headers.CacheControl?.NoStore.ShouldBe(true);
    }

    [Fact]
    public async Task SignIn_DoesTheSameWork_ForAnUnknownAddress_ALockedAccount_AndAWrongPassword()
    {
        var hashes = new CountingHasher();
        using var counted = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(hashes)));
        var locked = await TestData.CreateUserAsync(factory);
        var known = await TestData.CreateUserAsync(factory);
        var form = (string email) => new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "wrong-password-123" };
        for (var i = 0; i < 5; i++) await Browser.For(counted).SubmitAsync("/account/signin", form(locked.Email!));

        async Task<int> HashesFor(string email)
        {
            var before = hashes.Verified;
            await Browser.For(counted).SubmitAsync("/account/signin", form(email));
            return hashes.Verified - before;
        }
        (await HashesFor(known.Email!)).ShouldBe(1);
        (await HashesFor(locked.Email!)).ShouldBe(1);
        (await HashesFor($"nobody-{Guid.NewGuid():N}@example.jp")).ShouldBe(1);
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verified;
        public int Verified => _verified;
        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class FakeEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";
        public string ApplicationName { get; set; } = "Tsunagu.Web";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}

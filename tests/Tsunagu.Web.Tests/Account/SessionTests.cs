using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Account;

/// <summary>Sessions live on the server: signing out, a password change or a reset end them for good.</summary>
public class SessionTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private static readonly Uri Site = new("http://localhost");

    private (Browser Browser, CookieContainer Cookies) NewBrowser()
    {
        var cookies = new CookieContainer();
        return (new Browser(factory.CreateDefaultClient(Site, new CookieContainerHandler(cookies))), cookies);
    }

    /// <summary>Another machine that only has a copy of the sign-in cookie.</summary>
    private HttpClient WithCopiedCookie(CookieContainer cookies)
    {
        var copy = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", $"tsunagu.auth={cookies.GetCookies(Site)["tsunagu.auth"]!.Value}");
        return copy;
    }

    private static async Task ShouldBeSignedOutAsync(HttpClient client)
    {
        var response = await client.GetAsync("/account");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/account/signin");
    }

    [Fact]
    public async Task SigningOut_EndsTheSession_SoACopiedCookieStopsWorking()
    {
        var user = await TestData.CreateUserAsync(factory);
        var (browser, cookies) = NewBrowser();
        await browser.SignInAsync(user.Email!);
        var copy = WithCopiedCookie(cookies);
        (await copy.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await browser.PostWithTokenAsync("/account", "/account/signout", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await ShouldBeSignedOutAsync(copy);
    }

    [Fact]
    public async Task ChangingThePassword_SignsOutOtherBrowsers_AndRevokesTokens_ButKeepsThisOne()
    {
        var user = await TestData.CreateUserAsync(factory);
        var (here, _) = NewBrowser();
        var (there, thereCookies) = NewBrowser();
        await here.SignInAsync(user.Email!);
        await there.SignInAsync(user.Email!);
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OpportunityTestData.ApiTokenAsync(factory, user.Id));
        (await api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var changed = await here.SubmitAsync("/account/password", new Dictionary<string, string> { ["Input.Current"] = TestData.Password, ["Input.New"] = "a-brand-new-long-secret" });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await here.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeSignedOutAsync(WithCopiedCookie(thereCookies));
        (await api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ResettingThePassword_SignsOutEveryBrowser()
    {
        var user = await TestData.CreateUserAsync(factory);
        var (signedIn, cookies) = NewBrowser();
        await signedIn.SignInAsync(user.Email!);

        var other = Browser.For(factory);
        await other.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = user.Email! });
        var link = TestData.FirstLink((await TestData.LastMailToAsync(factory, user.Email!)).Body);
        (await (await other.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = "a-brand-new-long-secret" })).Content.ReadAsStringAsync()).ShouldContain("パスワードを設定しました");

        await ShouldBeSignedOutAsync(WithCopiedCookie(cookies));
    }
}

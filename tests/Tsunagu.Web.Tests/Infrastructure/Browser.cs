using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a person's browser without JavaScript: keeps cookies, does not
/// follow redirects by itself (tests look at them), and submits forms with their antiforgery token.
/// </summary>
public class Browser(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static Browser For(WebApplicationFactory<Program> factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<HttpResponseMessage> GetAsync(string url) => await Client.GetAsync(url);

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetPageAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Opens <paramref name="url"/>, fills the form that has the submit button (first main form by default) and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, IDictionary<string, string> fields, string? formSelector = null)
    {
        var (response, page) = await GetPageAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) return response;
        var form = (IHtmlFormElement?)(formSelector is null ? page.QuerySelector("main form[method=post]") : page.QuerySelector(formSelector))
            ?? throw new InvalidOperationException($"No form on {url}");
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await Client.PostAsync(action, new FormUrlEncodedContent(FormValues(form, fields)));
    }

    /// <summary>Sends a GET form of a page as a browser would: its inputs as they are, with some changed.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SubmitGetFormAsync(string pageUrl, IHtmlDocument page, string formSelector, IDictionary<string, string> fields)
    {
        var form = (IHtmlFormElement)(page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on {pageUrl}"));
        form.Method.ShouldBe("get", StringCompareShould.IgnoreCase);
        var action = form.GetAttribute("action");
        var path = string.IsNullOrEmpty(action) ? pageUrl.Split('?')[0] : action;
        return await GetPageAsync(path + "?" + string.Join("&", FormValues(form, fields).Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}")));
    }

    /// <summary>A form's inputs as a browser sends them (unticked boxes left out), with <paramref name="fields"/> in place of their own.</summary>
    private static List<KeyValuePair<string, string>> FormValues(IHtmlFormElement form, IDictionary<string, string> fields)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").Cast<IHtmlInputElement>())
        {
            if (input.Type is "checkbox" or "radio" && !input.IsChecked) continue;
            if (fields.ContainsKey(input.Name!)) continue;
            values.Add(new(input.Name!, input.Value));
        }
        foreach (var (k, v) in fields) values.Add(new(k, v));
        return values;
    }

    /// <summary>Posts fields with a valid antiforgery token taken from <paramref name="tokenSourceUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostWithTokenAsync(string tokenSourceUrl, string postUrl, IDictionary<string, string> fields)
    {
        var (_, page) = await GetPageAsync(tokenSourceUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {tokenSourceUrl}");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await Client.PostAsync(postUrl, new FormUrlEncodedContent(values));
    }

    public async Task SignInAsync(string email, string password = TestData.Password)
    {
        var response = await SubmitAsync("/account/signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} failed: {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        if (response.Headers.Location!.OriginalString.Contains("two-factor"))
            throw new InvalidOperationException("Sign-in needs a second factor; use SignInWithTwoFactorAsync.");
    }
}

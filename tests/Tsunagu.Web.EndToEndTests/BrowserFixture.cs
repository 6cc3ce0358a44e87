using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

/// <summary>Tsunagu on a real Kestrel port and Debian's Chromium, driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public TsunaguFactory Factory { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Screenshots for people to look at: tests/Tsunagu.Web.EndToEndTests/bin/…/screenshots.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        await Factory.EnsurePreparedAsync();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1");

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TSUNAGU_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "ja-JP",
        });
        // Generous waits: on a 2-core CI machine running many servers and browsers at once, a navigation now and then
        // stalls for longer than Playwright's 30-second default before it completes.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Factory.Dispose();
    }
}

public static class PageChecks
{
    /// <summary>Signs in through the sign-in page as a person would, and waits for the account page.</summary>
    public static async Task SignInAsync(this IPage page, string email)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(Tsunagu.Web.Tests.Infrastructure.TestData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).Last.ClickAsync();
        // Signed in once the account page's heading is there: waiting for the page's load event as well has now and then
        // outlasted the timeout on a loaded CI machine after the page had arrived.
        await page.WaitForURLAsync("**/account", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByRole(AriaRole.Heading, new() { Name = "アカウント", Level = 1 }).WaitForAsync();
    }

    /// <summary>
    /// Runs axe-core on the page and fails on any serious or critical violation (JIS X 8341-3 / WCAG 2.1 AA), and on any
    /// violation of the page's structure whatever axe rates it: a skipped heading level, a repeated or misplaced landmark,
    /// a box that scrolls but cannot be reached by keyboard.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page, string name)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var bad = results.Violations.Where(v => v.Impact is "serious" or "critical" || IsStructural(v.Id)).ToList();
        var report = string.Join("\n", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        bad.ShouldBeEmpty($"axe on {name} ({page.Url}):\n{report}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    /// <summary>Rules about the page's outline, which axe rates only "moderate" but which decide how a page is found around in.</summary>
    private static bool IsStructural(string rule) =>
        rule is "heading-order" or "page-has-heading-one" or "scrollable-region-focusable" || rule.StartsWith("landmark-", StringComparison.Ordinal);
}

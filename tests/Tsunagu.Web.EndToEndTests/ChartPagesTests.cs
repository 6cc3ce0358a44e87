using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

/// <summary>
/// The pages with charts and wide tables (the statistics pages, the coordinator console, a plan's indicators) and the home
/// pages, on a phone (320 and 375 px) and a desktop (1280 px): axe finds nothing serious, headings skip no level, no
/// landmark is repeated, every table that scrolls sideways can be reached and scrolled by keyboard, and chart labels are
/// drawn at 12 px or more.
/// </summary>
public class ChartPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("cities", 320)]
    [InlineData("cities", 1280)]
    [InlineData("city-home", 320)]
    [InlineData("city-home", 375)]
    [InlineData("city-home", 1280)]
    [InlineData("group-statistics", 320)]
    [InlineData("group-statistics", 375)]
    [InlineData("group-statistics", 1280)]
    [InlineData("consultation-stats", 320)]
    [InlineData("consultation-stats", 1280)]
    [InlineData("coordinator-console", 320)]
    [InlineData("coordinator-console", 375)]
    [InlineData("coordinator-console", 1280)]
    [InlineData("plan-indicators", 320)]
    [InlineData("plan-indicators", 1280)]
    public async Task Page_IsAccessible_ScrollsByKeyboard_AndDrawsChartLabelsReadably(string name, int width)
    {
        var page = await app.NewPageAsync(width: width, height: 800);
        await page.GotoAsync(await PrepareAsync(name, page));

        await page.AssertAccessibleAsync($"a11y-{name}-{width}");

        // Every box that scrolls sideways takes the focus, is a region named by its caption or heading, and shows the
        // focus ring, so a keyboard user can reach it and scroll it with the arrow keys.
        var scrollers = await page.EvaluateAsync<ScrollBox[]>(FindScrollBoxes);
        foreach (var box in scrollers)
        {
            box.TabIndex.ShouldBe(0, $"{box.Html} scrolls sideways on {name} at {width} px");
            box.Role.ShouldBe("region", box.Html);
            box.Name.ShouldNotBeNullOrWhiteSpace(box.Html);
        }
        if (scrollers.Length > 0)
        {
            // Tab onto the first one: it shows the focus ring, and the arrow key scrolls it.
            await page.EvaluateAsync("""
                () => {
                  const box = [...document.querySelectorAll('body *')].find(e => getComputedStyle(e).overflowX === 'auto' && e.scrollWidth > e.clientWidth + 1);
                  box.dataset.firstScroller = '';
                  const before = [...document.querySelectorAll('a, button, input, select, textarea, [tabindex]')]
                    .filter(e => e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden' && !e.contains(box) && e.getClientRects().length > 0
                      && e.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
                  before.focus();
                }
                """);
            await page.Keyboard.PressAsync("Tab");
            (await page.EvaluateAsync<bool>("() => document.activeElement.matches('[data-first-scroller]:focus-visible')")).ShouldBeTrue($"Tab reaches the first table that scrolls on {name} at {width} px");
            (await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle")).ShouldBe("solid");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync("() => document.activeElement.scrollLeft > 0");
        }

        var labels = await page.EvaluateAsync<ChartText[]>(RenderedChartText);
        if (name is "group-statistics" or "coordinator-console" or "plan-indicators") labels.ShouldNotBeEmpty();
        foreach (var label in labels)
            label.Px.ShouldBeGreaterThanOrEqualTo(12, $"chart text “{label.Text}” on {name} at {width} px");
    }

    private async Task<string> PrepareAsync(string name, IPage page)
    {
        switch (name)
        {
            case "cities":
                return "/";
            case "city-home":
                return "/nagato";
            case "group-statistics":
                await DemoGroupsAsync();
                return "/nagato/groups/statistics";
            case "consultation-stats":
                await page.SignInAsync((await StaffAsync("yamaguchi")).Email!);
                return "/yamaguchi/admin/consultations/stats";
            case "coordinator-console":
                await DemoGroupsAsync();
                await MatchingsAsync("nagato");
                await page.SignInAsync((await StaffAsync("nagato")).Email!);
                return "/nagato/admin/volunteers/console";
            case "plan-indicators":
                using (var scope = app.Factory.Services.CreateScope())
                    await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
                return "/shimonoseki/plans/shiminkatsudo-5";
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    /// <summary>The demo directory (Nagato's groups in its ten districts), loaded before any test adds a group of its own.</summary>
    private async Task DemoGroupsAsync()
    {
        using var scope = app.Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DemoGroups>().SeedAsync();
    }

    private Task<AppUser> StaffAsync(string city) =>
        TestData.CreateUserAsync(app.Factory, u => u.InCity(city, CityRole.CentreStaff).ExemptFromTwoFactor());

    /// <summary>A few of this year's matchings in a programme and a district, so the console's charts have bars.</summary>
    private async Task MatchingsAsync(string city)
    {
        var fy = FiscalYear.Of(Display.Today(TimeProvider.System));
        var programme = await MatchingTestData.ProgrammeAsync(app.Factory, city, TestData.Unique("まかせて"));
        var district = (await MatchingTestData.DistrictsAsync(app.Factory, city))[0].Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(app.Factory, city, o => o.Shifts(3));
        var volunteer = (await TestData.CreateVolunteerAsync(app.Factory, city)).Id;
        for (var i = 0; i < shifts.Count; i++)
        {
            var at = new DateTime(fy.StartYear, 4 + i, 10, 3, 0, 0, DateTimeKind.Utc);
            await MatchingTestData.ApplicationAsync(app.Factory, city, id, shifts[i], volunteer, a =>
            {
                a.Status = ApplicationStatus.Confirmed; a.CreatedAt = at.AddDays(-1); a.MatchedAt = at; a.ProgrammeId = programme; a.DistrictId = district;
            });
        }
    }

    public sealed class ScrollBox
    {
        public string Html { get; set; } = "";
        public int TabIndex { get; set; }
        public string? Role { get; set; }
        public string? Name { get; set; }
    }

    public sealed class ChartText
    {
        public string Text { get; set; } = "";
        public double Px { get; set; }
    }

    /// <summary>Elements whose content is wider than they are and that scroll sideways.</summary>
    private const string FindScrollBoxes = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
          .map(e => ({
            html: e.outerHTML.slice(0, 120),
            tabIndex: e.tabIndex,
            role: e.getAttribute('role'),
            name: e.getAttribute('aria-label') || (e.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id)?.textContent.trim() ?? '').join(' ').trim(),
          }))
        """;

    /// <summary>
    /// The size chart text is drawn at on the screen: its font size times the scale of the SVG it is in (text in an SVG
    /// grows and shrinks with the drawing's viewBox).
    /// </summary>
    private const string RenderedChartText = """
        () => [...document.querySelectorAll('.chart__label, .chart__value')]
          .filter(e => e.getClientRects().length > 0 && e.textContent.trim() !== '')
          .map(e => {
            const m = typeof e.getScreenCTM === 'function' ? e.getScreenCTM() : null;
            const scale = m ? Math.hypot(m.a, m.b) : 1;
            return { text: e.textContent.trim(), px: parseFloat(getComputedStyle(e).fontSize) * scale };
          })
        """;
}

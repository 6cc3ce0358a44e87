using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Account;

public class MyPageTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Fact]
    public async Task ACitizen_FindsTheirOwnListsFromTheMenu_WithoutAStaffMenu()
    {
        var citizen = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.SignInAsync(citizen.Email!);
        var (_, home) = await browser.GetPageAsync("/nagato");
        home.QuerySelector("nav.site-nav a[href='/nagato/my']")!.TextContent.ShouldBe("マイページ");
        home.QuerySelector("nav.site-nav a[href='/nagato/admin']").ShouldBeNull();

        var (_, my) = await browser.GetPageAsync("/nagato/my");
        var links = my.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldContain("/nagato/volunteers/me");
        links.ShouldContain("/nagato/volunteers/activities");
        links.ShouldContain("/nagato/groups/mine");
        links.ShouldContain("/nagato/events/mine");
        links.ShouldNotContain("/nagato/admin");
        foreach (var link in links.Where(l => l!.StartsWith("/nagato/", StringComparison.Ordinal)))
            (await browser.GetAsync(link!)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, link);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StaffWithARole_AlsoReachTheStaffMenu_EvenBeforeSettingUpTwoFactor(bool twoFactorDone)
    {
        var staff = await TestData.CreateUserAsync(factory, u => { u.InCity("nagato", CityRole.CentreStaff); if (twoFactorDone) u.ExemptFromTwoFactor(); });
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        var (_, my) = await browser.GetPageAsync("/nagato/my");
        my.QuerySelector("main a[href='/nagato/admin']")!.TextContent.ShouldBe("職員メニューへ");
        // Staff of another city are not led to this city's menu.
        var (_, elsewhere) = await browser.GetPageAsync("/shimonoseki/my");
        elsewhere.QuerySelector("main a[href='/shimonoseki/admin']").ShouldBeNull();
    }
}

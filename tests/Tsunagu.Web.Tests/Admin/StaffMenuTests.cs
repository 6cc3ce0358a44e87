using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Admin;

/// <summary>The shared places loop over what the features registered: the staff menu, the city's home and マイページ.</summary>
public class StaffMenuTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Fact]
    public async Task CentreStaff_SeeEveryCentreCard_WithTheApplicationsWaiting_AndNoPlanOrAdministrationCards()
    {
        var (browser, _) = await TestData.SignedInAsync(factory, u => u.InCity("muroran", CityRole.CentreStaff).ExemptFromTwoFactor());
        var applicant = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, "muroran", g => g.AdministeredBy(applicant))).Id;
        await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == groupId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GroupStatus.Submitted)));

        var (_, menu) = await browser.GetPageAsync("/muroran/admin");
        var links = menu.QuerySelectorAll("main .card a").Select(a => a.GetAttribute("href") ?? "").ToList();
        var centre = Entries<StaffMenuEntry>().Where(e => e.Policy == Policies.CentreStaff).Select(e => "/muroran/" + e.Path).ToList();
        centre.Count.ShouldBeGreaterThan(10);
        links.ShouldBe(links.Distinct());
        foreach (var link in centre) links.ShouldContain(link);
        links.ShouldNotContain("/muroran/admin/plans");
        links.ShouldNotContain("/muroran/admin/staff");
        var groupsCard = menu.QuerySelector("main a[href='/muroran/admin/groups']")!.Closest(".card")!;
        groupsCard.TextContent.ShouldContain("対応待ち");
        foreach (var link in links) (await browser.GetAsync(link!)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, link);
    }

    [Fact]
    public async Task APlanManager_SeesThePlanCards_UnderTheirSection()
    {
        var (browser, _) = await TestData.SignedInAsync(factory, u => u.InCity("yamaguchi", CityRole.PlanManager).ExemptFromTwoFactor());
        var (_, menu) = await browser.GetPageAsync("/yamaguchi/admin");
        var section = menu.QuerySelectorAll("main section").Single(s => s.QuerySelector("h2")!.TextContent == "計画と評価");
        var links = section.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").ToList();
        links.ShouldBe(["/yamaguchi/admin/reports", "/yamaguchi/admin/council", "/yamaguchi/admin/plans"]);
        menu.QuerySelector("main a[href='/yamaguchi/admin/groups']").ShouldBeNull();
    }

    [Fact]
    public async Task TheCityHome_ShowsEveryRegisteredCard_InOrder()
    {
        await factory.EnsurePreparedAsync();
        var (_, home) = await Browser.For(factory).GetPageAsync("/nagato");
        var links = home.QuerySelectorAll("main > .card-list > .card h2 a").Select(a => a.GetAttribute("href") ?? "").ToList();
        links.ShouldBe(Entries<CityHomeEntry>().OrderBy(e => e.Order).Select(e => "/nagato/" + e.Path).ToList());
        links.ShouldContain("/nagato/groups");
        links.ShouldContain("/nagato/plans");
    }

    [Fact]
    public async Task MyPage_ShowsEveryRegisteredList()
    {
        var (browser, _) = await TestData.SignedInAsync(factory);
        var (_, my) = await browser.GetPageAsync("/nagato/my");
        var links = my.QuerySelectorAll("main .card a").Select(a => a.GetAttribute("href") ?? "").ToList();
        links.ShouldBe(Entries<MyPageEntry>().OrderBy(e => e.Order).Select(e => "/nagato/" + e.Path).ToList());
    }

    /// <summary>The registered cards' texts are shown through the localizer, so each needs its English.</summary>
    [Fact]
    public void EveryRegisteredCard_HasEnglish()
    {
        var english = new Text().English;
        var texts = Entries<StaffMenuEntry>().SelectMany(e => new[] { e.Section, e.Title, e.Description })
            .Concat(Entries<CityHomeEntry>().SelectMany(e => new[] { e.Title, e.Description }))
            .Concat(Entries<MyPageEntry>().SelectMany(e => new[] { e.Section, e.Title, e.Description }))
            .Distinct();
        texts.Where(t => !english.ContainsKey(t)).ShouldBeEmpty("Add these to the feature's en.json");
    }

    private List<T> Entries<T>() where T : notnull => factory.Services.GetServices<T>().ToList();
}

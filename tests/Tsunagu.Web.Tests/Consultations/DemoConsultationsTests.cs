using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Consultations;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Consultations;

public class DemoConsultationsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task<int> SeedAsync()
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DemoGroups>().SeedAsync();
        return await scope.ServiceProvider.GetRequiredService<DemoConsultations>().SeedAsync();
    }

    [Fact]
    public async Task EveryCity_GetsAYearOfDemoCases_OverEveryTopic_MarkedAsDemo_Once()
    {
        var first = await SeedAsync();
        first.ShouldBeGreaterThan(0);
        (await SeedAsync()).ShouldBe(0);
        var perCity = await TestData.WithDbAsync(factory, db => db.Consultations.IgnoreQueryFilters()
            .GroupBy(c => c.CityId).Select(g => new { Count = g.Count(), Topics = g.Select(c => c.Topic).Distinct().Count(), Demo = g.All(c => c.IsDemo) }).ToListAsync());
        perCity.Count.ShouldBe(4);
        perCity.ShouldAllBe(c => c.Count >= 10 && c.Topics == 9 && c.Demo);

        var staff = await TestData.CreateUserAsync(factory, u => u.InCity("muroran", CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        var (_, desk) = await browser.GetPageAsync("/muroran/admin/consultations?status=Done");
        desk.QuerySelectorAll("main table tbody tr").Length.ShouldBeGreaterThan(5);
        desk.QuerySelector("main table")!.TextContent.ShouldContain("デモデータ");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Exchange;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Exchange;

public class DemoExchangeTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Fact]
    public async Task DemoNeedsAndOffers_AreAddedOnceToEveryCityWithDemoGroups_AndSuggestEachOther()
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoGroups>().SeedAsync();
            (await scope.ServiceProvider.GetRequiredService<DemoExchange>().SeedAsync()).ShouldBeGreaterThan(0);
        }
        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<DemoExchange>().SeedAsync()).ShouldBe(0);

        var posts = await TestData.WithDbAsync(factory, db => db.Set<ExchangePost>().IgnoreQueryFilters().Include(p => p.Group).ToListAsync());
        posts.ShouldAllBe(p => p.IsDemo && p.Group!.IsDemo && p.Group.CityId == p.CityId && p.Title.EndsWith("（デモ）"));
        var cities = await TestData.WithDbAsync(factory, db => db.Cities.CountAsync());
        posts.Select(p => p.CityId).Distinct().Count().ShouldBe(cities);

        var need = posts.First(p => p.Direction == ExchangeDirection.Need && p.Title.StartsWith("読み聞かせ会の会場", StringComparison.Ordinal));
        var slug = await TestData.WithDbAsync(factory, db => db.Cities.Where(c => c.Id == need.CityId).Select(c => c.Slug).SingleAsync());
        var (_, page) = await Browser.For(factory).GetPageAsync($"/{slug}/exchange/{need.Id}");
        page.QuerySelector("section[aria-labelledby=suggestions-title]")!.TextContent.ShouldContain("空き店舗を活用した会場を貸し出せます（デモ）");
        page.QuerySelector("main .notice--warning")!.TextContent.ShouldContain("デモ用");
    }
}

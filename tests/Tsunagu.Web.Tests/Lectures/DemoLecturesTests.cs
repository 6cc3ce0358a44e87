using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Lectures;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Lectures;

public class DemoLecturesTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Fact]
    public async Task DemoTopics_AreAddedOnceToEveryCity_AndListedInTheCatalogue()
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<DemoLectures>().SeedAsync()).ShouldBeGreaterThan(0);
        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<DemoLectures>().SeedAsync()).ShouldBe(0);

        var topics = await TestData.WithDbAsync(factory, db => db.Set<LectureTopic>().IgnoreQueryFilters().ToListAsync());
        var cities = await TestData.WithDbAsync(factory, db => db.Cities.CountAsync());
        topics.Count(t => t.IsDemo).ShouldBe(4 * cities);
        topics.Where(t => t.IsDemo).ShouldAllBe(t => t.Title.EndsWith("（デモ）") && t.Active);

        var (_, catalogue) = await Browser.For(factory).GetPageAsync("/shimonoseki/lectures");
        catalogue.QuerySelector("main")!.TextContent.ShouldContain("ボランティアギルドに登録しよう（デモ）");
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Groups;

public class GroupAdministratorsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private async Task<(Browser Admin, int GroupId)> PublishedGroupAsync()
    {
        var user = await TestData.CreateUserAsync(factory);
        var id = await TestData.WithDbAsync(factory, async db =>
        {
            var cityId = await db.Cities.Where(c => c.Slug == City).Select(c => c.Id).SingleAsync();
            var g = new Group
            {
                CityId = cityId,
                Name = $"管理の会{Guid.NewGuid():N}"[..12],
                NameKana = "かんりのかい",
                Description = "管理者の試験をする団体です。",
                RepresentativeName = "代表",
                RepresentativeEmail = "rep@example.jp",
                Status = GroupStatus.Approved,
                CreatedAt = DateTime.UtcNow,
                ApprovedAt = DateTime.UtcNow,
            };
            g.Administrators.Add(new GroupAdministrator { UserId = user.Id, CreatedAt = DateTime.UtcNow });
            db.Groups.Add(g);
            await db.SaveChangesAsync();
            return g.Id;
        });
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, id);
    }

    [Fact]
    public async Task Administrator_AddsAnotherPerson_WhoCanThenEditTheGroup()
    {
        var (admin, id) = await PublishedGroupAsync();
        var second = await TestData.CreateUserAsync(factory);
        (await admin.SubmitAsync($"/{City}/groups/{id}/administrators", new Dictionary<string, string> { ["Email"] = second.Email!.ToUpperInvariant() }, "main form[action*=Add]"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.LastMailToAsync(factory, second.Email!)).Subject.ShouldContain("管理者になりました");
        var secondBrowser = Browser.For(factory);
        await secondBrowser.SignInAsync(second.Email!);
        (await secondBrowser.GetAsync($"/{City}/groups/register/{id}/activity")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var roles = await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().Where(m => m.UserId == second.Id).Select(m => m.Role).ToListAsync());
        roles.ShouldContain(CityRole.GroupAdmin);

        // Either can remove the other, but never the last one.
        (await secondBrowser.SubmitAsync($"/{City}/groups/{id}/administrators", new Dictionary<string, string>(), "main form[action*=Remove]"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await secondBrowser.GetPageAsync($"/{City}/groups/{id}/administrators");
        page.QuerySelectorAll("main form[action*=Remove]").Length.ShouldBe(0);
    }

    [Fact]
    public async Task Add_UnknownOrDuplicateEmail_ShowsErrorNextToTheField()
    {
        var (admin, id) = await PublishedGroupAsync();
        var unknown = await Browser.ParseAsync(await admin.SubmitAsync($"/{City}/groups/{id}/administrators", new Dictionary<string, string> { ["Email"] = "nobody@example.jp" }, "main form[action*=Add]"));
        unknown.QuerySelector("#Email-error")!.TextContent.ShouldContain("アカウントはありません");
        var bad = await Browser.ParseAsync(await admin.SubmitAsync($"/{City}/groups/{id}/administrators", new Dictionary<string, string> { ["Email"] = "not-an-address" }, "main form[action*=Add]"));
        bad.QuerySelector("#Email-error")!.TextContent.ShouldContain("形式");
    }

    [Fact]
    public async Task SomeoneWhoIsNotAnAdministrator_GetsNotFound()
    {
        var (_, id) = await PublishedGroupAsync();
        var stranger = Browser.For(factory);
        await stranger.SignInAsync((await TestData.CreateUserAsync(factory)).Email!);
        (await stranger.GetAsync($"/{City}/groups/{id}/administrators")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

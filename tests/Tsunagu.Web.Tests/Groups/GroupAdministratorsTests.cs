using System.Net;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Groups;

public class GroupAdministratorsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private async Task<(Browser Admin, int GroupId)> PublishedGroupAsync()
    {
        var user = await TestData.CreateUserAsync(factory);
        var group = await TestData.CreateGroupAsync(factory, City, g => g.Named(TestData.Unique("管理の会"), "かんりのかい")
            .Described("管理者の試験をする団体です。").AdministeredBy(user));
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, group.Id);
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

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Spaces;

/// <summary>Nagato has no centre yet (its desk at city hall does the centre's work): it lends no rooms or equipment.</summary>
public class NoCentreTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "nagato";
    private const string Message = "長門市にはまだ市民活動センターがないため、部屋や備品、ロッカーの貸出はしていません。お問い合わせは企画政策課 市民協働推進室へ。";

    [Fact]
    public async Task RoomsPage_SaysNothingIsLent_AndNamesTheDesk()
    {
        await TestData.CreateRoomAsync(factory, City, r => r.Named("長門テスト会議室"));
        var (response, page) = await Browser.For(factory).GetPageAsync($"/{City}/spaces");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("main .notice")!.TextContent.ShouldBe(Message);
        page.QuerySelector("main")!.TextContent.ShouldNotContain("長門テスト会議室");
    }

    [Fact]
    public async Task BookingForm_IsNotOffered_AndABookingPostedAnywayIsRefused_NothingWritten()
    {
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("長門テスト会議室2"))).Id;
        var (person, _) = await TestData.SignedInAsync(factory);

        var (_, form) = await person.GetPageAsync($"/{City}/spaces/book");
        form.QuerySelector("main .notice")!.TextContent.ShouldBe(Message);
        form.QuerySelector("main form[method=post]").ShouldBeNull();

        var date = Tsunagu.Web.Shared.Display.Today(TimeProvider.System).AddDays(7);
        var refused = await person.PostWithTokenAsync("/account", $"/{City}/spaces/book", new Dictionary<string, string>
        {
            ["Input.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
            ["Input.Date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Start"] = "10:00",
            ["Input.End"] = "12:00",
            ["Input.Purpose"] = "定例会議",
            ["Input.Repeat"] = "None",
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(refused)).QuerySelector("main")!.TextContent.ShouldContain(Message);
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().CountAsync(b => b.RoomId == room))).ShouldBe(0);
    }

    [Fact]
    public async Task Lockers_AreNotOffered_AndAnApplicationIsRefusedByTheRule()
    {
        await factory.EnsurePreparedAsync();
        var (_, page) = await Browser.For(factory).GetPageAsync($"/{City}/spaces/lockers");
        page.QuerySelector("main .notice")!.TextContent.ShouldBe(Message);

        var (_, admin) = await TestData.SignedInAsync(factory);
        var group = await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(admin));
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CurrentCity>().Set(await services.GetRequiredService<TsunaguDb>().Cities.SingleAsync(c => c.Slug == City));
        var lockers = services.GetRequiredService<LockerService>();
        var refused = await lockers.ApplyAsync(admin.Id, new LockerService.Application(group.Id, LockerKind.Locker, lockers.OpenYears[0].StartYear, null, null));
        refused.Problems.Summary.ShouldBe(Message);
        (await TestData.WithDbAsync(factory, db => db.Set<LockerRental>().IgnoreQueryFilters().CountAsync(r => r.GroupId == group.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task ACityWithACentre_StillLends()
    {
        var (_, page) = await Browser.For(factory).GetPageAsync("/yamaguchi/spaces");
        page.QuerySelector("main")!.TextContent.ShouldNotContain("貸出はしていません");
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Spaces;

public class LotteryTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "muroran";

    [Fact]
    public void Order_IsTheSameForTheSameSeed_AndDiffersForAnother()
    {
        int[] entries = [31, 7, 12, 5, 44, 18, 9, 27];
        LotteryService.Order(entries, 2027).ShouldBe(LotteryService.Order(entries.Reverse(), 2027));
        LotteryService.Order(entries, 2027).ShouldBe(LotteryService.Order(entries, 2027));
        LotteryService.Order(entries, 2027).ShouldNotBe(LotteryService.Order(entries, 2028));
        LotteryService.Order(entries, 2027).Order().ShouldBe(entries.Order());
    }

    [Fact]
    public async Task Lottery_CollectsEntries_DrawsFromARecordedSeed_WinnersAreBooked_AndThePageRecomputesIt()
    {
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("人気の部屋").Seating(30))).Id;
        var staffUser = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = Browser.For(factory);
        await staff.SignInAsync(staffUser.Email!);
        var from = Display.Today(TimeProvider.System).AddDays(14);
        (await staff.SubmitAsync($"/{City}/admin/spaces/lotteries", new Dictionary<string, string>
        {
            ["NewLottery.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
            ["NewLottery.Title"] = "人気の部屋の抽選",
            ["NewLottery.From"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["NewLottery.To"] = from.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["NewLottery.Closes"] = from.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, "#lottery-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var lotteryId = await TestData.WithDbAsync(factory, db => db.Set<Lottery>().IgnoreQueryFilters().Where(l => l.RoomId == room).Select(l => l.Id).SingleAsync());

        // While the lottery is open its slots cannot be booked first-come.
        var first = await TestData.CreateUserAsync(factory);
        var firstBrowser = Browser.For(factory);
        await firstBrowser.SignInAsync(first.Email!);
        var refused = await Browser.ParseAsync(await firstBrowser.SubmitAsync($"/{City}/spaces/book", new Dictionary<string, string>
        {
            ["Input.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
            ["Input.Date"] = from.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Start"] = "10:00",
            ["Input.End"] = "12:00",
            ["Input.Purpose"] = "会議",
            ["Input.Repeat"] = "None",
        }));
        refused.QuerySelector("#Input_Date-error")!.TextContent.ShouldContain("抽選");

        // Five people want the same slot, one wants another.
        var url = $"/{City}/spaces/lotteries/{lotteryId}";
        var people = new List<AppUser>();
        for (var i = 0; i < 6; i++)
        {
            var user = await TestData.CreateUserAsync(factory);
            people.Add(user);
            var browser = Browser.For(factory);
            await browser.SignInAsync(user.Email!);
            (await browser.SubmitAsync(url, new Dictionary<string, string>
            {
                ["Input.Date"] = from.AddDays(i == 5 ? 2 : 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Input.Start"] = "13:00",
                ["Input.End"] = "15:00",
                ["Input.Purpose"] = $"活動{i}",
            })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        // Drawing before the deadline is refused; then the deadline passes.
        await staff.PostWithTokenAsync($"/{City}/admin/spaces/lotteries", $"/{City}/admin/spaces/lotteries?handler=Draw&id={lotteryId}", new Dictionary<string, string> { ["seed"] = "20261123" });
        (await TestData.WithDbAsync(factory, db => db.Set<Lottery>().IgnoreQueryFilters().SingleAsync(l => l.Id == lotteryId))).Status.ShouldBe(LotteryStatus.Open);
        await TestData.WithDbAsync(factory, db => db.Set<Lottery>().IgnoreQueryFilters().Where(l => l.Id == lotteryId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.EntriesCloseAt, DateTime.UtcNow.AddMinutes(-1))));
        (await staff.PostWithTokenAsync($"/{City}/admin/spaces/lotteries", $"/{City}/admin/spaces/lotteries?handler=Draw&id={lotteryId}", new Dictionary<string, string> { ["seed"] = "20261123" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var entries = await TestData.WithDbAsync(factory, db => db.Set<LotteryEntry>().IgnoreQueryFilters().Where(e => e.LotteryId == lotteryId).ToListAsync());
        entries.Count(e => e.Result == LotteryResult.Won).ShouldBe(2); // one of the five, and the one alone on her slot
        entries.Single(e => e.UserId == people[5].Id).Result.ShouldBe(LotteryResult.Won);
        var order = LotteryService.Order(entries.Select(e => e.Id), 20261123);
        var winnerOfContest = order.Select(id => entries.Single(e => e.Id == id)).First(e => e.UserId != people[5].Id);
        winnerOfContest.Result.ShouldBe(LotteryResult.Won);
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().CountAsync(b => b.RoomId == room && b.Status == BookingStatus.Provisional))).ShouldBe(2);
        (await TestData.LastMailToAsync(factory, people[5].Email!)).Subject.ShouldContain("抽選の結果");

        var (_, page) = await Browser.For(factory).GetPageAsync(url);
        var result = page.QuerySelector("main")!.TextContent;
        result.ShouldContain("20261123");
        result.ShouldContain("記録と一致しました");
        var logged = page.QuerySelector("pre.lottery-log")!.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => int.Parse(l.Split('#')[1].Split(' ')[0], CultureInfo.InvariantCulture)).ToList();
        logged.ShouldBe(order);
        result.ShouldNotContain(people[0].Email!);
    }

    [Fact]
    public async Task AGroupsAdministrator_EntersForTheGroup_AndTheWinningBookingIsTheGroups_ButNotForAnotherGroup()
    {
        var cityId = await TestData.CityIdAsync(factory, City);
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("団体の抽選の部屋"))).Id;
        var from = Display.Today(TimeProvider.System).AddDays(20);
        var lotteryId = await TestData.WithDbAsync(factory, async db =>
        {
            var l = new Lottery
            {
                CityId = cityId,
                RoomId = room,
                Title = "団体も申し込める抽選",
                From = Display.ToUtc(from, TimeOnly.MinValue),
                To = Display.ToUtc(from.AddDays(7), TimeOnly.MinValue),
                EntriesCloseAt = DateTime.UtcNow.AddDays(3),
                Status = LotteryStatus.Open,
                CreatedAt = DateTime.UtcNow,
            };
            db.Add(l);
            await db.SaveChangesAsync();
            return l.Id;
        });
        var (leader, leaderUser) = await TestData.SignedInAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(leaderUser))).Id;
        var otherAdmin = await TestData.CreateUserAsync(factory);
        var otherGroup = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(otherAdmin))).Id;
        var url = $"/{City}/spaces/lotteries/{lotteryId}";
        var (_, form) = await leader.GetPageAsync(url);
        form.QuerySelectorAll("select#Input_GroupId option").Select(o => o.GetAttribute("value")).ShouldBe(["", groupId.ToString(CultureInfo.InvariantCulture)]);
        Dictionary<string, string> Entry(int group) => new()
        {
            ["Input.GroupId"] = group.ToString(CultureInfo.InvariantCulture),
            ["Input.Date"] = from.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Start"] = "10:00",
            ["Input.End"] = "12:00",
            ["Input.Purpose"] = "定例会",
        };

        var refused = await Browser.ParseAsync(await leader.SubmitAsync(url, Entry(otherGroup)));
        refused.QuerySelector("#Input_GroupId-error")!.TextContent.ShouldContain("管理者になっている登録団体");
        (await leader.SubmitAsync(url, Entry(groupId))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var entries = await TestData.WithDbAsync(factory, db => db.Set<LotteryEntry>().IgnoreQueryFilters().Where(e => e.LotteryId == lotteryId).ToListAsync());
        entries.ShouldHaveSingleItem().GroupId.ShouldBe(groupId);

        await TestData.WithDbAsync(factory, db => db.Set<Lottery>().IgnoreQueryFilters().Where(l => l.Id == lotteryId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.EntriesCloseAt, DateTime.UtcNow.AddMinutes(-1))));
        var staffUser = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = Browser.For(factory);
        await staff.SignInAsync(staffUser.Email!);
        (await staff.PostWithTokenAsync($"/{City}/admin/spaces/lotteries", $"/{City}/admin/spaces/lotteries?handler=Draw&id={lotteryId}", new Dictionary<string, string> { ["seed"] = "7" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var booking = await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().SingleAsync(b => b.RoomId == room));
        booking.GroupId.ShouldBe(groupId);
    }
}

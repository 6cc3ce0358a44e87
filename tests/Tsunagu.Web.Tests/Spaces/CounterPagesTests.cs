using System.Net;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Spaces;

/// <summary>The centre's room pages, one per task, each linking the others; the rooms and the rules through their own forms.</summary>
public class CounterPagesTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "yamaguchi";

    private async Task<Browser> StaffAsync() =>
        (await TestData.SignedInAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor())).Browser;

    [Theory]
    [InlineData("")]
    [InlineData("/rooms")]
    [InlineData("/rules")]
    [InlineData("/fees")]
    [InlineData("/equipment")]
    [InlineData("/lotteries")]
    public async Task EachPage_LinksEveryOther_AndMarksItselfAsCurrent(string path)
    {
        var staff = await StaffAsync();
        var (response, page) = await staff.GetPageAsync($"/{City}/admin/spaces{path}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var links = page.QuerySelectorAll("main nav[aria-label='部屋の予約の管理'] a").ToList();
        links.Select(a => a.GetAttribute("href")).ShouldBe(new[] { "", "/rooms", "/rules", "/fees", "/equipment", "/lotteries", "/lockers" }.Select(p => $"/{City}/admin/spaces{p}"));
        links.Where(a => a.GetAttribute("aria-current") == "page").ShouldHaveSingleItem().GetAttribute("href").ShouldBe($"/{City}/admin/spaces{path}");
    }

    [Fact]
    public async Task ARoom_IsAddedAtTheEnd_AMissingOrTakenNameAndABadCapacityAreRefusedNextToTheirFields()
    {
        var staff = await StaffAsync();
        var url = $"/{City}/admin/spaces/rooms";
        var name = $"新しい部屋{Guid.NewGuid():N}"[..12];
        Dictionary<string, string> Room(string roomName, string capacity) => new()
        {
            ["NewRoom.Name"] = roomName,
            ["NewRoom.Capacity"] = capacity,
            ["NewRoom.Facilities"] = " ホワイトボード ",
            ["NewRoom.AccessibilityNotes"] = "",
        };

        var refused = await staff.SubmitAsync(url, Room("", "0"), "#room-form");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(refused);
        page.QuerySelector("#NewRoom_Name-error")!.TextContent.ShouldContain("部屋の名前を入力してください");
        page.QuerySelector("#NewRoom_Capacity-error")!.TextContent.ShouldContain("定員は1〜1,000人");

        (await staff.SubmitAsync(url, Room(name, "12"), "#room-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var room = await TestData.WithDbAsync(factory, db => db.Set<Room>().IgnoreQueryFilters().SingleAsync(r => r.Name == name));
        (room.Capacity, room.Facilities, room.AccessibilityNotes).ShouldBe((12, "ホワイトボード", (string?)null));
        var last = await TestData.WithDbAsync(factory, db => db.Set<Room>().IgnoreQueryFilters().Where(r => r.CityId == room.CityId).MaxAsync(r => r.SortOrder));
        room.SortOrder.ShouldBe(last);
        var (_, list) = await staff.GetPageAsync(url);
        list.QuerySelector($"main a[href='/{City}/admin/spaces/rooms/{room.Id}']").ShouldNotBeNull();

        var taken = await Browser.ParseAsync(await staff.SubmitAsync(url, Room(name, "5"), "#room-form"));
        taken.QuerySelector("#NewRoom_Name-error")!.TextContent.ShouldContain("すでにあります");
        (await TestData.WithDbAsync(factory, db => db.Set<Room>().IgnoreQueryFilters().CountAsync(r => r.Name == name))).ShouldBe(1);
    }

    [Fact]
    public async Task TheRules_AreSaved_WithTheClosedDays_AndHoursTheWrongWayRoundAreRefusedNextToTheField()
    {
        var staff = await StaffAsync();
        var url = $"/{City}/admin/spaces/rules";
        Dictionary<string, string> Rules(string opens, string closes, string groupDays) => new()
        {
            ["Rules.Opens"] = opens,
            ["Rules.Closes"] = closes,
            ["Rules.GroupHorizonDays"] = groupDays,
            ["Rules.OtherHorizonDays"] = "30",
            ["Rules.ProvisionalDays"] = "7",
            ["Rules.FreeCancellationDays"] = "3",
            ["Rules.GroupFeePerHour"] = "200",
            ["Rules.OtherFeePerHour"] = "400",
        };

        var refused = await Browser.ParseAsync(await staff.SubmitAsync(url, Rules("21:00", "09:00", "0"), "#rules-form"));
        refused.QuerySelector("#Rules_Closes-error")!.TextContent.ShouldContain("閉館時刻は開館時刻より後");
        refused.QuerySelector("#Rules_GroupHorizonDays-error")!.TextContent.ShouldContain("1〜730日");

        var (_, form) = await staff.GetPageAsync(url);
        var token = form.QuerySelector("#rules-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = Rules("08:30", "20:00", "120").Append(new("ClosedDays", "0")).Append(new("ClosedDays", "6")).Append(new("__RequestVerificationToken", token));
        (await staff.Client.PostAsync(url, new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cityId = await TestData.CityIdAsync(factory, City);
        var rules = await TestData.WithDbAsync(factory, db => db.Set<SpaceRules>().IgnoreQueryFilters().SingleAsync(r => r.CityId == cityId));
        (rules.Opens, rules.Closes, rules.GroupHorizonDays, rules.ClosedWeekdays).ShouldBe((new TimeOnly(8, 30), new TimeOnly(20, 0), 120, 1 | 1 << 6));
        rules.IsClosedOn(DayOfWeek.Monday).ShouldBeTrue();
        rules.IsClosedOn(DayOfWeek.Sunday).ShouldBeTrue();

        var (_, saved) = await staff.GetPageAsync(url);
        saved.QuerySelectorAll("input[name=ClosedDays][checked]").Select(i => i.GetAttribute("value")).ShouldBe(["0", "6"]);
    }
}

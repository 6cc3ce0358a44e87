using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Spaces;

public class BookingTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "yamaguchi";

    /// <summary>A weekday a week or two ahead (the default rules close no weekday), within every horizon.</summary>
    private static DateOnly NextDay(int plus = 7) => Display.Today(TimeProvider.System).AddDays(plus);

    private static Dictionary<string, string> Form(int room, DateOnly date, string start = "10:00", string end = "12:00") => new()
    {
        ["Input.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
        ["Input.Date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.Start"] = start,
        ["Input.End"] = end,
        ["Input.Purpose"] = "定例会議",
        ["Input.Repeat"] = "None",
    };

    private Task<(Browser Browser, AppUser User)> SignedInAsync(Action<TestData.UserSpec>? spec = null) => TestData.SignedInAsync(factory, spec);

    [Fact]
    public async Task Group_BooksProvisionally_StaffConfirm_ASecondUserCannotTakeTheSlot_AndVisitorsAreCounted()
    {
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("会議室テスト1"))).Id;
        var (admin, adminUser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(adminUser))).Id;
        var date = NextDay(60); // beyond the 30 days of others, within the 90 of registered groups
        var form = Form(room, date);
        form["Input.GroupId"] = groupId.ToString(CultureInfo.InvariantCulture);
        (await admin.SubmitAsync($"/{City}/spaces/book", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var booking = await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().SingleAsync(b => b.RoomId == room));
        booking.Status.ShouldBe(BookingStatus.Provisional);
        booking.FeeYen.ShouldBe(400); // 2 hours at the group rate
        booking.GroupId.ShouldBe(groupId);

        var (_, week) = await Browser.For(factory).GetPageAsync($"/{City}/spaces?week={date:yyyy-MM-dd}");
        week.QuerySelector("table.week-grid")!.TextContent.ShouldContain("10:00–12:00 仮予約");

        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var counter = Browser.For(factory);
        await counter.SignInAsync(staff.Email!);
        (await counter.PostWithTokenAsync($"/{City}/admin/spaces", $"/{City}/admin/spaces?handler=Confirm&id={booking.Id}", new Dictionary<string, string>()))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().SingleAsync(b => b.Id == booking.Id))).Status.ShouldBe(BookingStatus.Confirmed);

        var (other, otherUser) = await SignedInAsync();
        var otherGroup = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(otherUser))).Id;
        var refused = await other.SubmitAsync($"/{City}/spaces/book", Form(room, NextDay(7)));
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect); // a different day is free
        var clash = Form(room, date, "11:00", "13:00");
        clash["Input.GroupId"] = otherGroup.ToString(CultureInfo.InvariantCulture);
        var page = await Browser.ParseAsync(await other.SubmitAsync($"/{City}/spaces/book", clash));
        page.QuerySelector("#conflicts")!.TextContent.ShouldContain("すでに予約があります");
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().CountAsync(b => b.RoomId == room))).ShouldBe(2);

        // After the slot, staff record how many came; it is the centre-visitors indicator's figure.
        await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().Where(b => b.Id == booking.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.StartsAt, DateTime.UtcNow.AddHours(-3)).SetProperty(b => b.EndsAt, DateTime.UtcNow.AddHours(-1))));
        (await counter.PostWithTokenAsync($"/{City}/admin/spaces", $"/{City}/admin/spaces?handler=People&id={booking.Id}", new Dictionary<string, string> { ["people"] = "17" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, usage) = await counter.GetPageAsync($"/{City}/admin/spaces");
        usage.QuerySelectorAll("table:has(#usage-room) tbody tr").Single(tr => tr.TextContent.Contains("会議室テスト1")).TextContent.ShouldContain("17");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == City));
        var source = scope.ServiceProvider.GetServices<Tsunagu.Web.Features.Plans.IIndicatorSource>().Single(s => s.Name == "centre-visitors");
        (await source.ValueAsync(Tsunagu.Web.Calendar.FiscalYear.Of(DateTime.UtcNow.AddHours(6)).StartYear, Tsunagu.Web.Features.Plans.IndicatorSourceParameters.None)).ShouldBe(17);
    }

    [Fact]
    public async Task DayView_ListsEachRoomsFreeTimes_AroundItsBookings_AndTheWeekLinksToIt()
    {
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("会議室テスト日"))).Id;
        var (booker, _) = await SignedInAsync();
        var date = NextDay(9);
        (await booker.SubmitAsync($"/{City}/spaces/book", Form(room, date, "10:00", "12:00"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await booker.SubmitAsync($"/{City}/spaces/book", Form(room, date, "13:00", "15:30"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (_, day) = await Browser.For(factory).GetPageAsync($"/{City}/spaces?day={date:yyyy-MM-dd}");
        var card = day.QuerySelectorAll("ul[aria-labelledby=day-title] li.card").Single(c => c.QuerySelector("h3")!.TextContent == "会議室テスト日");
        card.TextContent.ShouldContain("空いている時間：09:00〜10:00、12:00〜13:00、15:30〜21:00");
        day.QuerySelector("table.week-grid").ShouldBeNull();
        day.QuerySelector("#fees").ShouldNotBeNull(); // fees and equipment show under both views

        var (_, week) = await Browser.For(factory).GetPageAsync($"/{City}/spaces?week={date:yyyy-MM-dd}");
        week.QuerySelector($"table.week-grid thead a[href='?day={date:yyyy-MM-dd}']").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("08:00", "10:00", 7, "Input_Start-error", "開館時間")]
    [InlineData("12:00", "10:00", 7, "Input_End-error", "終了時刻は開始時刻より後")]
    [InlineData("10:00", "12:00", 45, "Input_Date-error", "30日先")]
    [InlineData("10:00", "12:00", -2, "Input_Date-error", "過去の日時")]
    public async Task Booking_AgainstTheRules_IsRefusedNextToTheField(string start, string end, int days, string errorId, string message)
    {
        var room = (await TestData.CreateRoomAsync(factory, City)).Id;
        var (browser, _) = await SignedInAsync();
        var response = await browser.SubmitAsync($"/{City}/spaces/book", Form(room, NextDay(days), start, end));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(response)).QuerySelector($"#{errorId}")!.TextContent.ShouldContain(message);
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().AnyAsync(b => b.RoomId == room))).ShouldBeFalse();
    }

    [Fact]
    public async Task Booking_OnAClosedDay_IsRefused_AndAWeeklySeriesReportsEveryConflict()
    {
        var room = (await TestData.CreateRoomAsync(factory, City)).Id;
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var counter = Browser.For(factory);
        await counter.SignInAsync(staff.Email!);
        var first = NextDay(7);
        // Staff block the second and third weeks' slot.
        foreach (var week in new[] { 1, 2 })
            (await counter.SubmitAsync($"/{City}/admin/spaces", new Dictionary<string, string>
            {
                ["Block.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
                ["Block.Date"] = first.AddDays(7 * week).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Block.Start"] = "09:00",
                ["Block.End"] = "13:00",
                ["Block.Reason"] = "設備点検",
            }, "main form[action*=Block]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (browser, _) = await SignedInAsync();
        var series = Form(room, first);
        series["Input.Repeat"] = "Weekly";
        series["Input.Count"] = "4";
        var page = await Browser.ParseAsync(await browser.SubmitAsync($"/{City}/spaces/book", series));
        page.QuerySelectorAll("#conflicts li").Length.ShouldBe(2);
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().CountAsync(b => b.RoomId == room && b.UserId != null))).ShouldBe(0);

        // A closed weekday, as the city sets it.
        var cityId = await TestData.CityIdAsync(factory, City);
        var closed = NextDay(10);
        await TestData.WithDbAsync(factory, async db =>
        {
            var rules = await db.Set<SpaceRules>().IgnoreQueryFilters().FirstOrDefaultAsync(r => r.CityId == cityId);
            if (rules is null) db.Add(rules = new SpaceRules { CityId = cityId });
            rules.ClosedWeekdays = 1 << (((int)closed.DayOfWeek + 6) % 7);
            return await db.SaveChangesAsync();
        });
        var closedPage = await Browser.ParseAsync(await browser.SubmitAsync($"/{City}/spaces/book", Form(room, closed)));
        closedPage.QuerySelector("#Input_Date-error")!.TextContent.ShouldContain("休館日");
        await TestData.WithDbAsync(factory, db => db.Set<SpaceRules>().IgnoreQueryFilters().Where(r => r.CityId == cityId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedWeekdays, 0)));
    }

    [Fact]
    public async Task ProvisionalBooking_PastItsDeadline_Lapses_AndFreesTheSlot()
    {
        var room = (await TestData.CreateRoomAsync(factory, City)).Id;
        var (browser, _) = await SignedInAsync();
        (await browser.SubmitAsync($"/{City}/spaces/book", Form(room, NextDay(5)))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().Where(b => b.RoomId == room)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ConfirmBy, DateTime.UtcNow.AddMinutes(-1))));
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
            scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == City));
            (await scope.ServiceProvider.GetRequiredService<SpaceService>().LapseAsync()).ShouldBeGreaterThanOrEqualTo(1);
        }
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().SingleAsync(b => b.RoomId == room))).Status.ShouldBe(BookingStatus.Lapsed);
        var (second, _) = await SignedInAsync();
        (await second.SubmitAsync($"/{City}/spaces/book", Form(room, NextDay(5)))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task FiveHundredRequestsAtOnce_ForOneSlot_MakeExactlyOneBooking_AndEveryOtherIsToldOfTheConflict()
    {
        var room = (await TestData.CreateRoomAsync(factory, City)).Id;
        var tokens = new List<string>();
        await TestData.WithDbAsync(factory, async db =>
        {
            // Token-only accounts written directly: no password hashing for 500 people.
            for (var i = 0; i < 500; i++)
            {
                var email = $"booker-{Guid.NewGuid():N}@example.jp";
                var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = $"予約者{i}", SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DateTime.UtcNow };
                db.Users.Add(user);
                var (secret, hash) = ApiToken.NewSecret();
                db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "load", TokenHash = hash, Prefix = secret[..12], CreatedAt = DateTime.UtcNow });
                tokens.Add(secret);
            }
            return await db.SaveChangesAsync();
        });
        var date = NextDay(6);
        var results = await Task.WhenAll(tokens.Select(async token =>
        {
            using var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await client.PostAsJsonAsync($"/api/v1/{City}/bookings", new { roomId = room, date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start = "14:00:00", end = "16:00:00", purpose = "会議" });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        results.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1, string.Join("\n", results.Where(r => r.StatusCode != HttpStatusCode.Created && r.StatusCode != HttpStatusCode.Conflict).Take(3).Select(r => $"{r.StatusCode} {r.Body}")));
        results.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(499);
        results.Where(r => r.StatusCode == HttpStatusCode.Conflict).ShouldAllBe(r => r.Body.Contains("すでに予約があります"));
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().CountAsync(b => b.RoomId == room))).ShouldBe(1);
    }
}

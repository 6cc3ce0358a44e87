using System.Net;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Operations;

/// <summary>Characters nobody types never reach the database or a feed, and never give a 500 (issue 19).</summary>
public class HostileInputTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Theory]
    [InlineData("/nagato/groups?q=%00")]
    [InlineData("/nagato/groups?q=a%00b&field=%00")]
    [InlineData("/nagato/search?q=%00")]
    [InlineData("/nagato/talent?q=%00")]
    [InlineData("/nagato/opportunities?q=%00")]
    [InlineData("/api/v1/nagato/groups?q=%00")]
    [InlineData("/api/v1/nagato/opportunities?q=%01%1f%7f")]
    public async Task AControlCharacterInASearch_IsIgnored_NeverA500(string url)
    {
        await factory.EnsurePreparedAsync();
        var response = await Browser.For(factory).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
    }

    [Fact]
    public async Task TheAuditSearch_WithANul_AnswersNormally()
    {
        var (browser, _) = await TestData.SignedInAsync(factory, u => u.InCity("nagato", CityRole.CityAdmin).ExemptFromTwoFactor());
        (await browser.GetAsync("/nagato/admin/audit?q=%00&actor=%00")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AControlCharacterInAPath_IsABadRequest()
    {
        await factory.EnsurePreparedAsync();
        (await Browser.For(factory).GetAsync("/nagato%01/groups")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ANulInAForm_IsRefusedWithTheErrorPage_NotA500()
    {
        await factory.EnsurePreparedAsync();
        var response = await Browser.For(factory).SubmitAsync("/account/signup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "山田\0花子",
            ["Input.Email"] = $"nul-{Guid.NewGuid():N}@example.jp",
            ["Input.Password"] = TestData.Password,
            ["Input.City"] = "nagato",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<main");
    }

    [Fact]
    public async Task AControlCharacterPastedIntoAnyForm_IsRefusedNextToItsField_AndNothingIsSaved()
    {
        await factory.EnsurePreparedAsync();
        var email = $"ctl-{Guid.NewGuid():N}@example.jp";
        var response = await Browser.For(factory).SubmitAsync("/account/signup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "山田\u0001 花子",
            ["Input.Email"] = email,
            ["Input.Password"] = TestData.Password,
            ["Input.City"] = "nagato",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_DisplayName-error")!.TextContent.ShouldContain("制御文字");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.Users.Any(u => u.Email == email)))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("/nagato/spaces?week=0001-01-01")]
    [InlineData("/nagato/spaces?day=9999-12-31")]
    [InlineData("/nagato/spaces?week=9999-12-31")]
    public async Task ADateAtTheCalendarsEdgeInAQuery_IsRefusedWithAMessage_AndThisWeekIsShown(string url)
    {
        await factory.EnsurePreparedAsync();
        var response = await Browser.For(factory).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector(".error-summary")!.TextContent.ShouldContain("1900年から2100年までの日付で入力してください");
    }

    [Theory]
    [InlineData("From", "0001-01-01")]
    [InlineData("To", "9999-12-31")]
    public async Task TheAuditSearch_WithADateAtTheCalendarsEdge_SaysSo(string field, string date)
    {
        var (browser, _) = await TestData.SignedInAsync(factory, u => u.InCity("nagato", CityRole.CityAdmin).ExemptFromTwoFactor());
        var response = await browser.GetAsync($"/nagato/admin/audit?{field}={date}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(response)).QuerySelector(".error-summary")!.TextContent.ShouldContain("2100年までの日付");
    }

    [Theory]
    [InlineData("0202-12-01")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task ANewsDateOutsideTheCalendar_IsRefusedNextToTheField_AndTheNewsPagesStillWork(string date)
    {
        var (browser, _) = await TestData.SignedInAsync(factory, u => u.InCity("nagato", CityRole.CentreStaff).ExemptFromTwoFactor());
        var title = $"日付の誤り {Guid.NewGuid():N}";
        var response = await browser.SubmitAsync("/nagato/admin/news/new", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Body"] = "本文",
            ["Input.PublishedOn"] = date,
            ["Input.IsPublished"] = "true",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(response)).QuerySelector("#Input_PublishedOn-error")!.TextContent.ShouldContain("1900年から2100年まで");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.Set<Tsunagu.Web.Features.News.NewsItem>().IgnoreQueryFilters().Any(n => n.Title == title)))).ShouldBeFalse();
        (await browser.GetAsync("/nagato/news")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ADateTimeInTheYear9999_IsRefusedNextToTheField_NotA500()
    {
        var (browser, _) = await TestData.SignedInAsync(factory, u => u.InCity("nagato", CityRole.CentreStaff).ExemptFromTwoFactor());
        var room = await TestData.CreateRoomAsync(factory, "nagato", r => r.Named("年末の会議室"));
        var response = await browser.SubmitAsync("/nagato/admin/spaces/lotteries", new Dictionary<string, string>
        {
            ["NewLottery.RoomId"] = room.Id.ToString(CultureInfo.InvariantCulture),
            ["NewLottery.Title"] = "年の果ての抽選",
            ["NewLottery.From"] = "9999-12-31",
            ["NewLottery.To"] = "9999-12-31",
            ["NewLottery.Closes"] = "9999-12-30",
        }, "#lottery-form");
        ((int)response.StatusCode).ShouldBeLessThan(500);
        (await response.Content.ReadAsStringAsync()).ShouldContain("2100年までの日付");
    }

    [Fact]
    public async Task ALotteryTitleLongerThanItsColumn_IsRefusedNextToTheField_NotByTheDatabase()
    {
        var (browser, _) = await TestData.SignedInAsync(factory, u => u.InCity("nagato", CityRole.CentreStaff).ExemptFromTwoFactor());
        var room = await TestData.CreateRoomAsync(factory, "nagato", r => r.Named("長い名前の会議室"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var title = new string('抽', 201);
        var response = await browser.SubmitAsync("/nagato/admin/spaces/lotteries", new Dictionary<string, string>
        {
            ["NewLottery.RoomId"] = room.Id.ToString(CultureInfo.InvariantCulture),
            ["NewLottery.Title"] = title,
            ["NewLottery.From"] = today.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["NewLottery.To"] = today.AddDays(41).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["NewLottery.Closes"] = today.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, "#lottery-form");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(response)).QuerySelector("#NewLottery_Title-error")!.TextContent.ShouldBe("エラー：抽選の名前は200文字以内で入力してください。");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.Set<Tsunagu.Web.Features.Spaces.Lottery>().IgnoreQueryFilters().Any(l => l.Title == title)))).ShouldBeFalse();
    }
}

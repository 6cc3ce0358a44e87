using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

/// <summary>An event's dates read as people expect: 令和 with the weekday in Japanese, the weekday in English; the calendar file keeps 西暦.</summary>
public class EventDateDisplayTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "nagato";

    [Fact]
    public async Task TheEventPage_GivesEachMeetingWithItsEraAndWeekday_InJapaneseAndInEnglish()
    {
        await factory.EnsurePreparedAsync();
        var start = new DateTime(2031, 2, 28, 1, 0, 0, DateTimeKind.Utc); // a Friday, 10:00 in Japan
        var e = await TestData.CreateEventAsync(factory, City, x => x.Titled("日付の講座").StartingAt(start).Meetings(2));

        var (_, page) = await Browser.For(factory).GetPageAsync($"/{City}/events/{e.Id}");
        var meetings = page.QuerySelectorAll("main dd ol li").Select(li => li.TextContent).ToList();
        meetings.ShouldBe(["令和13年2月28日（金）10:00〜12:00", "令和13年3月7日（金）10:00〜12:00"]);
        page.QuerySelector("main")!.TextContent.ShouldNotContain("2031/02/28");

        var (_, english) = await Browser.For(factory).GetPageAsync($"/{City}/events/{e.Id}?culture=en&ui-culture=en");
        english.QuerySelectorAll("main dd ol li").Select(li => li.TextContent).ShouldBe(["Fri 28 Feb 2031 10:00–12:00", "Fri 7 Mar 2031 10:00–12:00"]);

        var calendar = await (await Browser.For(factory).GetAsync($"/{City}/events/{e.Id}.ics")).Content.ReadAsStringAsync();
        calendar.ShouldContain("20310228T010000Z");
    }
}

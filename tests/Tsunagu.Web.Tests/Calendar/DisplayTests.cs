using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Tests.Calendar;

/// <summary>Dates for people: the era and the weekday in Japanese, the weekday in English; files keep 西暦.</summary>
public class DisplayTests
{
    private static T In<T>(string culture, Func<T> show)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return show(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }

    [Fact]
    public void Date_InJapanese_GivesTheEraAndTheWeekday()
    {
        In("ja", () => Display.Date(new DateOnly(2026, 12, 4))).ShouldBe("令和8年12月4日（金）");
        In("ja", () => Display.Date(new DateOnly(2019, 5, 1))).ShouldBe("令和元年5月1日（水）");
        In("ja", () => Display.Date(new DateOnly(2019, 4, 30))).ShouldBe("平成31年4月30日（火）");
    }

    [Fact]
    public void Date_InEnglish_GivesTheWeekdayDayMonthAndYear()
    {
        In("en", () => Display.Date(new DateOnly(2026, 12, 4))).ShouldBe("Fri 4 Dec 2026");
        In("en", () => Display.Date(new DateOnly(2026, 9, 14))).ShouldBe("Mon 14 Sep 2026");
    }

    [Fact]
    public void Tokyo_ShowsTheTimeInJapan_AfterTheDate()
    {
        var at = new DateTime(2026, 12, 3, 15, 30, 0, DateTimeKind.Utc); // 00:30 on the 4th in Japan
        In("ja", () => Display.Tokyo(at)).ShouldBe("令和8年12月4日（金）00:30");
        In("en", () => Display.Tokyo(at)).ShouldBe("Fri 4 Dec 2026 00:30");
    }

    [Fact]
    public void Span_InJapanTime_RepeatsTheDateOnlyWhenTheEndIsOnAnotherDay()
    {
        var start = new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc); // 10:00 in Japan
        In("ja", () => Display.Span(start, start.AddHours(2))).ShouldBe("令和8年12月1日（火）10:00〜12:00");
        In("en", () => Display.Span(start, start.AddHours(2))).ShouldBe("Tue 1 Dec 2026 10:00–12:00");
        // 14:00 UTC is 23:00 in Japan; three hours later it is 02:00 the next day there.
        var late = new DateTime(2026, 12, 1, 14, 0, 0, DateTimeKind.Utc);
        In("ja", () => Display.Span(late, late.AddHours(3))).ShouldBe("令和8年12月1日（火）23:00〜令和8年12月2日（水）02:00");
    }

    [Fact]
    public void TheInvariantForms_ForFilesAndLogs_KeepTheGregorianDate_InEveryLanguage()
    {
        var start = new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);
        In("ja", () => Display.InvariantSpan(start, start.AddHours(2))).ShouldBe("2026/12/01 10:00–12:00");
        In("en", () => Display.InvariantTokyo(start)).ShouldBe("2026/12/01 10:00");
    }
}

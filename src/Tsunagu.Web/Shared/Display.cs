using System.Globalization;
using Tsunagu.Web.Calendar;

namespace Tsunagu.Web.Shared;

/// <summary>How times are shown: stored in UTC, shown in Asia/Tokyo.</summary>
public static class Display
{
    public static readonly TimeZoneInfo TokyoZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    /// <summary>Today's date in Japan, where deadlines and fiscal years are counted.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToTokyo(clock.GetUtcNow().UtcDateTime));

    /// <summary>A date and time as people in Japan give them, in UTC for storing.</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), TokyoZone);

    /// <summary>A stored (UTC) time as a clock in Japan shows it.</summary>
    public static DateTime ToTokyo(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TokyoZone);

    /// <summary>
    /// A day as people read it, with its weekday: 令和8年12月4日（金） in Japanese, "Fri 4 Dec 2026" in English (the
    /// current UI culture decides). Files and programs (CSV, JSON, iCalendar, the API) keep ISO dates instead.
    /// </summary>
    public static string Date(DateOnly date) => IsEnglish
        ? date.ToString("ddd d MMM yyyy", English)
        : $"{JapaneseDates.ToJapaneseDate(date)}（{JapaneseDates.WeekdayName(date.DayOfWeek)}）";

    /// <summary>A stored (UTC) time as people in Japan read it: 令和8年12月4日（金）10:00, "Fri 4 Dec 2026 10:00".</summary>
    public static string Tokyo(DateTime utc)
    {
        var local = ToTokyo(utc);
        return Date(DateOnly.FromDateTime(local)) + (IsEnglish ? " " : "") + Time(local);
    }

    /// <summary>A span in Japan time: "令和8年12月1日（火）10:00〜12:00", or with the end's date when it ends on another day.</summary>
    public static string Span(DateTime startUtc, DateTime endUtc)
    {
        var (start, end) = (ToTokyo(startUtc), ToTokyo(endUtc));
        var dash = IsEnglish ? "–" : "〜";
        return start.Date == end.Date ? Tokyo(startUtc) + dash + Time(end) : Tokyo(startUtc) + dash + Tokyo(endUtc);
    }

    /// <summary>For files and logs that programs read: "2026/12/01 10:00" in Japan time, whatever the language.</summary>
    public static string InvariantTokyo(DateTime utc) => ToTokyo(utc).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A span in Japan time for files and logs: "2026/12/01 10:00–12:00".</summary>
    public static string InvariantSpan(DateTime startUtc, DateTime endUtc)
    {
        var (start, end) = (InvariantTokyo(startUtc), InvariantTokyo(endUtc));
        return start[..10] == end[..10] ? start + "–" + end[11..] : start + "–" + end;
    }

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);
}

using System.Globalization;

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

    public static string Tokyo(DateTime utc) => ToTokyo(utc).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A span in Japan time: "2026/12/01 10:00–12:00", or with the end's date when it ends on another day.</summary>
    public static string Span(DateTime startUtc, DateTime endUtc)
    {
        var (start, end) = (Tokyo(startUtc), Tokyo(endUtc));
        return start[..10] == end[..10] ? start + "–" + end[11..] : start + "–" + end;
    }
}

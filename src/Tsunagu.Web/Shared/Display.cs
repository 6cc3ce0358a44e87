using System.Globalization;

namespace Tsunagu.Web.Shared;

/// <summary>How times are shown: stored in UTC, shown in Asia/Tokyo.</summary>
public static class Display
{
    public static readonly TimeZoneInfo TokyoZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    /// <summary>Today's date in Japan, where deadlines and fiscal years are counted.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, TokyoZone));

    public static string Tokyo(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TokyoZone).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);
}

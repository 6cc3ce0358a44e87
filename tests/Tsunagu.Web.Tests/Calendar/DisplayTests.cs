using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Tests.Calendar;

public class DisplayTests
{
    [Fact]
    public void Span_InJapanTime_RepeatsTheDateOnlyWhenTheEndIsOnAnotherDay()
    {
        var start = new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc); // 10:00 in Japan
        Display.Span(start, start.AddHours(2)).ShouldBe("2026/12/01 10:00–12:00");
        // 14:00 UTC is 23:00 in Japan; three hours later it is 02:00 the next day there.
        var late = new DateTime(2026, 12, 1, 14, 0, 0, DateTimeKind.Utc);
        Display.Span(late, late.AddHours(3)).ShouldBe("2026/12/01 23:00–2026/12/02 02:00");
    }
}

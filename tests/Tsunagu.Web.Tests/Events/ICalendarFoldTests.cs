using System.Text;
using Tsunagu.Web.Features.Events;

namespace Tsunagu.Web.Tests.Events;

/// <summary>
/// Folding at 75 octets never splits a character, also one outside the BMP (𠮷, 𩸽: two UTF-16 code units, four UTF-8
/// octets), wherever it falls. Ical.Net 5.2.4 splits such a pair at a fold and the name arrives as two U+FFFD; this is
/// why the feed keeps its own writer (docs/adr/0008-icalendar-writer.md).
/// </summary>
public class ICalendarFoldTests
{
    [Fact]
    public void Fold_KeepsEveryCharacterWhole_WhereverTheFoldFalls()
    {
        for (var pad = 0; pad < 80; pad++)
        {
            var line = "SUMMARY:" + new string('a', pad) + "𠮷野家の講座、𩸽の炭火焼き教室（第1回）のお知らせ" + EventFeeds.Escape("；,\\");
            var folded = new StringBuilder();
            EventFeeds.Fold(folded, line);
            var wire = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(folded.ToString()));
            wire.ShouldNotContain("\uFFFD");
            var physical = wire[..^2].Split("\r\n");
            physical.ShouldAllBe(l => Encoding.UTF8.GetByteCount(l) <= 75);
            string.Concat(physical.Select((l, i) => i == 0 ? l : l[1..])).ShouldBe(line);
        }
    }
}

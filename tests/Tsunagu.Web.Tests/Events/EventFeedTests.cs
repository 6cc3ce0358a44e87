using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

public class EventFeedTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "muroran";

    /// <summary>An RFC 5545 reading: CRLF lines of at most 75 octets, unfolded; components nested; TEXT unescaped.</summary>
    private static List<Dictionary<string, string>> ParseEvents(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        text.ShouldEndWith("\r\n");
        var physical = text[..^2].Split("\r\n");
        physical.ShouldAllBe(l => Encoding.UTF8.GetByteCount(l) <= 75);
        var lines = new List<string>();
        foreach (var l in physical)
        {
            if (l.StartsWith(' ')) lines[^1] += l[1..];
            else lines.Add(l);
        }
        lines[0].ShouldBe("BEGIN:VCALENDAR");
        lines[^1].ShouldBe("END:VCALENDAR");
        lines.ShouldContain("VERSION:2.0");
        lines.ShouldContain(l => l.StartsWith("PRODID:"));
        var events = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in lines.Skip(1).SkipLast(1))
        {
            var colon = line.IndexOf(':');
            colon.ShouldBeGreaterThan(0, line);
            var (name, value) = (line[..colon], line[(colon + 1)..]);
            if (name == "BEGIN") { value.ShouldBe("VEVENT"); current.ShouldBeNull(); current = []; continue; }
            if (name == "END") { value.ShouldBe("VEVENT"); events.Add(current!); current = null; continue; }
            if (current is not null)
                current[name] = value.Replace("\\n", "\n").Replace("\\,", ",").Replace("\\;", ";").Replace("\\\\", "\\");
        }
        current.ShouldBeNull();
        foreach (var e in events)
        {
            foreach (var required in new[] { "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY" }) e.ShouldContainKey(required);
            DateTime.ParseExact(e["DTSTART"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture).ShouldBeLessThan(
                DateTime.ParseExact(e["DTEND"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        }
        return events;
    }

    [Fact]
    public async Task CityFeed_AndEventFeed_AreValidICalendar_WithEveryMeeting()
    {
        var title = "防災講座；避難所運営, 基礎編＼入門 — 長い題名の講座でも行が75オクテットで折り返されることを確かめるための題名";
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Titled(title).Meetings(3))).Id;
        var client = factory.CreateClient();
        var city = await client.GetAsync($"/{City}/events.ics");
        city.StatusCode.ShouldBe(HttpStatusCode.OK);
        city.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var events = ParseEvents(await city.Content.ReadAsByteArrayAsync());
        var mine = events.Where(e => e["UID"].StartsWith($"event-{id}-", StringComparison.Ordinal)).ToList();
        mine.Count.ShouldBe(3);
        mine[0]["SUMMARY"].ShouldBe(title + "（第1回）");
        mine.Select(e => e["UID"]).Distinct().Count().ShouldBe(3);
        ParseEvents(await client.GetByteArrayAsync($"/{City}/events/{id}.ics")).Count.ShouldBe(3);
        (await client.GetAsync($"/{City}/events/999999.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Reads a feed with ical.js, Mozilla's RFC 5545 parser (tests/ical-check, installed by test.sh with npm ci):
    /// a second, independent reader, so the feed is not only valid by our own reading of the standard.
    /// </summary>
    internal static JsonElement ParseWithIcalJs(byte[] body)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Tsunagu.slnx"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Tsunagu.slnx not found");
        var checker = Path.Combine(root, "tests", "ical-check");
        File.Exists(Path.Combine(checker, "node_modules", "ical.js", "package.json"))
            .ShouldBeTrue("ical.js is not installed: run ./test.sh, or npm ci --prefix tests/ical-check");
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, body);
            using var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(checker, "parse.mjs"), file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
            })!;
            var output = node.StandardOutput.ReadToEnd();
            var errors = node.StandardError.ReadToEnd();
            node.WaitForExit();
            node.ExitCode.ShouldBe(0, errors);
            return JsonDocument.Parse(output).RootElement.Clone();
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task CityFeed_ParsesInAStandardICalendarParser_WithTheSameTitlesAndTimes()
    {
        var title = "手話で楽しむ交流会；冬の集い, 第2部＼特別編 — 折り返しと特殊文字を含む長い題名が標準のパーサでも元どおりに読めることの確認";
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Titled(title).Meetings(2))).Id;
        var body = await factory.CreateClient().GetByteArrayAsync($"/{City}/events.ics");

        var calendar = ParseWithIcalJs(body);
        calendar.GetProperty("version").GetString().ShouldBe("2.0");
        var parsed = calendar.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("uid").GetString()!.StartsWith($"event-{id}-", StringComparison.Ordinal)).ToList();
        parsed.Count.ShouldBe(2);
        parsed[0].GetProperty("summary").GetString().ShouldBe(title + "（第1回）");
        parsed[1].GetProperty("summary").GetString().ShouldBe(title + "（第2回）");

        var meetings = await TestData.WithDbAsync(factory, db =>
            db.Set<EventMeeting>().IgnoreQueryFilters().Where(m => m.EventId == id).OrderBy(m => m.StartsAt).ToListAsync());
        for (var i = 0; i < meetings.Count; i++)
        {
            DateTime.Parse(parsed[i].GetProperty("start").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)
                .ShouldBe(meetings[i].StartsAt, TimeSpan.FromSeconds(1));
            DateTime.Parse(parsed[i].GetProperty("end").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)
                .ShouldBe(meetings[i].EndsAt, TimeSpan.FromSeconds(1));
        }
    }
}

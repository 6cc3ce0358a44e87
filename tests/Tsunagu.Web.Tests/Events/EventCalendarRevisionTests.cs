using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

/// <summary>
/// What calendars that subscribed to the feed need to follow changes: LAST-MODIFIED, a SEQUENCE that grows when a
/// meeting's time, the place or the status changes, UIDs that never depend on the address used, and no control characters.
/// </summary>
public class EventCalendarRevisionTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "muroran";

    private async Task<List<JsonElement>> ParsedAsync(int id)
    {
        var body = await factory.CreateClient().GetByteArrayAsync($"/{City}/events/{id}.ics");
        return [.. EventFeedTests.ParseWithIcalJs(body).GetProperty("events").EnumerateArray()];
    }

    private Task<Event> EventAsync(int id) =>
        TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().AsNoTracking().Include(e => e.Meetings).SingleAsync(e => e.Id == id));

    private static EventDraft Draft(Event e) => new(e.Title, e.Description, e.Kind, e.Place, e.OnlineLink, e.Capacity, e.RegistrationOpensAt, e.RegistrationClosesAt,
        e.SignLanguage, e.Captioning, e.Childcare, e.Fee, [.. e.Meetings.OrderBy(m => m.StartsAt).Select(m => (m.StartsAt, m.EndsAt))]);

    private Task<Tsunagu.Web.Shared.Problems> UpdateAsync(int id, Func<EventDraft, EventDraft> change) =>
        EventTestData.WithServiceAsync(factory, City, async s => await s.Editing.UpdateAsync(id, change(Draft(await EventAsync(id)))));

    private static DateTime Iso(JsonElement e, string property) =>
        DateTime.Parse(e.GetProperty(property).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [Fact]
    public async Task Sequence_GrowsWithTimePlaceAndStatus_NotWithOtherChanges_AndLastModifiedFollowsEachChange()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => { e.Title = "改訂を追う講座"; e.MeetingCount = 2; })).Id;
        async Task<(int Sequence, DateTime LastModified)> RevisionAsync()
        {
            var parsed = await ParsedAsync(id);
            parsed.Count.ShouldBe(2);
            parsed.Select(p => p.GetProperty("sequence").GetInt32()).Distinct().Count().ShouldBe(1, "both meetings carry the event's revision");
            var stored = await EventAsync(id);
            Iso(parsed[0], "lastModified").ShouldBe(stored.UpdatedAt, TimeSpan.FromSeconds(1));
            return (parsed[0].GetProperty("sequence").GetInt32(), Iso(parsed[0], "lastModified"));
        }

        var (sequence, created) = await RevisionAsync();
        sequence.ShouldBe(0);

        await Task.Delay(1100);
        (await UpdateAsync(id, d => d with { Title = "改訂を追う講座（題名だけ変更）", Capacity = 20 })).Ok.ShouldBeTrue();
        var (afterTitle, titleChanged) = await RevisionAsync();
        afterTitle.ShouldBe(0, "a new title or capacity is no new time, place or status");
        titleChanged.ShouldBeGreaterThan(created);

        (await UpdateAsync(id, d => d with { Meetings = [d.Meetings[0], (d.Meetings[1].StartsAt.AddDays(1), d.Meetings[1].EndsAt.AddDays(1))] })).Ok.ShouldBeTrue();
        (await RevisionAsync()).Sequence.ShouldBe(1, "a meeting moved");

        (await UpdateAsync(id, d => d with { Place = "市民会館 大ホール" })).Ok.ShouldBeTrue();
        (await RevisionAsync()).Sequence.ShouldBe(2, "the place changed");

        (await EventTestData.WithServiceAsync(factory, City, s => s.Review.CancelEventAsync(id, "講師の都合により"))).Ok.ShouldBeTrue();
        var cancelled = await ParsedAsync(id);
        cancelled.ShouldAllBe(e => e.GetProperty("status").GetString() == "CANCELLED");
        (await RevisionAsync()).Sequence.ShouldBe(3, "the status changed");
    }

    [Fact]
    public async Task ControlCharacters_InTitleDescriptionAndPlace_DoNotReachTheFeed()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Title = "点検\u0001講座\u007F")).Id;
        await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().Where(e => e.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Description, "説明\u000Bです。\u001B\tタブは残る\n改行も")
            .SetProperty(e => e.Place, "会議室\u0008A")));

        foreach (var url in new[] { $"/{City}/events/{id}.ics", $"/{City}/events.ics" })
        {
            var body = await factory.CreateClient().GetByteArrayAsync(url);
            var text = Encoding.UTF8.GetString(body).Replace("\r\n", "", StringComparison.Ordinal);
            text.Where(c => char.IsControl(c) && c != '\t').ShouldBeEmpty($"{url}: RFC 5545 allows no control character but tab in a value");
        }
        var parsed = (await ParsedAsync(id)).Single();
        parsed.GetProperty("summary").GetString().ShouldBe("点検講座");
        parsed.GetProperty("description").GetString().ShouldBe("説明です。\tタブは残る\n改行も");
        parsed.GetProperty("location").GetString().ShouldBe("会議室A");
    }

    [Fact]
    public async Task Uid_NeverComesFromTheRequestsHostHeader()
    {
        // Without a configured public address the UID host is a fixed name of the city's, whatever Host the request names.
        using var unconfigured = TsunaguFactory.WithSettings(new() { ["Tsunagu:PublicBaseUrl"] = "" });
        var id = (await TestData.CreateEventAsync(unconfigured, City, e => e.MeetingCount = 2)).Id;
        async Task<List<string>> UidsAsync(TsunaguFactory f, string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/{City}/events/{id}.ics");
            request.Headers.Host = host;
            var response = await f.CreateClient().SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return [.. EventFeedTests.ParseWithIcalJs(await response.Content.ReadAsByteArrayAsync()).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("uid").GetString()!)];
        }
        var meetings = await TestData.WithDbAsync(unconfigured, db => db.Set<EventMeeting>().IgnoreQueryFilters().Where(m => m.EventId == id).OrderBy(m => m.StartsAt).Select(m => m.Id).ToListAsync());
        var expected = meetings.Select(m => $"event-{id}-{m}@{City}.tsunagu").ToList();
        (await UidsAsync(unconfigured, "evil.example")).ShouldBe(expected);
        (await UidsAsync(unconfigured, "tsunagu.example.jp:8443")).ShouldBe(expected);

        // With one, its host.
        using var configured = TsunaguFactory.WithSettings(new() { ["Tsunagu:PublicBaseUrl"] = "https://tsunagu.example.jp/" });
        var other = (await TestData.CreateEventAsync(configured, City)).Id;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{City}/events/{other}.ics");
        request.Headers.Host = "evil.example";
        var body = await (await configured.CreateClient().SendAsync(request)).Content.ReadAsByteArrayAsync();
        EventFeedTests.ParseWithIcalJs(body).GetProperty("events").EnumerateArray().Single().GetProperty("uid").GetString().ShouldEndWith("@tsunagu.example.jp");
    }
}

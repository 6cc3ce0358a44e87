using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

public class DemoEventsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Fact]
    public async Task DemoEvents_AreAddedOnceToEveryCity_OneFullWithAWaitlist_OnePastWithSurveyAnswers_AndAProposalWaiting()
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoGroups>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<DemoSpaces>().SeedAsync();
            (await scope.ServiceProvider.GetRequiredService<DemoEvents>().SeedAsync()).ShouldBeGreaterThan(0);
        }
        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<DemoEvents>().SeedAsync()).ShouldBe(0);

        var events = await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().Include(e => e.Meetings).ToListAsync());
        var cities = await TestData.WithDbAsync(factory, db => db.Cities.ToListAsync());
        events.ShouldAllBe(e => e.IsDemo && e.Title.EndsWith("（デモ）"));
        foreach (var city in cities)
        {
            var mine = events.Where(e => e.CityId == city.Id).ToList();
            mine.Select(e => e.Kind).ShouldBe([EventKind.Course, EventKind.Exchange, EventKind.OnlineExchange, EventKind.ActivityReport, EventKind.Course], ignoreOrder: true);
            var full = mine.Single(e => e.Kind == EventKind.Exchange);
            full.Confirmed.ShouldBe(full.Capacity);
            var registrations = await TestData.WithDbAsync(factory, db => db.Set<EventRegistration>().IgnoreQueryFilters().Where(r => r.EventId == full.Id).ToListAsync());
            registrations.Count(r => r.Status == RegistrationStatus.Confirmed).ShouldBe(full.Capacity);
            registrations.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.Position).ShouldBe([1, 2], ignoreOrder: true);
            full.WaitlistIssued.ShouldBe(2);
            var past = mine.Single(e => e.Kind == EventKind.ActivityReport);
            past.Meetings.ShouldAllBe(m => m.EndsAt < DateTime.UtcNow);
            var answers = await TestData.WithDbAsync(factory, db => db.Set<EventSurveyAnswer>().IgnoreQueryFilters().Where(a => a.EventId == past.Id).ToListAsync());
            answers.Count.ShouldBe(6);
            answers.ShouldAllBe(a => a.RegistrationId != null && a.Satisfaction >= 1 && a.Satisfaction <= 5);
            mine.Single(e => e.Status == EventStatus.PendingApproval).GroupId.ShouldNotBeNull();
            mine.Where(e => e.Status != EventStatus.PendingApproval).ShouldAllBe(e => e.Meetings.Count > 0 && e.Meetings.Min(m => m.StartsAt) < DateTime.UtcNow.AddDays(30));

            // The course holds the demo room for its two meetings.
            var course = mine.Single(e => e.Kind == EventKind.Course && e.Status == EventStatus.Published);
            course.RoomId.ShouldNotBeNull();
            var bookings = await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().Where(b => b.RoomId == course.RoomId).ToListAsync());
            course.Meetings.ShouldAllBe(m => bookings.Any(b => b.Id == m.BookingId && b.Status == BookingStatus.Confirmed && b.StartsAt == m.StartsAt));

            var (_, list) = await Browser.For(factory).GetPageAsync($"/{city.Slug}/events");
            var text = list.QuerySelector("main")!.TextContent;
            text.ShouldContain("はじめての市民活動講座（デモ）");
            text.ShouldContain("満席");
            text.ShouldNotContain("親子ふれあい講座");
        }

        // The participants cannot sign in and are never mailed.
        var people = await TestData.WithDbAsync(factory, db => db.Users.Where(u => u.UserName!.StartsWith("demo-participant-")).ToListAsync());
        people.Count.ShouldBe(DemoEvents.Participants * cities.Count);
        people.ShouldAllBe(u => u.Email == null && u.PasswordHash == null);
    }
}

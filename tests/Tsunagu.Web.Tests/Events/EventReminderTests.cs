using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

/// <summary>The day-before reminder job, run with a fixed clock: one mail per confirmed registrant per meeting, however often or wherever it runs.</summary>
public class EventReminderTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }

    private async Task RunJobAsync(DateTime utc)
    {
        await factory.EnsurePreparedAsync();
        var job = new EventReminderJob(factory.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<EventReminderJob>.Instance, new FixedClock(utc));
        await job.RunOnceAsync(CancellationToken.None);
    }

    private Task<List<Tsunagu.Web.Email.OutboxMessage>> RemindersToAsync(string email) =>
        TestData.WithDbAsync(factory, db => db.OutboxMessages.Where(m => m.To == email && m.Subject.Contains("明日は")).ToListAsync());

    [Fact]
    public async Task TheDayBefore_EachConfirmedRegistrantGetsOneMail_PerMeeting_NoneForTheWaitingOrThoseWhoCancelled()
    {
        // Meetings on a day ten days ahead and a week later, in Japan time.
        var day = Display.Today(TimeProvider.System).AddDays(10);
        var start = Display.ToUtc(day, new TimeOnly(9, 30));
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Titled("オンライン市民活動交流会").Places(2).Meetings(2).StartingAt(start)
            .Online("https://meet.example.jp/kouryu"))).Id;
        var later = (await TestData.CreateEventAsync(factory, City, e => e.Titled("夕方の活動報告会").StartingAt(Display.ToUtc(day, new TimeOnly(18, 0)))
            .Online("https://meet.example.jp/houkoku"))).Id;
        var a = await TestData.CreateUserAsync(factory);
        var b = await TestData.CreateUserAsync(factory);
        var waiting = await TestData.CreateUserAsync(factory);
        var cancelled = await TestData.CreateUserAsync(factory);
        foreach (var u in new[] { a, cancelled, b, waiting })
            (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.RegisterAsync(id, u.Id))).Succeeded.ShouldBeTrue();
        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.CancelAsync(id, cancelled.Id))).Succeeded.ShouldBeTrue(); // b is promoted
        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.RegisterAsync(later, a.Id))).Succeeded.ShouldBeTrue();
        (await EventTestData.WithServiceAsync(factory, City, s => s.Catalog.MineAsync(id, waiting.Id)))!.Status.ShouldBe(RegistrationStatus.Waitlisted);

        // Two days before, and early on the day before, nothing is due.
        await RunJobAsync(Display.ToUtc(day.AddDays(-2), new TimeOnly(12, 0)));
        await RunJobAsync(Display.ToUtc(day.AddDays(-1), new TimeOnly(EventReminders.ReminderHour - 1, 59)));
        (await RemindersToAsync(a.Email!)).ShouldBeEmpty();

        // The day before, from the reminder hour: several runs, two of them at once, as on two instances.
        var dayBefore = Display.ToUtc(day.AddDays(-1), new TimeOnly(10, 0));
        await Task.WhenAll(RunJobAsync(dayBefore), RunJobAsync(dayBefore));
        await RunJobAsync(dayBefore.AddMinutes(15));

        var toA = await RemindersToAsync(a.Email!);
        toA.Count.ShouldBe(2); // one for each event
        var first = toA.Single(m => m.Subject.Contains("オンライン市民活動交流会"));
        // A mail is read by people: 令和8年12月16日（水）09:30〜11:30.
        first.Body.ShouldContain($"{day.Month}月{day.Day}日（");
        first.Body.ShouldContain("09:30〜11:30");
        first.Body.ShouldContain("第1回");
        first.Body.ShouldContain("会場：市民活動センター 会議室1");
        first.Body.ShouldContain("https://meet.example.jp/kouryu"); // 23.5 hours before the start: the link is given
        var second = toA.Single(m => m.Subject.Contains("夕方の活動報告会"));
        second.Body.ShouldNotContain("https://meet.example.jp/houkoku"); // 32 hours before: not yet
        second.Body.ShouldContain("開始の24時間前から");
        (await RemindersToAsync(b.Email!)).Count.ShouldBe(1);
        (await RemindersToAsync(waiting.Email!)).ShouldBeEmpty();
        (await RemindersToAsync(cancelled.Email!)).ShouldBeEmpty();
        (await TestData.WithDbAsync(factory, db => db.Set<EventReminder>().IgnoreQueryFilters().CountAsync(r => db.Set<EventMeeting>().Any(m => m.Id == r.MeetingId && m.EventId == id))))
            .ShouldBe(2);

        // The second meeting is reminded the day before it, once; the first is not reminded again.
        var secondDayBefore = Display.ToUtc(day.AddDays(6), new TimeOnly(9, 0));
        await RunJobAsync(secondDayBefore);
        await RunJobAsync(secondDayBefore.AddHours(1));
        var again = (await RemindersToAsync(b.Email!)).OrderBy(m => m.Id).ToList();
        again.Count.ShouldBe(2);
        again[1].Body.ShouldContain("第2回");
        again[1].Body.ShouldContain($"{day.AddDays(7).Month}月{day.AddDays(7).Day}日（");
    }

    [Fact]
    public async Task ACancelledEvent_IsNotReminded()
    {
        var day = Display.Today(TimeProvider.System).AddDays(9);
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Titled("中止になる講座").StartingAt(Display.ToUtc(day, new TimeOnly(13, 0))))).Id;
        var user = await TestData.CreateUserAsync(factory);
        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.RegisterAsync(id, user.Id))).Succeeded.ShouldBeTrue();
        (await EventTestData.WithServiceAsync(factory, City, s => s.Review.CancelEventAsync(id, "会場の都合"))).ShouldBeEmpty();
        await RunJobAsync(Display.ToUtc(day.AddDays(-1), new TimeOnly(12, 0)));
        (await RemindersToAsync(user.Email!)).ShouldBeEmpty();
    }
}

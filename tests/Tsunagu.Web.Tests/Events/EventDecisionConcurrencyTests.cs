using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

/// <summary>Staff deciding at the same moment: one approval wins (one booking per meeting, one mail); registrations racing a cancellation are all told.</summary>
public class EventDecisionConcurrencyTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "yamaguchi";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ApprovingTwiceAtOnce_PublishesOnce_BooksEachMeetingOnce_AndMailsOnce(bool withRoom)
    {
        var leader = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(leader))).Id;
        int? room = withRoom ? (await TestData.CreateRoomAsync(factory, City, r => r.Named(TestData.Unique("会議室（同時承認")))).Id : null;
        var day = Tsunagu.Web.Shared.Display.Today(TimeProvider.System).AddDays(12);
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Titled($"同時承認の講座{withRoom}").OrganisedBy(groupId)
            .WithStatus(EventStatus.PendingApproval).Meetings(2).StartingAt(Tsunagu.Web.Shared.Display.ToUtc(day, new TimeOnly(10, 0))))).Id;
        if (room is { } r)
            await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.RoomId, r)));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => EventTestData.WithServiceAsync(factory, City, s => s.Review.ApproveAsync(id))));
        results.Count(x => x.Count == 0).ShouldBe(1);
        var e = await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().Include(x => x.Meetings).SingleAsync(x => x.Id == id));
        e.Status.ShouldBe(EventStatus.Published);
        (await TestData.WithDbAsync(factory, db => db.OutboxMessages.CountAsync(m => m.To == leader.Email && m.Subject.Contains("承認されました")))).ShouldBe(1);
        if (room is { } roomId)
        {
            var live = await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters()
                .Where(b => b.RoomId == roomId && b.Status == BookingStatus.Confirmed).ToListAsync());
            live.Count.ShouldBe(2);
            e.Meetings.Select(m => m.BookingId).ShouldBe(live.Select(b => (int?)b.Id), ignoreOrder: true);
        }
    }

    [Fact]
    public async Task RegistrationsRacingACancellation_EveryoneWhoGotInIsTold()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Titled("競合する中止").Places(10))).Id;
        var users = new List<string>();
        for (var i = 0; i < 30; i++) users.Add((await TestData.CreateUserAsync(factory)).Email!);
        var ids = await TestData.WithDbAsync(factory, db => db.Users.Where(u => users.Contains(u.Email!)).Select(u => u.Id).ToListAsync());

        var registrations = ids.Select(u => EventTestData.WithServiceAsync(factory, City, s => s.Registrations.RegisterAsync(id, u))).ToList();
        var cancel = Task.Run(async () =>
        {
            await Task.Delay(30);
            return await EventTestData.WithServiceAsync(factory, City, s => s.Review.CancelEventAsync(id, "会場の設備故障のため"));
        });
        var outcomes = await Task.WhenAll(registrations);
        (await cancel).ShouldBeEmpty();

        var registered = await TestData.WithDbAsync(factory, db => db.Set<EventRegistration>().IgnoreQueryFilters()
            .Where(r => r.EventId == id && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted)).CountAsync());
        outcomes.Count(o => o.Succeeded).ShouldBe(registered);
        outcomes.Where(o => !o.Succeeded).ShouldAllBe(o => o.Problems.Summary == "このイベントは中止になりました。");
        (await TestData.WithDbAsync(factory, db => db.OutboxMessages.CountAsync(m => m.Subject.Contains("「競合する中止」は中止になりました")))).ShouldBe(registered);
        var e = await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().SingleAsync(x => x.Id == id));
        e.Confirmed.ShouldBe(Math.Min(10, registered));
    }
}

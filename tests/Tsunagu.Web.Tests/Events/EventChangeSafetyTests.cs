using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

/// <summary>What must not happen around changes to an event: promotions into a cancelled event, reminders sent again.</summary>
public class EventChangeSafetyTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "muroran";

    [Fact]
    public async Task AfterTheEventIsCancelled_ACancellation_PromotesNobody_AndTellsNobodyTheyHaveAPlace()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Places(1))).Id;
        var first = await TestData.CreateUserAsync(factory);
        var waiting = await TestData.CreateUserAsync(factory);
        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.RegisterAsync(id, first.Id))).Registration!.Status.ShouldBe(RegistrationStatus.Confirmed);
        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.RegisterAsync(id, waiting.Id))).Registration!.Status.ShouldBe(RegistrationStatus.Waitlisted);
        (await EventTestData.WithServiceAsync(factory, City, s => s.Review.CancelEventAsync(id, "会場の都合のため"))).ShouldBeEmpty();

        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.CancelAsync(id, first.Id))).Succeeded.ShouldBeTrue();

        var stillWaiting = await TestData.WithDbAsync(factory, db => db.Set<EventRegistration>().IgnoreQueryFilters().SingleAsync(r => r.EventId == id && r.UserId == waiting.Id));
        stillWaiting.Status.ShouldBe(RegistrationStatus.Waitlisted);
        (await TestData.WithDbAsync(factory, db => db.OutboxMessages.CountAsync(m => m.To == waiting.Email && m.Subject.Contains("参加が確定しました")))).ShouldBe(0);
    }

    [Fact]
    public void PairMeetings_KeepsAnUnchangedTimeOnItsOwnRow_AndGivesTheRestTheRowsLeftInOrder()
    {
        var day = new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);
        (DateTime, DateTime) At(int week, int hour = 0) => (day.AddDays(7 * week).AddHours(hour), day.AddDays(7 * week).AddHours(hour + 2));
        var rows = new[] { At(0), At(1), At(2) };

        // The first meeting is dropped: the second and third keep their rows (and the reminders sent for them).
        EventEditing.PairMeetings(rows, [At(1), At(2)]).ShouldBe([1, 2]);
        // The first moves by an hour and a fourth is added: the moved one takes the row left, the new one gets none.
        EventEditing.PairMeetings(rows, [At(0, 1), At(1), At(2), At(3)]).ShouldBe([0, 1, 2, null]);
        // Nothing changed.
        EventEditing.PairMeetings(rows, rows).ShouldBe([0, 1, 2]);
    }
}

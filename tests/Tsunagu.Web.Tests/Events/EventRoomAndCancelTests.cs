using System.Net;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

/// <summary>An event's place can be a centre room, booked for every meeting; staff cancel events, which mails everyone and releases the room.</summary>
public class EventRoomAndCancelTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "muroran";

    private async Task<(Browser Browser, AppUser User)> StaffAsync()
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, user);
    }

    private Task<Event> EventAsync(string title) =>
        TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().Include(e => e.Meetings).SingleAsync(e => e.Title == title));

    private Task<List<Booking>> BookingsAsync(int room) =>
        TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().Where(b => b.RoomId == room).OrderBy(b => b.Id).ToListAsync());

    /// <summary>Someone else's booking of the room, as the booking page would make it.</summary>
    private Task<Booking> TakeAsync(int room, DateOnly day, string start, string end) =>
        TestData.CreateBookingAsync(factory, City, b => b.Of(room).For("定例会議").At(
            Tsunagu.Web.Shared.Display.ToUtc(day, TimeOnly.Parse(start, CultureInfo.InvariantCulture)),
            Tsunagu.Web.Shared.Display.ToUtc(day, TimeOnly.Parse(end, CultureInfo.InvariantCulture))));

    [Fact]
    public async Task StaffEvent_WithARoom_BooksEveryMeeting_ATakenSlotNamesItsMeeting_AndMovingAMeetingMovesItsBooking()
    {
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("研修室（部屋テスト）"))).Id;
        var (staff, staffUser) = await StaffAsync();
        var (d1, d2, d3, d4) = (EventForms.Day(10), EventForms.Day(17), EventForms.Day(18), EventForms.Day(11));
        await TakeAsync(room, d2, "11:00", "13:00");
        const string title = "防災リーダー養成講座";

        var refused = await staff.SubmitAsync($"/{City}/admin/events/new", EventForms.Fields(title, room, (d1, "10:00", "12:00"), (d2, "10:00", "12:00")));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(refused);
        var error = page.QuerySelector("#Input_Meetings_1__Date-error")!.TextContent;
        error.ShouldContain("第2回");
        error.ShouldContain("研修室（部屋テスト）");
        error.ShouldContain("すでに予約があります");
        page.QuerySelector("#Input_Meetings_0__Date-error").ShouldBeNull();
        (await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().AnyAsync(e => e.Title == title))).ShouldBeFalse();
        (await BookingsAsync(room)).Count.ShouldBe(1);

        var created = await staff.SubmitAsync($"/{City}/admin/events/new", EventForms.Fields(title, room, (d1, "10:00", "12:00"), (d3, "10:00", "12:00")));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var e = await EventAsync(title);
        var meetings = e.Meetings.OrderBy(m => m.StartsAt).ToList();
        var bookings = (await BookingsAsync(room)).Skip(1).ToList();
        bookings.Count.ShouldBe(2);
        bookings.ShouldAllBe(b => b.Status == BookingStatus.Confirmed && b.FeeYen == 0 && b.UserId == staffUser.Id && b.GroupId == null);
        meetings.Select(m => m.BookingId).ShouldBe(bookings.Select(b => (int?)b.Id));
        (await staff.GetPageAsync($"/{City}/events/{e.Id}")).Page.QuerySelector("main")!.TextContent.ShouldContain("研修室（部屋テスト）");
        (await (await staff.GetAsync($"/{City}/events.ics")).Content.ReadAsStringAsync()).ShouldContain("LOCATION:研修室（部屋テスト）");

        // Moving the first meeting moves its booking; the second keeps its own; the meeting stays the same meeting.
        var moved = await staff.SubmitAsync($"/{City}/admin/events/{e.Id}/edit", EventForms.Fields(title, room, (d4, "14:00", "16:00"), (d3, "10:00", "12:00")));
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await moved.Content.ReadAsStringAsync());
        var after = (await EventAsync(title)).Meetings.OrderBy(m => m.StartsAt).ToList();
        after.Select(m => m.Id).ShouldBe(meetings.Select(m => m.Id));
        after[1].BookingId.ShouldBe(meetings[1].BookingId);
        var all = await BookingsAsync(room);
        all.Single(b => b.Id == meetings[0].BookingId).Status.ShouldBe(BookingStatus.Cancelled);
        var now = all.Single(b => b.Id == after[0].BookingId);
        now.Status.ShouldBe(BookingStatus.Confirmed);
        now.StartsAt.ShouldBe(Tsunagu.Web.Shared.Display.ToUtc(d4, new TimeOnly(14, 0)));

        // Moving a meeting onto a taken slot is refused, naming the meeting, and nothing moves.
        var taken = await staff.SubmitAsync($"/{City}/admin/events/{e.Id}/edit", EventForms.Fields(title, room, (d4, "14:00", "16:00"), (d2, "12:00", "14:00")));
        taken.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(taken)).QuerySelector("#Input_Meetings_1__Date-error")!.TextContent.ShouldContain("第2回");
        var unchanged = (await EventAsync(title)).Meetings.OrderBy(m => m.StartsAt).ToList();
        unchanged.Select(m => (m.StartsAt, m.BookingId)).ShouldBe(after.Select(m => (m.StartsAt, m.BookingId)));
        (await BookingsAsync(room)).Count(b => b.Status == BookingStatus.Confirmed).ShouldBe(2);

        // Outside the centre's hours is said too.
        var late = await staff.SubmitAsync($"/{City}/admin/events/{e.Id}/edit", EventForms.Fields(title, room, (d4, "20:00", "22:00")));
        (await Browser.ParseAsync(late)).QuerySelector("#Input_Meetings_0__Date-error")!.TextContent.ShouldContain("開館時間");

        // Without the room, its bookings are released.
        var noRoom = await staff.SubmitAsync($"/{City}/admin/events/{e.Id}/edit", EventForms.Fields(title, null, (d4, "14:00", "16:00"), (d3, "10:00", "12:00")));
        noRoom.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await BookingsAsync(room)).Count(b => b.Status == BookingStatus.Confirmed).ShouldBe(0);
        (await EventAsync(title)).Meetings.ShouldAllBe(m => m.BookingId == null);
    }

    [Fact]
    public async Task Cancelling_NeedsAReason_MailsEveryoneRegisteredOrWaiting_ShowsCancelled_AndReleasesTheRoom()
    {
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("和室（中止テスト）"))).Id;
        var (staff, staffUser) = await StaffAsync();
        const string title = "手話入門講座";
        var day = EventForms.Day(2); // within the free-cancellation days: the centre's own cancelling is still not "late"
        var fields = EventForms.Fields(title, room, (day, "10:00", "12:00"), (day.AddDays(7), "10:00", "12:00"));
        fields["Input.Capacity"] = "1";
        (await staff.SubmitAsync($"/{City}/admin/events/new", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var e = await EventAsync(title);
        var confirmed = await TestData.CreateUserAsync(factory);
        var waiting = await TestData.CreateUserAsync(factory);
        var left = await TestData.CreateUserAsync(factory);
        foreach (var u in new[] { confirmed, waiting, left })
            (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.RegisterAsync(e.Id, u.Id))).Succeeded.ShouldBeTrue();
        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.CancelAsync(e.Id, left.Id))).Succeeded.ShouldBeTrue();

        var cancel = $"/{City}/admin/events/{e.Id}/cancel";
        var (_, form) = await staff.GetPageAsync(cancel);
        form.QuerySelector("main")!.TextContent.ShouldContain("参加が確定している1人とキャンセル待ちの1人");
        var empty = await staff.SubmitAsync(cancel, new Dictionary<string, string> { ["Reason"] = "" });
        (await Browser.ParseAsync(empty)).QuerySelector("#Reason-error")!.TextContent.ShouldContain("中止の理由を入力してください。");
        (await EventAsync(title)).Status.ShouldBe(EventStatus.Published);

        (await staff.SubmitAsync(cancel, new Dictionary<string, string> { ["Reason"] = "講師の体調不良のため" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        e = await EventAsync(title);
        e.Status.ShouldBe(EventStatus.Cancelled);
        e.CancellationReason.ShouldBe("講師の体調不良のため");
        foreach (var u in new[] { confirmed, waiting })
        {
            var mail = await TestData.LastMailToAsync(factory, u.Email!);
            mail.Subject.ShouldContain("中止になりました");
            mail.Body.ShouldContain("講師の体調不良のため");
        }
        (await TestData.WithDbAsync(factory, db => db.OutboxMessages.CountAsync(m => m.To == left.Email && m.Subject.Contains("中止")))).ShouldBe(0);
        (await BookingsAsync(room)).ShouldAllBe(b => b.Status == BookingStatus.Cancelled && !b.LateCancellation);

        var anonymous = Browser.For(factory);
        var (_, page) = await anonymous.GetPageAsync($"/{City}/events/{e.Id}");
        page.QuerySelector("h1")!.TextContent.ShouldContain("中止");
        page.QuerySelector("main")!.TextContent.ShouldContain("講師の体調不良のため");
        page.QuerySelector("form[action*=Register]").ShouldBeNull();
        (await anonymous.GetPageAsync($"/{City}/events")).Page.QuerySelector($"a[href='/{City}/events/{e.Id}']").ShouldBeNull();
        var ics = await (await anonymous.GetAsync($"/{City}/events/{e.Id}.ics")).Content.ReadAsStringAsync();
        ics.Split("BEGIN:VEVENT").Skip(1).ShouldAllBe(v => v.Contains("STATUS:CANCELLED"));
        (await (await anonymous.GetAsync($"/{City}/opendata/events.csv")).Content.ReadAsStringAsync()).ShouldNotContain(title);

        var newcomer = await TestData.CreateUserAsync(factory);
        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.RegisterAsync(e.Id, newcomer.Id))).Problems.Summary.ShouldBe("このイベントは中止になりました。");
        var registered = Browser.For(factory);
        await registered.SignInAsync(confirmed.Email!);
        var (_, mine) = await registered.GetPageAsync($"/{City}/events/mine");
        mine.QuerySelector("main")!.TextContent.ShouldContain("中止");
        mine.QuerySelector("main img").ShouldBeNull();
        (await TestData.WithDbAsync(factory, db => db.AuditEntries.AnyAsync(a => a.EntityType == "Event" && a.EntityKey == e.Id.ToString(CultureInfo.InvariantCulture) && a.UserId == staffUser.Id && a.Changes.Contains("Cancelled"))))
            .ShouldBeTrue();
        // Nothing more to do with it: no second cancellation, no edit.
        (await EventTestData.WithServiceAsync(factory, City, s => s.Review.CancelEventAsync(e.Id, "もう一度"))).Summary.ShouldBe("このイベントは中止できません。");
        (await staff.GetPageAsync($"/{City}/admin/events")).Page.QuerySelector($"a[href='/{City}/admin/events/{e.Id}/edit']").ShouldBeNull();
    }
}

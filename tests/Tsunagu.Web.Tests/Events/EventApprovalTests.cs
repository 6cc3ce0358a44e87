using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

/// <summary>Groups propose events; the centre approves (which books the room and publishes) or rejects with a reason; the group is told.</summary>
public class EventApprovalTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "yamaguchi";

    private Task<(Browser Browser, AppUser User)> SignedInAsync(Action<TestData.UserSpec>? spec = null) => TestData.SignedInAsync(factory, spec);

    /// <summary>Refused by the policy: forbidden, or sent to the access-denied page.</summary>
    private static void Denied(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        if (response.StatusCode == HttpStatusCode.Redirect) response.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
    }

    private Task<Event> EventAsync(string title) =>
        TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().Include(e => e.Meetings).SingleAsync(e => e.Title == title));

    [Fact]
    public async Task GroupProposal_WithARoom_IsHiddenUntilStaffApprove_ThenPublishedWithTheRoomBooked_AndTheGroupIsTold()
    {
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("会議室（承認テスト）"))).Id;
        var (leader, leaderUser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(leaderUser))).Id;
        var groupName = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync());
        var (staff, staffUser) = await SignedInAsync(u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        const string title = "子ども食堂の始め方講座";

        var day = EventForms.Day(20);
        var proposed = await leader.SubmitAsync($"/{City}/groups/{groupId}/events/new",
            EventForms.Fields(title, room, (day, "10:00", "12:00"), (day.AddDays(7), "10:00", "12:00")));
        proposed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await proposed.Content.ReadAsStringAsync());
        proposed.Headers.Location!.OriginalString.ShouldBe($"/{City}/groups/{groupId}/events");
        var e = await EventAsync(title);
        e.Status.ShouldBe(EventStatus.PendingApproval);
        e.GroupId.ShouldBe(groupId);
        e.RoomId.ShouldBe(room);
        e.Meetings.ShouldAllBe(m => m.BookingId == null);
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().CountAsync(b => b.RoomId == room))).ShouldBe(0);
        (await TestData.LastMailToAsync(factory, staffUser.Email!)).Subject.ShouldContain("提案がありました");

        // Not public: not listed, not found, in no feed or API, and no registrations.
        var details = $"/{City}/events/{e.Id}";
        var anonymous = Browser.For(factory);
        (await anonymous.GetPageAsync($"/{City}/events")).Page.QuerySelector($"a[href='{details}']").ShouldBeNull();
        (await anonymous.GetAsync(details)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (other, otherUser) = await SignedInAsync();
        (await other.GetAsync(details)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await anonymous.GetAsync($"/{City}/events.ics")).Content.ReadAsStringAsync()).ShouldNotContain(title);
        (await anonymous.GetAsync($"/{City}/events/{e.Id}.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await anonymous.GetAsync($"/{City}/opendata/events.csv")).Content.ReadAsStringAsync()).ShouldNotContain(title);
        (await (await anonymous.GetAsync($"/api/v1/{City}/events")).Content.ReadAsStringAsync()).ShouldNotContain(title);
        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OpportunityTestData.ApiTokenAsync(factory, otherUser.Id));
        (await api.PostAsync($"/api/v1/{City}/events/{e.Id}/registrations", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The group sees where it stands.
        var (_, mine) = await leader.GetPageAsync($"/{City}/groups/{groupId}/events");
        mine.QuerySelector("main")!.TextContent.ShouldContain(title);
        mine.QuerySelector("main .tag")!.TextContent.ShouldBe("承認待ち");
        var (ownView, ownPage) = await leader.GetPageAsync(details);
        ownView.StatusCode.ShouldBe(HttpStatusCode.OK);
        ownPage.QuerySelector("main")!.TextContent.ShouldContain("承認待ち");
        ownPage.QuerySelector("form[action*=Register]").ShouldBeNull();

        // Staff approve on the events admin page.
        var (_, admin) = await staff.GetPageAsync($"/{City}/admin/events");
        admin.QuerySelector("#pending-title")!.TextContent.ShouldContain("承認待ちの提案");
        admin.QuerySelector($"a[href='/{City}/admin/events/{e.Id}/review']").ShouldNotBeNull();
        var approved = await staff.SubmitAsync($"/{City}/admin/events/{e.Id}/review", new Dictionary<string, string>(), "form[action*=Approve]");
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await approved.Content.ReadAsStringAsync());

        e = await EventAsync(title);
        e.Status.ShouldBe(EventStatus.Published);
        var bookings = await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().Where(b => b.RoomId == room).OrderBy(b => b.StartsAt).ToListAsync());
        bookings.Count.ShouldBe(2);
        bookings.ShouldAllBe(b => b.Status == BookingStatus.Confirmed && b.GroupId == groupId && b.UserId == leaderUser.Id);
        // The room is held from the approval; the group's fee is still due at the counter, where staff record it.
        bookings.ShouldAllBe(b => b.PaidAt == null && b.FeeYen > 0);
        var (_, counter) = await staff.GetPageAsync($"/{City}/admin/spaces");
        counter.QuerySelectorAll("table:has(th) tbody tr").Count(tr => tr.TextContent.Contains(title) && tr.TextContent.Contains("支払いを記録する")).ShouldBe(2);
        (await staff.PostWithTokenAsync($"/{City}/admin/spaces", $"/{City}/admin/spaces?handler=Confirm&id={bookings[0].Id}", new Dictionary<string, string>()))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().SingleAsync(b => b.Id == bookings[0].Id))).PaidAt.ShouldNotBeNull();
        e.Meetings.OrderBy(m => m.StartsAt).Select(m => m.BookingId).ShouldBe(bookings.Select(b => (int?)b.Id));
        bookings.Select(b => (b.StartsAt, b.EndsAt)).ShouldBe(e.Meetings.OrderBy(m => m.StartsAt).Select(m => (m.StartsAt, m.EndsAt)));
        var mail = await TestData.LastMailToAsync(factory, leaderUser.Email!);
        mail.Subject.ShouldContain("承認されました");
        TestData.FirstLink(mail.Body).ShouldBe(details);

        var (_, list) = await anonymous.GetPageAsync($"/{City}/events");
        list.QuerySelector($"a[href='{details}']").ShouldNotBeNull();
        var (_, page) = await anonymous.GetPageAsync(details);
        var text = page.QuerySelector("main")!.TextContent;
        text.ShouldContain(groupName);
        text.ShouldContain("会議室（承認テスト）");
        page.QuerySelector($"main a[href='/{City}/groups/{groupId}']").ShouldNotBeNull();
        (await (await anonymous.GetAsync($"/{City}/opendata/events.csv")).Content.ReadAsStringAsync()).ShouldContain(groupName);
        var items = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/{City}/events");
        items.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == e.Id).GetProperty("organiser").GetString().ShouldBe(groupName);
        (await api.PostAsync($"/api/v1/{City}/events/{e.Id}/registrations", null)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var audit = await TestData.WithDbAsync(factory, db => db.AuditEntries.Where(a => a.EntityType == "Event" && a.EntityKey == e.Id.ToString(CultureInfo.InvariantCulture) && a.UserId == staffUser.Id).ToListAsync());
        audit.ShouldContain(a => a.Changes.Contains("PendingApproval") && a.Changes.Contains("Published"));
    }

    [Fact]
    public async Task Rejecting_NeedsAReason_WhichTheGroupIsSentAndSees_AndARevisedProposalWaitsAgain()
    {
        var (leader, leaderUser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(leaderUser))).Id;
        var (staff, staffUser) = await SignedInAsync(u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Titled("見送られる交流会").OrganisedBy(groupId).WithStatus(EventStatus.PendingApproval))).Id;
        var review = $"/{City}/admin/events/{id}/review";

        var empty = await staff.SubmitAsync(review, new Dictionary<string, string> { ["Reason"] = "" }, "form[action*=Reject]");
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(empty)).QuerySelector("#Reason-error")!.TextContent.ShouldContain("見送る理由を入力してください。");
        (await EventAsync("見送られる交流会")).Status.ShouldBe(EventStatus.PendingApproval);

        var rejected = await staff.SubmitAsync(review, new Dictionary<string, string> { ["Reason"] = "同じ日に別の催しがあるため" }, "form[action*=Reject]");
        rejected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var e = await EventAsync("見送られる交流会");
        e.Status.ShouldBe(EventStatus.Rejected);
        e.ReviewComment.ShouldBe("同じ日に別の催しがあるため");
        var mail = await TestData.LastMailToAsync(factory, leaderUser.Email!);
        mail.Subject.ShouldContain("提案について");
        mail.Body.ShouldContain("同じ日に別の催しがあるため");
        TestData.FirstLink(mail.Body).ShouldBe($"/{City}/groups/{groupId}/events");
        (await Browser.For(factory).GetAsync($"/{City}/events/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (_, mine) = await leader.GetPageAsync($"/{City}/groups/{groupId}/events");
        mine.QuerySelector("main")!.TextContent.ShouldContain("同じ日に別の催しがあるため");
        (await TestData.WithDbAsync(factory, db => db.AuditEntries.AnyAsync(a => a.EntityType == "Event" && a.EntityKey == id.ToString(CultureInfo.InvariantCulture) && a.UserId == staffUser.Id && a.Changes.Contains("Rejected"))))
            .ShouldBeTrue();
        // Deciding twice is refused.
        var again = await staff.GetPageAsync(review);
        again.Page.QuerySelector("form[action*=Approve]").ShouldBeNull();

        // The group revises it: it waits for approval again.
        var day = EventForms.Day(25);
        var revised = await leader.SubmitAsync($"/{City}/groups/{groupId}/events/{id}/edit", EventForms.Fields("見送られる交流会（日程変更）", null, (day, "13:00", "15:00")));
        revised.StatusCode.ShouldBe(HttpStatusCode.Redirect, await revised.Content.ReadAsStringAsync());
        e = await EventAsync("見送られる交流会（日程変更）");
        e.Status.ShouldBe(EventStatus.PendingApproval);
        e.ReviewComment.ShouldBeNull();
        e.Meetings.Count.ShouldBe(1);
    }

    [Fact]
    public async Task OnlyTheGroupsAdministrators_Propose_AndOnlyCentreStaff_Approve()
    {
        var (_, leaderUser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(leaderUser))).Id;
        var (citizen, _) = await SignedInAsync();
        var (otherLeader, otherLeaderUser) = await SignedInAsync();
        await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(otherLeaderUser));
        var day = EventForms.Day(30);
        var fields = EventForms.Fields("なりすまし講座", null, (day, "10:00", "12:00"));

        foreach (var outsider in new[] { citizen, otherLeader })
        {
            (await outsider.GetAsync($"/{City}/groups/{groupId}/events/new")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await outsider.GetAsync($"/{City}/groups/{groupId}/events")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await outsider.PostWithTokenAsync($"/{City}/events", $"/{City}/groups/{groupId}/events/new", fields)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        (await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().AnyAsync(e => e.Title == "なりすまし講座"))).ShouldBeFalse();
        // Another city's page for the group is not there either.
        (await citizen.GetAsync($"/shimonoseki/groups/{groupId}/events")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var id = (await TestData.CreateEventAsync(factory, City, e => e.Titled("審査待ちの講座").OrganisedBy(groupId).WithStatus(EventStatus.PendingApproval))).Id;
        var leader = Browser.For(factory);
        await leader.SignInAsync(leaderUser.Email!);
        foreach (var notStaff in new[] { citizen, leader })
        {
            Denied(await notStaff.PostWithTokenAsync($"/{City}/events", $"/{City}/admin/events/{id}/review?handler=Approve", new Dictionary<string, string>()));
            Denied(await notStaff.PostWithTokenAsync($"/{City}/events", $"/{City}/admin/events/{id}/review?handler=Reject", new Dictionary<string, string> { ["Reason"] = "x" }));
            Denied(await notStaff.GetAsync($"/{City}/admin/events/{id}/review"));
        }
        (await EventAsync("審査待ちの講座")).Status.ShouldBe(EventStatus.PendingApproval);
    }
}

/// <summary>The event form's fields as a browser would post them.</summary>
public static class EventForms
{
    public static DateOnly Day(int daysAhead) => Tsunagu.Web.Shared.Display.Today(TimeProvider.System).AddDays(daysAhead);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static Dictionary<string, string> Fields(string title, int? room, params (DateOnly Date, string Start, string End)[] meetings)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Kind"] = "Course",
            ["Input.Description"] = "地域で活動を始めたい方向けの講座です。",
            ["Input.RoomId"] = room?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["Input.Place"] = room is null ? "市民活動センター" : "",
            ["Input.OnlineLink"] = "",
            ["Input.Capacity"] = "20",
            ["Input.Fee"] = "",
            ["Input.Eligibility"] = "Anyone",
            ["Input.EligibleGroupId"] = "",
            ["Input.OpensDate"] = D(Day(-1)),
            ["Input.OpensTime"] = "",
            ["Input.ClosesDate"] = D(meetings[0].Date.AddDays(-1)),
            ["Input.ClosesTime"] = "",
        };
        for (var i = 0; i < EventFormModel.MeetingRows; i++)
        {
            fields[$"Input.Meetings[{i}].Date"] = i < meetings.Length ? D(meetings[i].Date) : "";
            fields[$"Input.Meetings[{i}].StartTime"] = i < meetings.Length ? meetings[i].Start : "";
            fields[$"Input.Meetings[{i}].EndTime"] = i < meetings.Length ? meetings[i].End : "";
        }
        return fields;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

/// <summary>
/// A group's administrator proposes an event in a centre room, staff approve it (which books the room), it appears on the
/// public list with its group and room; later staff cancel it and it shows as cancelled. axe on every page visited.
/// </summary>
public class EventProposalJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string City = "muroran";

    [Fact]
    public async Task GroupProposesWithARoom_StaffApprove_ItIsPublic_ThenStaffCancelIt()
    {
        await TestData.CreateRoomAsync(app.Factory, City, r => r.Named("研修室E2E").Seating(30));
        var leaderUser = await TestData.CreateUserAsync(app.Factory, u => u.DisplayName = "室蘭 まちこ");
        var groupId = (await TestData.CreateGroupAsync(app.Factory, City, g => g.AdministeredBy(leaderUser))).Id;
        var groupName = await TestData.WithDbAsync(app.Factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync());
        const string title = "親子で楽しむ絵本の会";

        // The group's administrator finds the proposals from their groups, and proposes (errors first).
        var leader = await app.NewPageAsync();
        await leader.SignInAsync(leaderUser.Email!);
        await leader.GotoAsync($"/{City}/groups/mine");
        await leader.GetByRole(AriaRole.Link, new() { Name = "講座・イベントの提案と状況" }).ClickAsync();
        await leader.AssertAccessibleAsync("p01-group-events-empty");
        await leader.GetByRole(AriaRole.Link, new() { Name = "講座・イベントを提案する" }).ClickAsync();
        await leader.AssertAccessibleAsync("p02-propose");
        await leader.GetByRole(AriaRole.Button, new() { Name = "提案する", Exact = true }).ClickAsync();
        (await leader.Locator(".error-summary").IsVisibleAsync()).ShouldBeTrue();
        await leader.AssertAccessibleAsync("p03-propose-errors");

        string D(int days) => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await leader.Locator("#Input_Title").FillAsync(title);
        await leader.GetByLabel("種類").SelectOptionAsync("Exchange");
        await leader.Locator("#Input_Description").FillAsync("絵本の読み聞かせと手遊びを親子で楽しみます。");
        await leader.GetByLabel("センターの部屋").SelectOptionAsync(new SelectOptionValue { Label = "研修室E2E（定員30人）" });
        await leader.Locator("#Input_Capacity").FillAsync("12");
        await leader.Locator("#Input_OpensDate").FillAsync(D(-1));
        await leader.Locator("#Input_ClosesDate").FillAsync(D(18));
        await leader.GetByLabel("託児あり").CheckAsync();
        await leader.Locator("#Input_Meetings_0__Date").FillAsync(D(20));
        await leader.Locator("#Input_Meetings_0__StartTime").FillAsync("10:00");
        await leader.Locator("#Input_Meetings_0__EndTime").FillAsync("11:30");
        await leader.GetByRole(AriaRole.Button, new() { Name = "提案する", Exact = true }).ClickAsync();
        await leader.WaitForURLAsync($"**/{City}/groups/{groupId}/events");
        (await leader.Locator(".notice--success").TextContentAsync() ?? "").ShouldContain("提案を受け付けました");
        (await leader.Locator("main .card").TextContentAsync() ?? "").ShouldContain("承認待ち");
        await leader.AssertAccessibleAsync("p04-group-events-pending");
        var id = await TestData.WithDbAsync(app.Factory, db => db.Set<Event>().IgnoreQueryFilters().Where(e => e.Title == title).Select(e => e.Id).SingleAsync());

        // Not on the public list yet.
        var visitor = await app.NewPageAsync(width: 375, height: 800);
        await visitor.GotoAsync($"/{City}/events");
        (await visitor.Locator("main").TextContentAsync() ?? "").ShouldNotContain(title);

        // Staff approve it from the events admin page.
        var staffUser = await TestData.CreateUserAsync(app.Factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = await app.NewPageAsync();
        await staff.SignInAsync(staffUser.Email!);
        await staff.GotoAsync($"/{City}/admin/events");
        (await staff.Locator("#pending-title").TextContentAsync() ?? "").ShouldContain("承認待ちの提案");
        await staff.AssertAccessibleAsync("p05-admin-pending");
        await staff.Locator("section[aria-labelledby=pending-title] .card", new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = "内容を確認して承認・見送る" }).ClickAsync();
        (await staff.Locator("main").TextContentAsync() ?? "").ShouldContain(groupName);
        await staff.AssertAccessibleAsync("p06-review");
        await staff.GetByRole(AriaRole.Button, new() { Name = "承認して公開する" }).ClickAsync();
        await staff.WaitForURLAsync($"**/{City}/admin/events");
        (await staff.Locator(".notice--success").TextContentAsync() ?? "").ShouldContain("承認して公開しました");
        await staff.AssertAccessibleAsync("p07-admin-approved");
        (await TestData.WithDbAsync(app.Factory, db => db.Set<Booking>().IgnoreQueryFilters().CountAsync(b => b.Purpose.Contains(title) && b.Status == BookingStatus.Confirmed))).ShouldBe(1);

        // It is on the public list, with its group and room, on a phone.
        await visitor.ReloadAsync();
        await visitor.AssertAccessibleAsync("p08-events-phone");
        await visitor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        var details = await visitor.Locator("main").TextContentAsync() ?? "";
        details.ShouldContain(groupName);
        details.ShouldContain("研修室E2E");
        details.ShouldContain("託児");
        await visitor.AssertAccessibleAsync("p09-event-phone");

        // Staff cancel it with a reason; it shows as cancelled.
        await staff.GotoAsync($"/{City}/admin/events/{id}/cancel");
        await staff.GetByRole(AriaRole.Button, new() { Name = "中止する" }).ClickAsync();
        (await staff.Locator("#Reason-error").TextContentAsync() ?? "").ShouldContain("中止の理由を入力してください。");
        await staff.AssertAccessibleAsync("p10-cancel-errors");
        await staff.GetByLabel("中止の理由").FillAsync("台風の接近により、安全のため中止します。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "中止する" }).ClickAsync();
        await staff.WaitForURLAsync($"**/{City}/admin/events");
        await visitor.ReloadAsync();
        (await visitor.Locator("h1").TextContentAsync() ?? "").ShouldContain("中止");
        (await visitor.Locator("main").TextContentAsync() ?? "").ShouldContain("台風の接近により");
        await visitor.AssertAccessibleAsync("p11-cancelled-phone");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

/// <summary>Issue 6's booking journey: a group books a room provisionally, staff confirm it, a second user cannot take the slot.</summary>
public class BookingJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string City = "nagato";

    [Fact]
    public async Task Group_BooksProvisionally_StaffConfirm_AndTheSlotIsTaken()
    {
        var cityId = await OpportunityTestData.CityIdAsync(app.Factory, City);
        await TestData.WithDbAsync(app.Factory, async db =>
        {
            db.Add(new Room { CityId = cityId, Name = "会議室E2E", Capacity = 20, Facilities = "プロジェクター", AccessibilityNotes = "車いすで入れます。" });
            return await db.SaveChangesAsync();
        });
        var adminUser = await TestData.CreateUserAsync(app.Factory);
        await OpportunityTestData.GroupAsync(app.Factory, City, adminUser.Id);
        var date = Display.Today(TimeProvider.System).AddDays(8);

        // The public week grid, without signing in.
        var visitor = await app.NewPageAsync(width: 375, height: 800);
        await visitor.GotoAsync($"/{City}/spaces?week={date:yyyy-MM-dd}");
        (await visitor.Locator("table.week-grid").TextContentAsync() ?? "").ShouldContain("終日空き");
        await visitor.AssertAccessibleAsync("s01-week-phone");

        // The group's administrator books provisionally.
        var group = await app.NewPageAsync();
        await group.SignInAsync(adminUser.Email!);
        await group.GotoAsync($"/{City}/spaces?week={date:yyyy-MM-dd}");
        await group.AssertAccessibleAsync("s02-week");
        await group.GetByRole(AriaRole.Link, new() { Name = $"会議室E2E {date:M/d}を予約する" }).ClickAsync();
        await group.GetByLabel("開始時刻").FillAsync("08:00");
        await group.GetByLabel("利用目的").FillAsync("定例会議");
        await group.GetByRole(AriaRole.Button, new() { Name = "仮予約を申し込む" }).ClickAsync();
        (await group.Locator("#Input_Start-error").TextContentAsync() ?? "").ShouldContain("開館時間");
        await group.AssertAccessibleAsync("s03-book-errors");
        await group.GetByLabel("開始時刻").FillAsync("10:00");
        await group.GetByLabel("終了時刻").FillAsync("12:00");
        await group.GetByLabel("利用する団体").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await group.GetByRole(AriaRole.Button, new() { Name = "仮予約を申し込む" }).ClickAsync();
        await group.WaitForURLAsync("**/spaces/mine");
        (await group.Locator("main").TextContentAsync() ?? "").ShouldContain("仮予約（支払い待ち）");
        await group.AssertAccessibleAsync("s04-mine");

        // Staff record the payment at the counter.
        var staffUser = await TestData.CreateUserAsync(app.Factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = await app.NewPageAsync();
        await staff.SignInAsync(staffUser.Email!);
        await staff.GotoAsync($"/{City}/admin/spaces");
        await staff.AssertAccessibleAsync("s05-counter");
        await staff.GetByRole(AriaRole.Button, new() { Name = "支払いを記録して本予約にする" }).ClickAsync();
        await staff.WaitForURLAsync("**/admin/spaces");
        (await TestData.WithDbAsync(app.Factory, db => db.Set<Booking>().IgnoreQueryFilters().Where(b => b.Purpose == "定例会議").Select(b => b.Status).SingleAsync()))
            .ShouldBe(BookingStatus.Confirmed);

        // Someone else cannot take the slot.
        var otherUser = await TestData.CreateUserAsync(app.Factory);
        var other = await app.NewPageAsync(width: 375, height: 800);
        await other.SignInAsync(otherUser.Email!);
        await other.GotoAsync($"/{City}/spaces?week={date:yyyy-MM-dd}");
        (await other.Locator("table.week-grid").TextContentAsync() ?? "").ShouldContain("10:00–12:00 予約済み");
        await other.GetByRole(AriaRole.Link, new() { Name = $"会議室E2E {date:M/d}を予約する" }).ClickAsync();
        await other.GetByLabel("開始時刻").FillAsync("11:00");
        await other.GetByLabel("終了時刻").FillAsync("13:00");
        await other.GetByLabel("利用目的").FillAsync("勉強会");
        await other.GetByRole(AriaRole.Button, new() { Name = "仮予約を申し込む" }).ClickAsync();
        (await other.Locator("#conflicts").TextContentAsync() ?? "").ShouldContain("すでに予約があります");
        await other.AssertAccessibleAsync("s06-conflict-phone");
    }
}

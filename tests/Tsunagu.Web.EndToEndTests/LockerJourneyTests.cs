using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

/// <summary>Issue 6: a group applies for a locker and staff confirm it after payment; staff add a room's photo and a visitor sees it.</summary>
public class LockerJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string City = "shimonoseki";

    [Fact]
    public async Task Group_AppliesForALocker_StaffConfirmThePayment_AndTheGroupSeesItConfirmed()
    {
        await TestData.CreateLockerAsync(app.Factory, City, l => l.Labelled("L-01").OfKind(LockerKind.Locker).WithNotes("幅30×奥行45×高さ40cm、鍵付き").Costing(3000));
        await TestData.CreateLockerAsync(app.Factory, City, l => l.Labelled("L-02").OfKind(LockerKind.Locker).WithNotes("幅45×奥行55×高さ90cm、鍵付き").Costing(6000));
        await TestData.CreateLockerAsync(app.Factory, City, l => l.Labelled("M-01").OfKind(LockerKind.Mailbox).WithNotes("A4が入る棚").Costing(1200));
        var leaderUser = await TestData.CreateUserAsync(app.Factory);
        var groupId = (await TestData.CreateGroupAsync(app.Factory, City, g => g.AdministeredBy(leaderUser))).Id;
        var groupName = await TestData.WithDbAsync(app.Factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync());
        var year = FiscalYear.Of(Display.Today(TimeProvider.System));

        // Anyone sees how many are free, from the spaces page.
        var visitor = await app.NewPageAsync(width: 375, height: 800);
        await visitor.GotoAsync($"/{City}/spaces");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "空きと申し込み方法" }).ClickAsync();
        await visitor.WaitForURLAsync("**/spaces/lockers");
        (await visitor.Locator("table:has(#free-caption)").TextContentAsync() ?? "").ShouldContain("ロッカー");
        await visitor.AssertAccessibleAsync("k01-lockers-phone");

        // The group's administrator applies: first with nothing chosen, then for L-02.
        var leader = await app.NewPageAsync();
        await leader.SignInAsync(leaderUser.Email!);
        await leader.GotoAsync($"/{City}/spaces/lockers");
        await leader.GetByRole(AriaRole.Link, new() { Name = "団体のロッカー・レターケース" }).ClickAsync();
        await leader.WaitForURLAsync("**/spaces/lockers/mine");
        await leader.GetByRole(AriaRole.Button, new() { Name = "申し込む" }).ClickAsync();
        (await leader.Locator("#Input_Kind-error").TextContentAsync() ?? "").ShouldContain("ロッカーかレターケースかを選んでください");
        await leader.AssertAccessibleAsync("k02-apply-errors");
        await leader.GetByLabel("種類").SelectOptionAsync(new SelectOptionValue { Label = "ロッカー" });
        await leader.GetByLabel("年度").SelectOptionAsync(year.StartYear.ToString(CultureInfo.InvariantCulture));
        await leader.GetByLabel("希望の番号").SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await leader.GetByRole(AriaRole.Button, new() { Name = "申し込む" }).ClickAsync();
        await leader.WaitForURLAsync("**/spaces/lockers/mine");
        var mine = await leader.Locator("#rental-list").TextContentAsync() ?? "";
        mine.ShouldContain("L-02");
        mine.ShouldContain("仮押さえ（窓口での支払い待ち）");
        await leader.AssertAccessibleAsync("k03-applied");

        // Staff record the payment at the counter; the group is e-mailed.
        var staffUser = await TestData.CreateUserAsync(app.Factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = await app.NewPageAsync();
        await staff.SignInAsync(staffUser.Email!);
        await staff.GotoAsync($"/{City}/admin/spaces");
        await staff.GetByRole(AriaRole.Link, new() { Name = "ロッカー・レターケース（窓口）" }).ClickAsync();
        await staff.WaitForURLAsync("**/admin/spaces/lockers");
        await staff.AssertAccessibleAsync("k04-counter");
        await staff.Locator("li.card", new() { HasText = groupName }).GetByRole(AriaRole.Button, new() { Name = "支払いを記録して確定する" }).ClickAsync();
        await staff.WaitForURLAsync("**/admin/spaces/lockers");
        (await staff.Locator("[role=status]").TextContentAsync() ?? "").ShouldContain("利用を確定しました");
        (await staff.Locator("#confirmed + .table-wrap").TextContentAsync() ?? "").ShouldContain("L-02");
        await staff.AssertAccessibleAsync("k05-confirmed");
        (await TestData.LastMailToAsync(app.Factory, leaderUser.Email!)).Subject.ShouldContain("利用が決まりました");

        await leader.ReloadAsync();
        (await leader.Locator("#rental-list").TextContentAsync() ?? "").ShouldContain("確定（支払い済み）");
        // The public page counts L-02 as taken, without saying by whom.
        await visitor.ReloadAsync();
        var list = await visitor.Locator("main").TextContentAsync() ?? "";
        list.ShouldNotContain(groupName);
        (await visitor.Locator("tr", new() { HasText = "L-02" }).TextContentAsync() ?? "").ShouldContain("貸出中");
    }

    [Fact]
    public async Task Staff_AddARoomPhoto_WithItsDescription_AndAVisitorSeesItOnTheRoomPage()
    {
        await TestData.CreateRoomAsync(app.Factory, City, r => r.Named("写真の部屋").Seating(30)
            .WithFacilities("プロジェクター、ホワイトボード").WithAccessibilityNotes("車いすで入れます。ヒアリングループがあります。"));
        var staffUser = await TestData.CreateUserAsync(app.Factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = await app.NewPageAsync();
        await staff.SignInAsync(staffUser.Email!);
        await staff.GotoAsync($"/{City}/admin/spaces/rooms");
        await staff.GetByRole(AriaRole.Link, new() { Name = "写真の部屋の写真" }).ClickAsync();
        await staff.WaitForURLAsync("**/admin/spaces/rooms/*");

        // A photo without its description is refused, next to the field.
        var file = new FilePayload { Name = "room.png", MimeType = "image/png", Buffer = TestImages.RoomPng(640, 480) };
        await staff.GetByLabel("写真のファイル").SetInputFilesAsync(file);
        await staff.GetByRole(AriaRole.Button, new() { Name = "写真を追加する" }).ClickAsync();
        (await staff.Locator("#Upload_Alt-error").TextContentAsync() ?? "").ShouldContain("写真の説明を入力してください");
        await staff.AssertAccessibleAsync("k06-photo-error");
        await staff.GetByLabel("写真のファイル").SetInputFilesAsync(file);
        await staff.GetByLabel("写真の説明（代替テキスト）").FillAsync("淡い色の壁に青い窓がある部屋の図。床は茶色。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "写真を追加する" }).ClickAsync();
        await staff.WaitForURLAsync("**/admin/spaces/rooms/*");
        (await staff.Locator("[role=status]").TextContentAsync() ?? "").ShouldContain("写真を追加しました");
        await staff.AssertAccessibleAsync("k07-photo-added");

        // A visitor on a phone finds the room from the spaces page and sees the photo with its description.
        var visitor = await app.NewPageAsync(width: 375, height: 800);
        await visitor.GotoAsync($"/{City}/spaces");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "写真の部屋", Exact = true }).ClickAsync();
        await visitor.WaitForURLAsync("**/spaces/rooms/*");
        (await visitor.Locator("main").TextContentAsync() ?? "").ShouldContain("ヒアリングループ");
        var photo = visitor.GetByRole(AriaRole.Img, new() { Name = "淡い色の壁に青い窓がある部屋の図。床は茶色。" });
        (await photo.GetAttributeAsync("loading")).ShouldBe("lazy");
        await photo.ScrollIntoViewIfNeededAsync();
        await visitor.WaitForFunctionAsync("() => { const i = document.querySelector('.room-photos img'); return i && i.complete && i.naturalWidth === 640; }");
        await visitor.AssertAccessibleAsync("k08-room-page-phone");
    }
}

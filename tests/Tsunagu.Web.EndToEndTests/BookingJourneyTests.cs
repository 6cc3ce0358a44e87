using System.Security.Cryptography;
using System.Text;
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
    private const string City = "muroran"; // a city with a centre: Nagato has none yet and lends no rooms

    [Fact]
    public async Task Group_BooksProvisionally_StaffConfirm_AndTheSlotIsTaken()
    {
        await TestData.CreateRoomAsync(app.Factory, City, r => r.Named("会議室E2E").Seating(20).WithFacilities("プロジェクター").WithAccessibilityNotes("車いすで入れます。"));
        var adminUser = await TestData.CreateUserAsync(app.Factory);
        await TestData.CreateGroupAsync(app.Factory, City, g => g.AdministeredBy(adminUser));
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
        await staff.Locator("tr", new() { HasText = "定例会議" }).GetByRole(AriaRole.Button, new() { Name = "支払いを記録して本予約にする" }).ClickAsync();
        await staff.WaitForURLAsync("**/admin/spaces");
        (await TestData.WithDbAsync(app.Factory, db => db.Set<Booking>().IgnoreQueryFilters().Where(b => b.Purpose == "定例会議").Select(b => b.Status).SingleAsync()))
            .ShouldBe(BookingStatus.Confirmed);

        // Someone else cannot take the slot.
        var otherUser = await TestData.CreateUserAsync(app.Factory);
        var other = await app.NewPageAsync(width: 375, height: 800);
        await other.SignInAsync(otherUser.Email!);
        await other.GotoAsync($"/{City}/spaces?week={date:yyyy-MM-dd}");
        (await other.Locator("table.week-grid").TextContentAsync() ?? "").ShouldContain("10:00–12:00 予約済み");
        // On a phone the day's view lists each room's free times.
        await other.Locator("table.week-grid thead").GetByRole(AriaRole.Link, new() { Name = $"{date:M/d}" }).ClickAsync();
        var roomCard = other.Locator("ul[aria-labelledby=day-title] li.card", new() { HasText = "会議室E2E" });
        (await roomCard.TextContentAsync() ?? "").ShouldContain("空いている時間：09:00〜10:00、12:00〜21:00");
        await other.AssertAccessibleAsync("s06a-day-phone");
        await roomCard.GetByRole(AriaRole.Link, new() { Name = $"会議室E2E {date:M/d}を予約する" }).ClickAsync();
        await other.GetByLabel("開始時刻").FillAsync("11:00");
        await other.GetByLabel("終了時刻").FillAsync("13:00");
        await other.GetByLabel("利用目的").FillAsync("勉強会");
        await other.GetByRole(AriaRole.Button, new() { Name = "仮予約を申し込む" }).ClickAsync();
        (await other.Locator("#conflicts").TextContentAsync() ?? "").ShouldContain("すでに予約があります");
        await other.AssertAccessibleAsync("s06-conflict-phone");
    }

    [Fact]
    public async Task Staff_SetABandAndEquipment_ACitizenSeesTheFeeAndBorrowsIt_AndTheLastUnitCannotBeLentTwice()
    {
        await TestData.CreateRoomAsync(app.Factory, City, r => r.Named("備品の部屋1").Seating(20));
        await TestData.CreateRoomAsync(app.Factory, City, r => r.Named("備品の部屋2").Seating(20));
        var date = Display.Today(TimeProvider.System).AddDays(9);

        // Staff add an evening band for one room (a wrong one first) and a document camera.
        var staffUser = await TestData.CreateUserAsync(app.Factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = await app.NewPageAsync();
        await staff.SignInAsync(staffUser.Email!);
        await staff.GotoAsync($"/{City}/admin/spaces");
        await staff.GetByRole(AriaRole.Link, new() { Name = "料金の時間帯" }).ClickAsync();
        await staff.WaitForURLAsync("**/admin/spaces/fees");
        var band = staff.Locator("#band-form");
        await band.GetByLabel("対象の部屋").SelectOptionAsync(new SelectOptionValue { Label = "備品の部屋1" });
        await band.GetByLabel("時間帯の名前").FillAsync("夜間");
        await band.GetByLabel("時間帯の開始").FillAsync("21:00");
        await band.GetByLabel("時間帯の終了").FillAsync("18:00");
        await band.GetByLabel("1時間の料金：登録団体（円）").FillAsync("300");
        await band.GetByLabel("1時間の料金：そのほか（円）").FillAsync("600");
        await band.GetByRole(AriaRole.Button, new() { Name = "時間帯を追加する" }).ClickAsync();
        (await staff.Locator("#Band_Ends-error").TextContentAsync() ?? "").ShouldContain("終了時刻は開始時刻より後");
        await staff.AssertAccessibleAsync("s09-band-errors");
        await band.GetByLabel("時間帯の開始").FillAsync("18:00");
        await band.GetByLabel("時間帯の終了").FillAsync("21:00");
        await band.GetByRole(AriaRole.Button, new() { Name = "時間帯を追加する" }).ClickAsync();
        (await staff.Locator("[role=status]").TextContentAsync() ?? "").ShouldContain("料金の時間帯を追加しました");
        (await staff.Locator("table:has(#bands-caption)").TextContentAsync() ?? "").ShouldContain("夜間");
        await staff.AssertAccessibleAsync("s10a-fees");
        await staff.GetByRole(AriaRole.Link, new() { Name = "備品", Exact = true }).ClickAsync();
        await staff.WaitForURLAsync("**/admin/spaces/equipment");
        var item = staff.Locator("#item-form");
        await item.GetByLabel("備品の名前").FillAsync("書画カメラ");
        await item.GetByLabel("数量（持っている数）").FillAsync("1");
        await item.GetByLabel("1回の貸し出し料金（1点あたり・円）").FillAsync("300");
        await item.GetByRole(AriaRole.Button, new() { Name = "備品を追加する" }).ClickAsync();
        (await staff.Locator("[role=status]").TextContentAsync() ?? "").ShouldContain("備品を追加しました");
        (await staff.Locator("table:has(#equipment-caption)").TextContentAsync() ?? "").ShouldContain("書画カメラ");
        await staff.AssertAccessibleAsync("s10-bands-equipment");

        // Anyone sees the fees and the equipment, on a phone.
        var visitor = await app.NewPageAsync(width: 375, height: 800);
        await visitor.GotoAsync($"/{City}/spaces?week={date:yyyy-MM-dd}");
        (await visitor.Locator("table:has(#fees-caption)").TextContentAsync() ?? "").ShouldContain("備品の部屋1");
        (await visitor.Locator("table:has(#equipment-caption)").TextContentAsync() ?? "").ShouldContain("書画カメラ");
        await visitor.AssertAccessibleAsync("s11-fees-equipment-phone");

        // A citizen asks for the room 17–19 with the camera, checks the fee, then books:
        // 60 min at the flat 400 yen + 60 min at the room's evening 600 yen + the camera's 300 yen = 1,300 yen.
        var citizenUser = await TestData.CreateUserAsync(app.Factory);
        var citizen = await app.NewPageAsync();
        await citizen.SignInAsync(citizenUser.Email!);
        await citizen.GotoAsync($"/{City}/spaces?week={date:yyyy-MM-dd}");
        await citizen.GetByRole(AriaRole.Link, new() { Name = $"備品の部屋1 {date:M/d}を予約する" }).ClickAsync();
        await citizen.GetByLabel("開始時刻").FillAsync("17:00");
        await citizen.GetByLabel("終了時刻").FillAsync("19:00");
        await citizen.GetByLabel("利用目的").FillAsync("資料の勉強会");
        await citizen.GetByLabel("書画カメラ").FillAsync("1");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "料金を確認する" }).ClickAsync();
        (await citizen.Locator("#fee").TextContentAsync() ?? "").ShouldContain("1,300円");
        await citizen.AssertAccessibleAsync("s12-fee-quote");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "仮予約を申し込む" }).ClickAsync();
        await citizen.WaitForURLAsync("**/spaces/mine");
        var mine = await citizen.Locator("main").TextContentAsync() ?? "";
        mine.ShouldContain("備品：書画カメラ 1点");
        mine.ShouldContain("1,300円");
        await citizen.AssertAccessibleAsync("s13-mine-equipment");

        // Someone booking the other room at the same time cannot have the only camera.
        var otherUser = await TestData.CreateUserAsync(app.Factory);
        var other = await app.NewPageAsync(width: 375, height: 800);
        await other.SignInAsync(otherUser.Email!);
        await other.GotoAsync($"/{City}/spaces/book");
        await other.GetByLabel("部屋").SelectOptionAsync(new SelectOptionValue { Label = "備品の部屋2" });
        await other.GetByLabel("日付").FillAsync(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await other.GetByLabel("開始時刻").FillAsync("18:00");
        await other.GetByLabel("終了時刻").FillAsync("20:00");
        await other.GetByLabel("利用目的").FillAsync("上映会");
        await other.GetByLabel("書画カメラ").FillAsync("1");
        await other.GetByRole(AriaRole.Button, new() { Name = "仮予約を申し込む" }).ClickAsync();
        (await other.Locator("#conflicts").TextContentAsync() ?? "").ShouldContain("書画カメラはこの時間にはあと0点しか貸し出せません");
        (await other.Locator(".error-summary").TextContentAsync() ?? "").ShouldContain("書画カメラが足りない日時が1件あります");
        await other.AssertAccessibleAsync("s14-equipment-short-phone");

        // The counter lists the camera with the booking waiting for payment.
        await staff.GotoAsync($"/{City}/admin/spaces");
        (await staff.Locator("tr", new() { HasText = "資料の勉強会" }).TextContentAsync() ?? "").ShouldContain("備品：書画カメラ 1点");

        // Each of the centre's room pages, on a phone and on a desktop, names itself as the current one in the pages' menu.
        var phone = await app.NewPageAsync(width: 375, height: 800);
        await phone.SignInAsync(staffUser.Email!);
        foreach (var (path, name) in new[] { ("", "counter"), ("/rooms", "rooms"), ("/rules", "rules"), ("/fees", "fees"), ("/equipment", "equipment"), ("/lotteries", "lotteries") })
            foreach (var (page, size) in new[] { (staff, "desktop"), (phone, "phone") })
            {
                await page.GotoAsync($"/{City}/admin/spaces{path}");
                (await page.Locator("nav[aria-label='部屋の予約の管理'] a[aria-current=page]").GetAttributeAsync("href")).ShouldBe($"/{City}/admin/spaces{path}");
                await page.AssertAccessibleAsync($"s15-{name}-{size}");
            }
    }

    [Fact]
    public async Task Lottery_PublishesItsSeedsHash_IsDrawnWithThatSeed_AndItsResultIsReproducibleFromTheRevealedSeed()
    {
        await TestData.CreateRoomAsync(app.Factory, City, r => r.Named("抽選の部屋").Seating(40));
        var from = Display.Today(TimeProvider.System).AddDays(20);
        var staffUser = await TestData.CreateUserAsync(app.Factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = await app.NewPageAsync();
        await staff.SignInAsync(staffUser.Email!);
        await staff.GotoAsync($"/{City}/admin/spaces/lotteries");
        var form = staff.Locator("#lottery-form");
        await form.GetByLabel("部屋").SelectOptionAsync(new SelectOptionValue { Label = "抽選の部屋" });
        await form.GetByLabel("抽選の名前").FillAsync("交流スペースの抽選");
        await form.GetByLabel("対象期間の初日").FillAsync(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await form.GetByLabel("対象期間の最終日").FillAsync(from.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await form.GetByLabel("申し込みの締め切り日").FillAsync(from.AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "抽選の受付を始める" }).ClickAsync();
        // The page posts to itself and comes back with a notice (waiting for its own URL would not wait for the post).
        (await staff.Locator("[role=status]").TextContentAsync() ?? "").ShouldContain("抽選の受付を始めました");
        var lotteryId = await TestData.WithDbAsync(app.Factory, db => db.Set<Lottery>().IgnoreQueryFilters().Where(l => l.Title == "交流スペースの抽選").Select(l => l.Id).SingleAsync());
        // The staff page offers no way to choose the seed.
        (await staff.Locator("main input[name*=seed i]").CountAsync()).ShouldBe(0);

        // From the start the public page shows the hash of the seed, not the seed.
        var visitor = await app.NewPageAsync(width: 375, height: 800);
        await visitor.GotoAsync($"/{City}/spaces/lotteries/{lotteryId}");
        var publishedHash = (await visitor.Locator("#lottery-seed-hash").TextContentAsync() ?? "").Trim();
        publishedHash.ShouldMatch("^[0-9a-f]{64}$");
        (await visitor.Locator("#lottery-seed").CountAsync()).ShouldBe(0);
        await visitor.AssertAccessibleAsync("s07-lottery-open-phone");
        await visitor.Context.CloseAsync();

        for (var i = 0; i < 3; i++)
        {
            var user = await TestData.CreateUserAsync(app.Factory);
            var page = await app.NewPageAsync(width: 375, height: 800);
            await page.SignInAsync(user.Email!);
            await page.GotoAsync($"/{City}/spaces/lotteries/{lotteryId}");
            await page.GetByLabel("日付").FillAsync(from.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByLabel("開始時刻").FillAsync("13:00");
            await page.GetByLabel("終了時刻").FillAsync("16:00");
            await page.GetByLabel("利用目的").FillAsync($"交流会{i}");
            await page.GetByRole(AriaRole.Button, new() { Name = "申し込む" }).ClickAsync();
            await page.WaitForURLAsync($"**/spaces/lotteries/{lotteryId}");
            if (i == 0) await page.AssertAccessibleAsync("s07-lottery-entered-phone");
            await page.Context.CloseAsync();
        }
        await TestData.WithDbAsync(app.Factory, db => db.Set<Lottery>().IgnoreQueryFilters().Where(l => l.Id == lotteryId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.EntriesCloseAt, DateTime.UtcNow.AddMinutes(-1))));
        await staff.GotoAsync($"/{City}/admin/spaces/lotteries");
        await staff.GetByRole(AriaRole.Button, new() { Name = "抽選する" }).ClickAsync();
        await staff.WaitForURLAsync($"**/spaces/lotteries/{lotteryId}**");
        var main = await staff.Locator("main").TextContentAsync() ?? "";
        main.ShouldContain("ハッシュ値と一致しました");
        main.ShouldContain("記録と一致しました");
        await staff.AssertAccessibleAsync("s08-lottery-result");
        await staff.SetViewportSizeAsync(375, 800);
        await staff.AssertAccessibleAsync("s08-lottery-result-phone");

        // The revealed seed hashes to the hash published before, and the documented procedure (HMAC-SHA256 keyed with
        // the seed over each entry number, smallest first) gives the published order from it and the entry numbers.
        var seed = (await staff.Locator("#lottery-seed").TextContentAsync() ?? "").Trim();
        Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(seed))).ShouldBe(publishedHash);
        var entries = await TestData.WithDbAsync(app.Factory, db => db.Set<LotteryEntry>().IgnoreQueryFilters().Where(e => e.LotteryId == lotteryId).Select(e => e.Id).ToListAsync());
        var log = (await staff.Locator("pre.lottery-log").TextContentAsync() ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var logged = log.Select(l => int.Parse(l.Split('#')[1].Split(' ')[0], CultureInfo.InvariantCulture)).ToList();
        logged.Order().ShouldBe(entries.Order());
        using var hmac = new HMACSHA256(Convert.FromHexString(seed));
        logged.ShouldBe(entries.OrderBy(id => Convert.ToHexStringLower(hmac.ComputeHash(Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture)))), StringComparer.Ordinal));
        log[0].ShouldContain("当選");
        log.Skip(1).ShouldAllBe(l => l.Contains("落選"));
    }
}

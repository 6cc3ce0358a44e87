using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Spaces;

/// <summary>Fees by time band and user class, and equipment lent with bookings that never exceeds what the centre owns.</summary>
public class FeesAndEquipmentTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "yamaguchi";

    private async Task<int> CityIdAsync() => await TestData.CityIdAsync(factory, City);

    private async Task BandAsync(int? roomId, string name, int fromHour, int toHour, int group, int other)
    {
        var cityId = await CityIdAsync();
        await TestData.WithDbAsync(factory, async db =>
        {
            db.Add(new FeeBand { CityId = cityId, RoomId = roomId, Name = name, Starts = new(fromHour, 0), Ends = new(toHour, 0), GroupFeePerHour = group, OtherFeePerHour = other });
            return await db.SaveChangesAsync();
        });
    }

    private static DateOnly NextDay(int plus = 7) => Display.Today(TimeProvider.System).AddDays(plus);

    private static Dictionary<string, string> Form(int room, DateOnly date, string start, string end, string purpose = "定例会議") => new()
    {
        ["Input.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
        ["Input.Date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.Start"] = start,
        ["Input.End"] = end,
        ["Input.Purpose"] = purpose,
        ["Input.Repeat"] = "None",
    };

    private Task<(Browser Browser, AppUser User)> SignedInAsync(Action<TestData.UserSpec>? spec = null) => TestData.SignedInAsync(factory, spec);

    private async Task<Browser> StaffAsync() => (await SignedInAsync(u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor())).Browser;

    /// <summary>The form's line for an item, as the page numbers them.</summary>
    private static async Task<string> ItemFieldAsync(Browser browser, string url, int itemId)
    {
        var (_, page) = await browser.GetPageAsync(url);
        var hidden = page.QuerySelectorAll("input[type=hidden][name$='.ItemId']").Single(i => i.GetAttribute("value") == itemId.ToString(CultureInfo.InvariantCulture));
        return hidden.GetAttribute("name")!.Replace(".ItemId", ".Quantity");
    }

    // ---- The calculation itself -------------------------------------------------------------------------------------------

    private static readonly SpaceRules Flat = new() { GroupFeePerHour = 250, OtherFeePerHour = 500 };

    private static readonly FeeBand[] CityBands =
    [
        new() { Name = "午前", Starts = new(9, 0), Ends = new(12, 0), GroupFeePerHour = 200, OtherFeePerHour = 400 },
        new() { Name = "午後", Starts = new(13, 0), Ends = new(17, 0), GroupFeePerHour = 200, OtherFeePerHour = 400 },
        new() { Name = "夜間", Starts = new(18, 0), Ends = new(21, 0), GroupFeePerHour = 300, OtherFeePerHour = 600 },
    ];

    private static FeeCalculator.Quote Fee(string from, string to, bool group, params FeeBand[] roomBands) =>
        FeeCalculator.Compute(new DateOnly(2027, 1, 12).ToDateTime(TimeOnly.Parse(from, CultureInfo.InvariantCulture)), new DateOnly(2027, 1, 12).ToDateTime(TimeOnly.Parse(to, CultureInfo.InvariantCulture)), group, roomBands, CityBands, Flat);

    [Theory]
    // Within one band: 2 h × 200 / 400.
    [InlineData("10:00", "12:00", true, 400)]
    [InlineData("10:00", "12:00", false, 800)]
    // Across 午前, the gap 12–13 at the flat rate, and 午後: 30 min × 200 + 60 min × 250 + 30 min × 200 = 450 (others: 900).
    [InlineData("11:30", "13:30", true, 450)]
    [InlineData("11:30", "13:30", false, 900)]
    // 午後 into 夜間 over the 17–18 gap: 60 × 400 + 60 × 500 + 60 × 600 = 1,500 for others.
    [InlineData("16:00", "19:00", false, 1500)]
    // 7 minutes at 200 yen an hour is 23.33… yen: rounded up once, to 24.
    [InlineData("10:00", "10:07", true, 24)]
    // Before any band: the flat rate.
    [InlineData("08:00", "09:00", true, 250)]
    public void Fee_IsTheSumOverTheBands_ByClass_RoundedUpOnce(string from, string to, bool group, int yen) =>
        Fee(from, to, group).RoomYen.ShouldBe(yen);

    [Fact]
    public void ARoomsOwnBand_TakesPrecedence_OnlyForTheTimeItCovers()
    {
        var quiet = new FeeBand { Name = "和室の夜間", Starts = new(18, 0), Ends = new(20, 0), GroupFeePerHour = 1000, OtherFeePerHour = 2000 };
        var quote = Fee("16:00", "21:00", false, quiet);
        // 午後 16–17 (400) + gap 17–18 (500) + the room's 18–20 (2,000 × 2) + the city's 夜間 20–21 (600).
        quote.RoomYen.ShouldBe(400 + 500 + 4000 + 600);
        quote.Parts.Select(p => (p.Band, p.Minutes, p.Outside)).ShouldBe([("午後", 60, false), ("", 60, true), ("和室の夜間", 120, false), ("夜間", 60, false)]);
    }

    // ---- Through the pages -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task BookingFee_AcrossARoomsBands_ForAGroupAndForOthers_IsQuotedFirst_ThenStored_AndThePublicPageShowsTheTable()
    {
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("料金の部屋"))).Id;
        await BandAsync(room, "午前", 9, 12, 300, 600);
        await BandAsync(room, "夜間", 18, 21, 500, 1000);
        var (admin, adminUser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(adminUser))).Id;
        var date = NextDay(8);

        // A group, 11:00–19:00: 60 min × 300 + 360 min at the flat 200 + 60 min × 500 = 2,000 yen.
        var form = Form(room, date, "11:00", "19:00");
        form["Input.GroupId"] = groupId.ToString(CultureInfo.InvariantCulture);
        var quote = await Browser.ParseAsync(await admin.PostWithTokenAsync($"/{City}/spaces/book", $"/{City}/spaces/book?handler=Quote", form));
        var fee = quote.QuerySelector("#fee")!.TextContent;
        fee.ShouldContain("2,000円");
        fee.ShouldContain("登録団体の料金");
        quote.QuerySelectorAll("#fee tbody tr").Select(tr => tr.QuerySelector("th")!.TextContent).ShouldBe(["午前", "時間帯の外", "夜間", "部屋の利用料"]);
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().AnyAsync(b => b.RoomId == room))).ShouldBeFalse();

        var booked = await admin.SubmitAsync($"/{City}/spaces/book", form);
        booked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().SingleAsync(b => b.RoomId == room))).FeeYen.ShouldBe(2000);
        var (_, mine) = await admin.GetPageAsync($"/{City}/spaces/mine");
        mine.QuerySelector(".notice--success")!.TextContent.ShouldContain("合計2,000円");

        // Someone else, 11:30–18:20 the next day: 30 × 600 + 360 × 400 + 20 × 1,000 = 182,000 yen-minutes ÷ 60 = 3,033.3… → 3,034 yen.
        var (other, _) = await SignedInAsync();
        (await other.SubmitAsync($"/{City}/spaces/book", Form(room, date.AddDays(1), "11:30", "18:20", "勉強会"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().SingleAsync(b => b.RoomId == room && b.Purpose == "勉強会"))).FeeYen.ShouldBe(3034);

        // Anyone sees both classes' fees for each band, as a table with a caption and headers.
        var (_, spaces) = await Browser.For(factory).GetPageAsync($"/{City}/spaces");
        var table = spaces.QuerySelector("table:has(#fees-caption)")!;
        table.QuerySelectorAll("thead th").Select(th => th.TextContent).ShouldBe(["時間帯", "対象", "時間", "登録団体", "そのほか"]);
        var evening = table.QuerySelectorAll("tbody tr").Single(tr => tr.TextContent.Contains("料金の部屋") && tr.TextContent.Contains("夜間"));
        evening.QuerySelector("th[scope=row]")!.TextContent.ShouldBe("夜間");
        evening.TextContent.ShouldContain("18:00〜21:00");
        evening.TextContent.ShouldContain("500円");
        evening.TextContent.ShouldContain("1,000円");
        table.QuerySelectorAll("tbody tr")[^1].TextContent.ShouldContain("上記以外の時間");

        // The room's own page shows the same fees as its bookings are charged: its bands, not another room's.
        var (_, roomPage) = await Browser.For(factory).GetPageAsync($"/{City}/spaces/rooms/{room}");
        var roomTable = roomPage.QuerySelector("table:has(#fees-caption)")!;
        roomTable.QuerySelectorAll("tbody tr").Single(tr => tr.TextContent.Contains("夜間")).TextContent.ShouldContain("1,000円");
        roomTable.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td")[0].TextContent).ShouldAllBe(scope => scope == "全室" || scope == "料金の部屋");
    }

    [Theory]
    [InlineData("", "10:00", "12:00", "100", "200", "Band_Name-error", "時間帯の名前を入力")]
    [InlineData("午前", "12:00", "09:00", "100", "200", "Band_Ends-error", "終了時刻は開始時刻より後")]
    [InlineData("昼", "11:00", "14:00", "100", "200", "Band_Starts-error", "「朝」（09:00〜12:00）と重なっています")]
    [InlineData("午後", "13:00", "17:00", "-1", "200", "Band_GroupFeePerHour-error", "0円以上")]
    [InlineData("午後", "13:00", "17:00", "100", "", "Band_OtherFeePerHour-error", "円で入力")]
    public async Task FeeBand_AgainstTheRules_IsRefusedNextToTheField_AndNothingIsWritten(string name, string starts, string ends, string group, string other, string errorId, string message)
    {
        var room = (await TestData.CreateRoomAsync(factory, City)).Id;
        await BandAsync(room, "朝", 9, 12, 100, 200);
        var staff = await StaffAsync();
        var before = await TestData.WithDbAsync(factory, db => db.Set<FeeBand>().IgnoreQueryFilters().CountAsync());
        var response = await staff.SubmitAsync($"/{City}/admin/spaces/fees", new Dictionary<string, string>
        {
            ["Band.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
            ["Band.Name"] = name,
            ["Band.Starts"] = starts,
            ["Band.Ends"] = ends,
            ["Band.GroupFeePerHour"] = group,
            ["Band.OtherFeePerHour"] = other,
        }, "#band-form");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector($"#{errorId}")!.TextContent.ShouldContain(message);
        page.QuerySelector(".error-summary")!.TextContent.ShouldContain(message);
        (await TestData.WithDbAsync(factory, db => db.Set<FeeBand>().IgnoreQueryFilters().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task OverlappingBandsSavedAtTheSameMoment_OnlyOneIsWritten()
    {
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("同時に料金を決める部屋"))).Id;
        var staff = await StaffAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => staff.SubmitAsync($"/{City}/admin/spaces/fees", new Dictionary<string, string>
        {
            ["Band.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
            ["Band.Name"] = $"枠{i}",
            ["Band.Starts"] = $"{9 + i % 2}:00",
            ["Band.Ends"] = "13:00",
            ["Band.GroupFeePerHour"] = "100",
            ["Band.OtherFeePerHour"] = "200",
        }, "#band-form")));
        answers.Count(a => a.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        (await TestData.WithDbAsync(factory, db => db.Set<FeeBand>().IgnoreQueryFilters().CountAsync(b => b.RoomId == room))).ShouldBe(1);
    }

    [Fact]
    public async Task Staff_AddChangeAndRemoveBands_ARoomsBandMayOverlapTheCitys_AndEveryChangeIsAudited()
    {
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("夜間の部屋"))).Id;
        var staff = await StaffAsync();
        Dictionary<string, string> Band(int roomId, string name, string from, string to, int group, int other, int id = 0) => new()
        {
            ["Band.Id"] = id.ToString(CultureInfo.InvariantCulture),
            ["Band.RoomId"] = roomId.ToString(CultureInfo.InvariantCulture),
            ["Band.Name"] = name,
            ["Band.Starts"] = from,
            ["Band.Ends"] = to,
            ["Band.GroupFeePerHour"] = group.ToString(CultureInfo.InvariantCulture),
            ["Band.OtherFeePerHour"] = other.ToString(CultureInfo.InvariantCulture),
        };
        (await staff.SubmitAsync($"/{City}/admin/spaces/fees", Band(0, "夜", "18:00", "21:00", 300, 600), "#band-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The room's own band over the same hours is not an overlap: it is the room's price.
        (await staff.SubmitAsync($"/{City}/admin/spaces/fees", Band(room, "夜", "18:00", "20:00", 800, 1600), "#band-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var bands = await TestData.WithDbAsync(factory, db => db.Set<FeeBand>().IgnoreQueryFilters().Where(b => b.Name == "夜").OrderBy(b => b.Id).ToListAsync());
        bands.Select(b => b.RoomId).ShouldBe([null, room]);

        // Changing: the form opens with the band, and saving changes that band.
        var (_, edit) = await staff.GetPageAsync($"/{City}/admin/spaces/fees?band={bands[1].Id}");
        edit.QuerySelector("#Band_GroupFeePerHour")!.GetAttribute("value").ShouldBe("800");
        (await staff.SubmitAsync($"/{City}/admin/spaces/fees?band={bands[1].Id}", Band(room, "夜", "18:00", "21:00", 900, 1800, bands[1].Id), "#band-form"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var changed = await TestData.WithDbAsync(factory, db => db.Set<FeeBand>().IgnoreQueryFilters().SingleAsync(b => b.Id == bands[1].Id));
        (changed.Ends, changed.GroupFeePerHour).ShouldBe((new TimeOnly(21, 0), 900));

        (await staff.PostWithTokenAsync($"/{City}/admin/spaces/fees", $"/{City}/admin/spaces/fees?handler=Delete&id={bands[0].Id}", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<FeeBand>().IgnoreQueryFilters().AnyAsync(b => b.Id == bands[0].Id))).ShouldBeFalse();

        var audit = await TestData.WithDbAsync(factory, db => db.AuditEntries.Where(e => e.EntityType == "FeeBand" && (e.EntityKey == bands[0].Id.ToString(CultureInfo.InvariantCulture) || e.EntityKey == bands[1].Id.ToString(CultureInfo.InvariantCulture)))
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.EntityKey, e.Changes }).ToListAsync());
        audit.Select(a => a.Action).ShouldBe(["create", "create", "update", "delete"]);
        audit[2].Changes.ShouldContain("\"GroupFeePerHour\":{\"old\":\"800\",\"new\":\"900\"}");
    }

    [Fact]
    public async Task Staff_AddAndChangeEquipment_WithCheckedFields_Audited_AndThePublicPageListsWhatIsLent()
    {
        var staff = await StaffAsync();
        Dictionary<string, string> Item(string name, string quantity, string fee, string notes = "", bool active = true, int id = 0) => new()
        {
            ["Item.Id"] = id.ToString(CultureInfo.InvariantCulture),
            ["Item.Name"] = name,
            ["Item.Quantity"] = quantity,
            ["Item.FeePerBooking"] = fee,
            ["Item.Notes"] = notes,
            ["Item.Active"] = active ? "true" : "false",
        };
        var refused = await Browser.ParseAsync(await staff.SubmitAsync($"/{City}/admin/spaces/equipment", Item("書画カメラ", "0", "-5"), "#item-form"));
        refused.QuerySelector("#Item_Quantity-error")!.TextContent.ShouldContain("1〜1,000");
        refused.QuerySelector("#Item_FeePerBooking-error")!.TextContent.ShouldContain("0円以上");
        (await TestData.WithDbAsync(factory, db => db.Set<EquipmentItem>().IgnoreQueryFilters().AnyAsync(i => i.Name == "書画カメラ"))).ShouldBeFalse();

        (await staff.SubmitAsync($"/{City}/admin/spaces/equipment", Item("書画カメラ", "2", "300", "HDMIで接続します。"), "#item-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await TestData.WithDbAsync(factory, db => db.Set<EquipmentItem>().IgnoreQueryFilters().Where(i => i.Name == "書画カメラ").Select(i => i.Id).SingleAsync());
        var duplicate = await Browser.ParseAsync(await staff.SubmitAsync($"/{City}/admin/spaces/equipment", Item("書画カメラ", "1", "0"), "#item-form"));
        duplicate.QuerySelector("#Item_Name-error")!.TextContent.ShouldContain("すでにあります");

        var (_, spaces) = await Browser.For(factory).GetPageAsync($"/{City}/spaces");
        var row = spaces.QuerySelectorAll("table:has(#equipment-caption) tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent == "書画カメラ");
        row.QuerySelectorAll("td").Select(td => td.TextContent).ShouldBe(["2", "300円", "HDMIで接続します。"]);

        // Stopped: no longer listed publicly nor offered on the booking form; the record stays.
        (await staff.SubmitAsync($"/{City}/admin/spaces/equipment?item={id}", Item("書画カメラ", "2", "300", active: false, id: id), "#item-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, after) = await Browser.For(factory).GetPageAsync($"/{City}/spaces");
        after.QuerySelectorAll("table:has(#equipment-caption) tbody th").Select(th => th.TextContent).ShouldNotContain("書画カメラ");
        var audit = await TestData.WithDbAsync(factory, db => db.AuditEntries.Where(e => e.EntityType == "EquipmentItem" && e.EntityKey == id.ToString(CultureInfo.InvariantCulture)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        audit.ShouldBe(["create", "update"]);
    }

    [Fact]
    public async Task Equipment_IsNeverLentBeyondWhatIsOwned_AtAnyMomentOfTheBooking_AndACancellationFreesIt()
    {
        var item = (await TestData.CreateEquipmentItemAsync(factory, City, i => i.Named(TestData.Unique("プロジェクター")).Owned(2).Costing(500))).Id;
        var itemName = await TestData.WithDbAsync(factory, db => db.Set<EquipmentItem>().IgnoreQueryFilters().Where(i => i.Id == item).Select(i => i.Name).SingleAsync());
        var rooms = new List<int>();
        for (var i = 0; i < 4; i++) rooms.Add((await TestData.CreateRoomAsync(factory, City)).Id);
        var date = NextDay(9);
        var (browser, _) = await SignedInAsync();
        var field = await ItemFieldAsync(browser, $"/{City}/spaces/book", item);

        async Task<HttpResponseMessage> BookAsync(int room, string start, string end, int quantity, string purpose)
        {
            var form = Form(room, date, start, end, purpose);
            form[field] = quantity.ToString(CultureInfo.InvariantCulture);
            return await browser.SubmitAsync($"/{City}/spaces/book", form);
        }

        // One unit 10–12 in one room and one 12–14 in another: 11–13 still has one free at every moment (two overlap it, never at once).
        (await BookAsync(rooms[0], "10:00", "12:00", 1, "貸出A")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await BookAsync(rooms[1], "12:00", "14:00", 1, "貸出B")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await BookAsync(rooms[2], "11:00", "13:00", 1, "貸出C")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // 11:15–11:45 meets A and C together: none left.
        var refused = await BookAsync(rooms[3], "11:15", "11:45", 1, "貸出D");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(refused);
        page.QuerySelector("#conflicts")!.TextContent.ShouldContain($"{itemName}はこの時間にはあと0点しか貸し出せません");
        page.QuerySelector($"#{field.Replace('[', '_').Replace(']', '_').Replace('.', '_')}-error")!.TextContent.ShouldContain(itemName);
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().AnyAsync(b => b.Purpose == "貸出D"))).ShouldBeFalse();
        // More than the centre owns at all is refused next to the field before any slot is looked at.
        var tooMany = await Browser.ParseAsync(await BookAsync(rooms[3], "15:00", "16:00", 3, "貸出E"));
        tooMany.QuerySelector($"#{field.Replace('[', '_').Replace(']', '_').Replace('.', '_')}-error")!.TextContent.ShouldContain($"{itemName}は2点までです");

        // A's cancellation frees its unit: D now fits. The fee adds the item's 500 yen to the room's (the flat 400 yen an hour for others).
        var a = await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().SingleAsync(b => b.Purpose == "貸出A"));
        a.FeeYen.ShouldBe(800 + 500);
        (await browser.PostWithTokenAsync($"/{City}/spaces/mine", $"/{City}/spaces/mine?handler=Cancel&id={a.Id}", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await BookAsync(rooms[3], "11:15", "11:45", 1, "貸出D")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var d = await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().SingleAsync(b => b.Purpose == "貸出D"));
        d.FeeYen.ShouldBe(200 + 500);
        (await TestData.WithDbAsync(factory, db => db.Set<BookingEquipment>().IgnoreQueryFilters().SingleAsync(x => x.BookingId == d.Id))).FeeYen.ShouldBe(500);

        // The person's bookings and the counter list the items lent.
        var (_, mine) = await browser.GetPageAsync($"/{City}/spaces/mine");
        mine.QuerySelectorAll(".card").Single(c => c.TextContent.Contains("貸出D")).TextContent.ShouldContain($"備品：{itemName} 1点");
        var staff = await StaffAsync();
        var (_, counter) = await staff.GetPageAsync($"/{City}/admin/spaces");
        counter.QuerySelectorAll("table:has(th) tbody tr").First(tr => tr.TextContent.Contains("貸出D")).TextContent.ShouldContain($"{itemName} 1点");

        // Staff cannot own fewer than bookings still to come hold at one moment (B and C at 12:00, C and D at 11:15: 2).
        Dictionary<string, string> ItemForm(string quantity) => new()
        {
            ["Item.Id"] = item.ToString(CultureInfo.InvariantCulture),
            ["Item.Name"] = itemName,
            ["Item.Quantity"] = quantity,
            ["Item.FeePerBooking"] = "500",
            ["Item.Notes"] = "",
            ["Item.Active"] = "true",
        };
        var lowered = await Browser.ParseAsync(await staff.SubmitAsync($"/{City}/admin/spaces/equipment?item={item}", ItemForm("1"), "#item-form"));
        lowered.QuerySelector("#Item_Quantity-error")!.TextContent.ShouldContain("最大2点を貸し出す予定です");
        (await TestData.WithDbAsync(factory, db => db.Set<EquipmentItem>().IgnoreQueryFilters().Where(i => i.Id == item).Select(i => i.Quantity).SingleAsync())).ShouldBe(2);
        (await staff.SubmitAsync($"/{City}/admin/spaces/equipment?item={item}", ItemForm("3"), "#item-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<EquipmentItem>().IgnoreQueryFilters().Where(i => i.Id == item).Select(i => i.Quantity).SingleAsync())).ShouldBe(3);
    }

    [Fact]
    public async Task AWeeklySeries_ChecksTheEquipmentSlotBySlot_AndReportsEveryShortSlot()
    {
        var item = (await TestData.CreateEquipmentItemAsync(factory, City, i => i.Named(TestData.Unique("マイク")).Owned(1))).Id;
        var first = (await TestData.CreateRoomAsync(factory, City)).Id;
        var second = (await TestData.CreateRoomAsync(factory, City)).Id;
        var start = NextDay(7);
        var (browser, _) = await SignedInAsync();
        var field = await ItemFieldAsync(browser, $"/{City}/spaces/book", item);
        // The microphone is already out in the second and fourth weeks.
        foreach (var week in new[] { 1, 3 })
        {
            var one = Form(second, start.AddDays(7 * week), "09:00", "11:00", "先約");
            one[field] = "1";
            (await browser.SubmitAsync($"/{City}/spaces/book", one)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        var series = Form(first, start, "10:00", "12:00", "連続講座");
        series["Input.Repeat"] = "Weekly";
        series["Input.Count"] = "4";
        series[field] = "1";
        var page = await Browser.ParseAsync(await browser.SubmitAsync($"/{City}/spaces/book", series));
        var conflicts = page.QuerySelectorAll("#conflicts li").Select(li => li.TextContent).ToList();
        conflicts.Count.ShouldBe(2);
        conflicts.ShouldAllBe(c => c.Contains("あと0点しか貸し出せません"));
        // People's dates: 令和8年12月20日（日）.
        conflicts[0].ShouldContain($"{start.AddDays(7).Month}月{start.AddDays(7).Day}日");
        conflicts[1].ShouldContain($"{start.AddDays(21).Month}月{start.AddDays(21).Day}日");
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().AnyAsync(b => b.RoomId == first))).ShouldBeFalse();
    }

    [Fact]
    public async Task Api_AnItemNotLent_OrMoreThanOwned_IsRefusedFieldByField_AndAGoodRequestIsBookedWithItsFee()
    {
        var room = (await TestData.CreateRoomAsync(factory, City)).Id;
        var camera = (await TestData.CreateEquipmentItemAsync(factory, City, i => i.Named(TestData.Unique("カメラ")).Owned(2).Costing(250))).Id;
        var stopped = (await TestData.CreateEquipmentItemAsync(factory, City, i => i.Named(TestData.Unique("停止中")).Owned(5))).Id;
        await TestData.WithDbAsync(factory, db => db.Set<EquipmentItem>().IgnoreQueryFilters().Where(i => i.Id == stopped).ExecuteUpdateAsync(s => s.SetProperty(i => i.Active, false)));
        var user = await TestData.CreateUserAsync(factory);
        var secret = await TestData.WithDbAsync(factory, async db =>
        {
            var (secret, hash) = ApiToken.NewSecret();
            db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "test", TokenHash = hash, Prefix = secret[..12], CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return secret;
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var date = NextDay(12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var refused = await client.PostAsJsonAsync($"/api/v1/{City}/bookings", new
        {
            roomId = room,
            date,
            start = "10:00:00",
            end = "11:00:00",
            purpose = "API",
            equipment = new[] { new { itemId = camera, quantity = 3 }, new { itemId = stopped, quantity = 1 } },
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var body = await refused.Content.ReadAsStringAsync();
        body.ShouldContain($"\"Equipment.{camera}\"");
        body.ShouldContain("2点までです");
        body.ShouldContain($"\"Equipment.{stopped}\"");
        body.ShouldContain("この備品は貸し出していません");

        // Quantities that would overflow when added up are refused as more than owned, not a server error.
        var huge = await client.PostAsJsonAsync($"/api/v1/{City}/bookings", new
        {
            roomId = room,
            date,
            start = "10:00:00",
            end = "11:00:00",
            purpose = "API",
            equipment = new[] { new { itemId = camera, quantity = int.MaxValue }, new { itemId = camera, quantity = int.MaxValue } },
        });
        huge.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await huge.Content.ReadAsStringAsync()).ShouldContain("2点までです");

        // The same item named twice is one request for the sum: 1 h for others (400) + 2 × 250.
        var booked = await client.PostAsJsonAsync($"/api/v1/{City}/bookings", new
        {
            roomId = room,
            date,
            start = "10:00:00",
            end = "11:00:00",
            purpose = "API",
            equipment = new[] { new { itemId = camera, quantity = 1 }, new { itemId = camera, quantity = 1 } },
        });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await booked.Content.ReadFromJsonAsync<List<SpacesApi.BookingJson>>())!.Single().FeeYen.ShouldBe(400 + 500);
    }

    [Fact]
    public async Task ManyRequestsAtOnce_ForOneItem_InDifferentRooms_NeverLendMoreThanIsOwned()
    {
        const int owned = 3, requests = 60;
        var item = (await TestData.CreateEquipmentItemAsync(factory, City, i => i.Named(TestData.Unique("スクリーン")).Owned(owned).Costing(100))).Id;
        var itemName = await TestData.WithDbAsync(factory, db => db.Set<EquipmentItem>().IgnoreQueryFilters().Where(i => i.Id == item).Select(i => i.Name).SingleAsync());
        var rooms = new List<int>();
        for (var i = 0; i < requests; i++)
            rooms.Add((await TestData.CreateRoomAsync(factory, City, r => r.Named(TestData.Unique($"同時{i}-")).Seating(10))).Id);
        var tokens = await TestData.WithDbAsync(factory, async db =>
        {
            var list = new List<string>();
            for (var i = 0; i < requests; i++)
            {
                var email = $"lender-{Guid.NewGuid():N}@example.jp";
                var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = $"借りる人{i}", SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DateTime.UtcNow };
                db.Users.Add(user);
                var (secret, hash) = ApiToken.NewSecret();
                db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "load", TokenHash = hash, Prefix = secret[..12], CreatedAt = DateTime.UtcNow });
                list.Add(secret);
            }
            await db.SaveChangesAsync();
            return list;
        });
        var date = NextDay(11);
        var results = await Task.WhenAll(tokens.Select(async (token, i) =>
        {
            using var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var quantity = i % 2 + 1;
            var response = await client.PostAsJsonAsync($"/api/v1/{City}/bookings", new
            {
                roomId = rooms[i],
                date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                start = "13:00:00",
                end = "15:00:00",
                purpose = "同時の申し込み",
                equipment = new[] { new { itemId = item, quantity } },
            });
            return (Quantity: quantity, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        var unexpected = results.Where(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)).Take(3).Select(r => $"{r.StatusCode} {r.Body}");
        results.Count(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict).ShouldBe(requests, string.Join("\n", unexpected));
        results.Where(r => r.StatusCode == HttpStatusCode.Conflict).ShouldAllBe(r => r.Body.Contains(itemName) && r.Body.Contains("備品が足りません"));
        var lent = await TestData.WithDbAsync(factory, db => db.Set<BookingEquipment>().IgnoreQueryFilters().Where(x => x.EquipmentItemId == item).SumAsync(x => x.Quantity));
        lent.ShouldBeLessThanOrEqualTo(owned);
        lent.ShouldBe(results.Where(r => r.StatusCode == HttpStatusCode.Created).Sum(r => r.Quantity));
        // Nobody was refused while a unit was free: a single unit is refused only once all three are out.
        if (results.Any(r => r.Quantity == 1 && r.StatusCode == HttpStatusCode.Conflict)) lent.ShouldBe(owned);
        lent.ShouldBeGreaterThanOrEqualTo(owned - 1);
        // Each booking made carries the item's fee on top of the room's (2 h at the flat 400 yen for others).
        var fees = await TestData.WithDbAsync(factory, db => (from b in db.Set<Booking>().IgnoreQueryFilters()
                                                              join x in db.Set<BookingEquipment>().IgnoreQueryFilters() on b.Id equals x.BookingId
                                                              where x.EquipmentItemId == item
                                                              select new { b.FeeYen, x.Quantity }).ToListAsync());
        fees.ShouldAllBe(f => f.FeeYen == 800 + 100 * f.Quantity);
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Audit;
using Tsunagu.Web.Email;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Spaces;

public class LotteryTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "muroran";

    /// <summary>
    /// The draw's order as the lottery page and the README state it, written from that text and not from the service:
    /// HMAC-SHA256 keyed with the seed's 32 bytes over the entry number in decimal ASCII digits, sorted by the hex text
    /// of the MAC (the page says this is the same as byte order), ties by number.
    /// </summary>
    private static List<int> DocumentedOrder(string seedHex, IEnumerable<int> entryNumbers)
    {
        using var hmac = new HMACSHA256(Convert.FromHexString(seedHex));
        return entryNumbers
            .Select(n => (Number: n, Mac: Convert.ToHexStringLower(hmac.ComputeHash(Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture))))))
            .OrderBy(x => x.Mac, StringComparer.Ordinal).ThenBy(x => x.Number)
            .Select(x => x.Number).ToList();
    }

    /// <summary>The page's last step: in that order an entry wins if its slot overlaps no earlier winner's (nothing else is booked here).</summary>
    private static List<int> DocumentedWinners(string seedHex, IReadOnlyCollection<LotteryEntry> entries)
    {
        var winners = new List<LotteryEntry>();
        foreach (var entry in DocumentedOrder(seedHex, entries.Select(e => e.Id)).Select(id => entries.Single(e => e.Id == id)))
            if (!winners.Any(w => w.StartsAt < entry.EndsAt && entry.StartsAt < w.EndsAt)) winners.Add(entry);
        return [.. winners.Select(w => w.Id).Order()];
    }

    private static string Sha256Hex(string seedHex) => Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(seedHex)));

    private static List<int> LoggedOrder(IHtmlDocument page) =>
        [.. page.QuerySelector("pre.lottery-log")!.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => int.Parse(l.Split('#')[1].Split(' ')[0], CultureInfo.InvariantCulture))];

    [Fact]
    public void Order_DependsOnlyOnTheSeedAndTheEntryNumbers()
    {
        var seed = LotteryService.NewSeed();
        int[] entries = [31, 7, 12, 5, 44, 18, 9, 27];
        LotteryService.Order(entries, seed).ShouldBe(LotteryService.Order(entries.Reverse(), seed), "the order the entries came in does not matter");
        LotteryService.Order(entries, seed).ShouldBe(LotteryService.Order([.. entries.OrderBy(_ => Guid.NewGuid())], seed));
        LotteryService.Order(entries, seed).Order().ShouldBe(entries.Order());
        var many = Enumerable.Range(1, 30).ToList();
        LotteryService.Order(many, seed).SequenceEqual(LotteryService.Order(many, LotteryService.NewSeed())).ShouldBeFalse("another seed, another order");
        // An entry removed later (its account deleted) leaves the others where they were.
        LotteryService.Order(entries.Where(e => e != 12), seed).ShouldBe(LotteryService.Order(entries, seed).Where(e => e != 12));
        LotteryService.NewSeed().ShouldMatch("^[0-9a-f]{64}$");
        LotteryService.NewSeed().ShouldNotBe(LotteryService.NewSeed());
    }

    [Fact]
    public void Order_IsTheDocumentedProcedure()
    {
        // Worked out with Python's hashlib and hmac from the README's procedure (the README gives the same example).
        var seed = Convert.ToHexStringLower([.. Enumerable.Range(0, 32).Select(i => (byte)i)]);
        LotteryService.HashOfSeed(seed).ShouldBe("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd");
        LotteryService.Order(Enumerable.Range(1, 10), seed).ShouldBe([8, 3, 4, 7, 10, 9, 1, 2, 6, 5]);
        // And the test's own reading of the text agrees with the service on many seeds and numbers.
        for (var i = 0; i < 50; i++)
        {
            var s = LotteryService.NewSeed();
            var numbers = Enumerable.Range(0, 40).Select(_ => Random.Shared.Next(1, 1_000_000)).Distinct().ToList();
            LotteryService.Order(numbers, s).ShouldBe(DocumentedOrder(s, numbers));
            LotteryService.HashOfSeed(s).ShouldBe(Sha256Hex(s));
        }
    }

    private async Task<(Browser Staff, int RoomId, int LotteryId, DateOnly From)> OpenLotteryAsync(string roomName, Dictionary<string, string>? extra = null)
    {
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named(roomName).Seating(30))).Id;
        var staffUser = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = Browser.For(factory);
        await staff.SignInAsync(staffUser.Email!);
        var from = Display.Today(TimeProvider.System).AddDays(14);
        var fields = new Dictionary<string, string>
        {
            ["NewLottery.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
            ["NewLottery.Title"] = $"{roomName}の抽選",
            ["NewLottery.From"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["NewLottery.To"] = from.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["NewLottery.Closes"] = from.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in extra ?? []) fields[k] = v;
        (await staff.SubmitAsync($"/{City}/admin/spaces/lotteries", fields, "#lottery-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var lotteryId = await TestData.WithDbAsync(factory, db => db.Set<Lottery>().IgnoreQueryFilters().Where(l => l.RoomId == room).Select(l => l.Id).SingleAsync());
        return (staff, room, lotteryId, from);
    }

    private async Task<AppUser> EnterAsync(int lotteryId, DateOnly date, string purpose)
    {
        var (browser, user) = await TestData.SignedInAsync(factory);
        (await browser.SubmitAsync($"/{City}/spaces/lotteries/{lotteryId}", new Dictionary<string, string>
        {
            ["Input.Date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Start"] = "13:00",
            ["Input.End"] = "15:00",
            ["Input.Purpose"] = purpose,
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return user;
    }

    private Task<int> CloseEntriesAsync(int lotteryId) => TestData.WithDbAsync(factory, db => db.Set<Lottery>().IgnoreQueryFilters().Where(l => l.Id == lotteryId)
        .ExecuteUpdateAsync(s => s.SetProperty(l => l.EntriesCloseAt, DateTime.UtcNow.AddMinutes(-1))));

    private static Task<HttpResponseMessage> DrawAsync(Browser staff, int lotteryId, Dictionary<string, string>? fields = null) =>
        staff.PostWithTokenAsync($"/{City}/admin/spaces/lotteries", $"/{City}/admin/spaces/lotteries?handler=Draw&id={lotteryId}", fields ?? []);

    private Task<Lottery> LotteryAsync(int id) => TestData.WithDbAsync(factory, db => db.Set<Lottery>().IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == id));

    [Fact]
    public async Task Lottery_PublishesItsSeedsHash_DrawsWithThatSeed_AndAnyoneCanRecomputeTheDrawFromThePage()
    {
        var (staff, room, lotteryId, from) = await OpenLotteryAsync("人気の部屋");

        // While the lottery is open its slots cannot be booked first-come.
        var (first, _) = await TestData.SignedInAsync(factory);
        var refused = await Browser.ParseAsync(await first.SubmitAsync($"/{City}/spaces/book", new Dictionary<string, string>
        {
            ["Input.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
            ["Input.Date"] = from.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Start"] = "10:00",
            ["Input.End"] = "12:00",
            ["Input.Purpose"] = "会議",
            ["Input.Repeat"] = "None",
        }));
        refused.QuerySelector("#Input_Date-error")!.TextContent.ShouldContain("抽選");

        // From the start the page publishes the hash of the seed, and not the seed.
        var url = $"/{City}/spaces/lotteries/{lotteryId}";
        var (_, before) = await Browser.For(factory).GetPageAsync(url);
        var publishedHash = before.QuerySelector("#lottery-seed-hash")!.TextContent.Trim();
        publishedHash.ShouldMatch("^[0-9a-f]{64}$");
        before.QuerySelector("main")!.TextContent.ShouldContain("抽選に使う乱数の種のハッシュ値（SHA-256）");
        before.QuerySelector("#lottery-seed").ShouldBeNull();
        var secret = (await LotteryAsync(lotteryId)).Seed!;
        before.DocumentElement.OuterHtml.ShouldNotContain(secret);

        // Five people want the same slot, one wants another.
        var people = new List<AppUser>();
        for (var i = 0; i < 6; i++) people.Add(await EnterAsync(lotteryId, from.AddDays(i == 5 ? 2 : 1), $"活動{i}"));

        // Drawing before the deadline is refused; then the deadline passes. A seed posted with the draw changes nothing.
        await DrawAsync(staff, lotteryId, new() { ["seed"] = "20261123" });
        (await LotteryAsync(lotteryId)).Status.ShouldBe(LotteryStatus.Open);
        await CloseEntriesAsync(lotteryId);
        (await DrawAsync(staff, lotteryId, new() { ["seed"] = "20261123" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // After the draw the page reveals the seed: it hashes to the hash published before, and it is the one kept from the start.
        var (_, page) = await Browser.For(factory).GetPageAsync(url);
        var seed = page.QuerySelector("#lottery-seed")!.TextContent.Trim();
        seed.ShouldMatch("^[0-9a-f]{64}$");
        Sha256Hex(seed).ShouldBe(publishedHash);
        page.QuerySelector("#lottery-seed-hash")!.TextContent.Trim().ShouldBe(publishedHash);
        seed.ShouldBe(secret);
        var main = page.QuerySelector("main")!.TextContent;
        main.ShouldContain("ハッシュ値と一致しました");
        main.ShouldContain("記録と一致しました");
        main.ShouldNotContain(people[0].Email!);

        // The published order, by entry number, is every entry once, and the documented procedure gives it from the
        // revealed seed and those numbers alone; its winners are the ones booked.
        var logged = LoggedOrder(page);
        var entries = await TestData.WithDbAsync(factory, db => db.Set<LotteryEntry>().IgnoreQueryFilters().AsNoTracking().Where(e => e.LotteryId == lotteryId).ToListAsync());
        logged.Order().ShouldBe(entries.Select(e => e.Id).Order());
        logged.ShouldBe(DocumentedOrder(seed, logged));
        var winners = DocumentedWinners(seed, entries);
        entries.Where(e => e.Result == LotteryResult.Won).Select(e => e.Id).Order().ShouldBe(winners);
        entries.Where(e => e.Result == LotteryResult.Lost).Select(e => e.Id).Order().ShouldBe(entries.Select(e => e.Id).Except(winners).Order());
        winners.Count.ShouldBe(2); // one of the five, and the one alone on her slot
        entries.Single(e => e.UserId == people[5].Id).Result.ShouldBe(LotteryResult.Won);
        var lines = page.QuerySelector("pre.lottery-log")!.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines.Select(l => l.Trim()))
            line.ShouldEndWith(winners.Contains(int.Parse(line.Split('#')[1].Split(' ')[0], CultureInfo.InvariantCulture)) ? "当選" : "落選");
        (await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().CountAsync(b => b.RoomId == room && b.Status == BookingStatus.Provisional))).ShouldBe(2);
        (await TestData.LastMailToAsync(factory, people[5].Email!)).Subject.ShouldContain("抽選の結果");

        // The page's own check program has the seed, the hash and the entry numbers in it.
        var program = page.QuerySelector("pre.lottery-check")!.TextContent;
        program.ShouldContain($"bytes.fromhex(\"{seed}\")");
        program.ShouldContain($"== \"{publishedHash}\"");
        program.ShouldContain($"entries = [{string.Join(", ", logged.Order())}]");

        // The checks are real: a seed changed afterwards no longer matches the published hash, nor the published order.
        var other = LotteryService.NewSeed();
        while (LotteryService.Order(logged, other).SequenceEqual(logged)) other = LotteryService.NewSeed();
        await TestData.WithDbAsync(factory, db => db.Set<Lottery>().IgnoreQueryFilters().Where(l => l.Id == lotteryId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Seed, other)));
        var tampered = (await Browser.For(factory).GetPageAsync(url)).Page.QuerySelector("main")!.TextContent;
        tampered.ShouldContain("公開していたハッシュ値と一致しません");
        tampered.ShouldContain("計算し直した順番が記録と一致しません");
    }

    [Fact]
    public async Task StaffCannotChooseTheSeed_TheFormsHaveNoSeed_AndASeedPostedAnywayChangesNothing()
    {
        var (staff, _, lotteryId, from) = await OpenLotteryAsync("種を選べない部屋",
            new() { ["NewLottery.Seed"] = "20261123", ["Seed"] = "20261123", ["seed"] = "20261123" });
        var (_, admin) = await staff.GetPageAsync($"/{City}/admin/spaces/lotteries");
        admin.QuerySelectorAll("form input, form select, form textarea")
            .Select(i => i.GetAttribute("name") ?? "").Where(n => n.Contains("seed", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
        admin.QuerySelector("main")!.TextContent.ShouldNotContain("乱数の種（空欄");
        admin.QuerySelector($"form[action*='handler=Draw'][action*='id={lotteryId}']").ShouldNotBeNull();

        var opened = await LotteryAsync(lotteryId);
        opened.Seed.ShouldNotBeNull().ShouldMatch("^[0-9a-f]{64}$");
        opened.SeedHash.ShouldBe(Sha256Hex(opened.Seed!));
        opened.SeedHashPublishedAt.ShouldNotBeNull();
        opened.LegacySeed.ShouldBeNull();

        await EnterAsync(lotteryId, from.AddDays(1), "定例会");
        await EnterAsync(lotteryId, from.AddDays(1), "練習");
        await CloseEntriesAsync(lotteryId);
        (await DrawAsync(staff, lotteryId, new() { ["seed"] = "1", ["Seed"] = "1", ["LegacySeed"] = "1" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var drawn = await LotteryAsync(lotteryId);
        drawn.Status.ShouldBe(LotteryStatus.Drawn);
        (drawn.Seed, drawn.SeedHash, drawn.SeedHashPublishedAt, drawn.LegacySeed).ShouldBe((opened.Seed, opened.SeedHash, opened.SeedHashPublishedAt, (int?)null));
        LotteryService.PublishedOrder(drawn.Log!).ShouldBe(DocumentedOrder(opened.Seed!, LotteryService.PublishedOrder(drawn.Log!)));
    }

    [Fact]
    public async Task TheSeed_IsInNoPageExportAuditEntryMailOrLog_BeforeTheDraw_AndOnThePageAfter()
    {
        using var logged = TsunaguFactory.CapturingLogs();
        var room = (await TestData.CreateRoomAsync(logged, City, r => r.Named("秘密の種の部屋"))).Id;
        var staffUser = await TestData.CreateUserAsync(logged, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = Browser.For(logged);
        await staff.SignInAsync(staffUser.Email!);
        var from = Display.Today(TimeProvider.System).AddDays(10);
        (await staff.SubmitAsync($"/{City}/admin/spaces/lotteries", new Dictionary<string, string>
        {
            ["NewLottery.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
            ["NewLottery.Title"] = "秘密の種の抽選",
            ["NewLottery.From"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["NewLottery.To"] = from.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["NewLottery.Closes"] = from.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, "#lottery-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var lottery = await TestData.WithDbAsync(logged, db => db.Set<Lottery>().IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.RoomId == room));
        var url = $"/{City}/spaces/lotteries/{lottery.Id}";
        var (entrant, entrantUser) = await TestData.SignedInAsync(logged);
        (await entrant.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.Date"] = from.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Start"] = "09:00",
            ["Input.End"] = "11:00",
            ["Input.Purpose"] = "発表会の練習",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cityAdminUser = await TestData.CreateUserAsync(logged, u => u.InCity(City, CityRole.CityAdmin).ExemptFromTwoFactor());
        var cityAdmin = Browser.For(logged);
        await cityAdmin.SignInAsync(cityAdminUser.Email!);

        // The seed as stored (hex), in capitals, and its bytes in Base64: none may show anywhere until the draw.
        var secret = lottery.Seed!;
        string[] forms = [secret, secret.ToUpperInvariant(), Convert.ToBase64String(Convert.FromHexString(secret))];
        async Task<List<string>> EverythingShownAsync()
        {
            var shown = new List<string>();
            foreach (var (browser, path) in new[]
                     {
                         (Browser.For(logged), url), (entrant, url), (staff, url), (entrant, $"/{City}/spaces"), (entrant, $"/{City}/spaces/mine"),
                         (entrant, $"/{City}/my"), (staff, $"/{City}/admin/spaces/lotteries"), (staff, $"/{City}/admin/spaces"),
                         (cityAdmin, $"/{City}/admin/audit"), (cityAdmin, $"/{City}/admin/audit?entity=Lottery"), (entrant, "/api/v1/me"),
                     })
                shown.Add($"{path}: {await (await browser.GetAsync(path)).Content.ReadAsStringAsync()}");
            shown.Add("export: " + await (await entrant.PostWithTokenAsync("/account/data", "/account/data", new Dictionary<string, string>())).Content.ReadAsStringAsync());
            shown.AddRange(await TestData.WithDbAsync(logged, db => db.Set<AuditEntry>().Select(a => a.EntityType + " " + a.Changes).ToListAsync()));
            shown.AddRange(await TestData.WithDbAsync(logged, db => db.Set<OutboxMessage>().Select(m => m.Subject + " " + m.Body).ToListAsync()));
            shown.AddRange(logged.Logs!.Lines);
            return shown;
        }

        var beforeClose = await EverythingShownAsync();
        beforeClose.ShouldContain(s => s.Contains(lottery.SeedHash!), "the hash is public from the start");
        beforeClose.ShouldContain(s => s.StartsWith("Lottery ", StringComparison.Ordinal), "the lottery's creation is audited");
        beforeClose.Where(s => forms.Any(f => s.Contains(f, StringComparison.Ordinal))).ShouldBeEmpty();
        await TestData.WithDbAsync(logged, db => db.Set<Lottery>().IgnoreQueryFilters().Where(l => l.Id == lottery.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.EntriesCloseAt, DateTime.UtcNow.AddMinutes(-1))));
        (await EverythingShownAsync()).Where(s => forms.Any(f => s.Contains(f, StringComparison.Ordinal))).ShouldBeEmpty("entries closed, not yet drawn");

        (await staff.PostWithTokenAsync($"/{City}/admin/spaces/lotteries", $"/{City}/admin/spaces/lotteries?handler=Draw&id={lottery.Id}", new Dictionary<string, string>()))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await Browser.For(logged).GetAsync(url)).Content.ReadAsStringAsync()).ShouldContain(secret);
    }

    [Fact]
    public async Task ALotteryDrawnBeforeSeedsWereCommittedTo_StillShowsItsSeed_AndVerifies()
    {
        var cityId = await TestData.CityIdAsync(factory, City);
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("以前の抽選の部屋"))).Id;
        var from = DateTime.UtcNow.AddDays(-30);
        var users = new List<AppUser>();
        for (var i = 0; i < 4; i++) users.Add(await TestData.CreateUserAsync(factory));
        var lotteryId = await TestData.WithDbAsync(factory, async db =>
        {
            var l = new Lottery
            {
                CityId = cityId,
                RoomId = room,
                Title = "以前の抽選",
                From = from,
                To = from.AddDays(7),
                EntriesCloseAt = from.AddDays(-3),
                Status = LotteryStatus.Drawn,
                LegacySeed = 20261123,
                DrawnAt = from.AddDays(-2),
                CreatedAt = from.AddDays(-20),
            };
            db.Add(l);
            await db.SaveChangesAsync();
            var entries = users.Select(u => new LotteryEntry
            {
                CityId = cityId,
                LotteryId = l.Id,
                UserId = u.Id,
                Purpose = "会議",
                StartsAt = from.AddHours(4),
                EndsAt = from.AddHours(6),
                Result = LotteryResult.Lost,
                CreatedAt = from.AddDays(-10),
            }).ToList();
            db.AddRange(entries);
            await db.SaveChangesAsync();
            var order = LotteryService.LegacyOrder(entries.Select(e => e.Id), 20261123);
            l.Log = string.Concat(order.Select((id, i) => $"{i + 1}. #{id} {Display.Span(from.AddHours(4), from.AddHours(6))} {(i == 0 ? "当選" : "落選")}\n"));
            await db.SaveChangesAsync();
            return l.Id;
        });

        var (_, page) = await Browser.For(factory).GetPageAsync($"/{City}/spaces/lotteries/{lotteryId}");
        var main = page.QuerySelector("main")!.TextContent;
        main.ShouldContain("20261123");
        main.ShouldContain("記録と一致しました");
        main.ShouldContain("ハッシュ値を先に公開するようになる前");
        page.QuerySelector("#lottery-seed-hash").ShouldBeNull();
        var kept = await LotteryAsync(lotteryId);
        (kept.Seed, kept.SeedHash, kept.LegacySeed).ShouldBe(((string?)null, (string?)null, (int?)20261123), "a drawn lottery is not given a new seed");
    }

    [Fact]
    public async Task ALotteryOpenedBeforeSeedsWereCommittedTo_GetsOneSeedWhenFirstShown_AndIsDrawnWithIt()
    {
        var cityId = await TestData.CityIdAsync(factory, City);
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("移行中の抽選の部屋"))).Id;
        var from = Display.Today(TimeProvider.System).AddDays(20);
        var lotteryId = await TestData.WithDbAsync(factory, async db =>
        {
            var l = new Lottery
            {
                CityId = cityId,
                RoomId = room,
                Title = "移行前からの抽選",
                From = Display.ToUtc(from, TimeOnly.MinValue),
                To = Display.ToUtc(from.AddDays(7), TimeOnly.MinValue),
                EntriesCloseAt = DateTime.UtcNow.AddDays(3),
                Status = LotteryStatus.Open,
                CreatedAt = DateTime.UtcNow.AddDays(-5),
            };
            db.Add(l);
            await db.SaveChangesAsync();
            return l.Id;
        });
        var url = $"/{City}/spaces/lotteries/{lotteryId}";

        // Many people open the page at once: one seed is kept, and all of them are shown its hash.
        var hashes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            (await Browser.For(factory).GetPageAsync(url)).Page.QuerySelector("#lottery-seed-hash")!.TextContent.Trim()));
        var committed = await LotteryAsync(lotteryId);
        committed.Seed.ShouldNotBeNull();
        hashes.Distinct().ShouldBe([Sha256Hex(committed.Seed!)]);
        committed.SeedHashPublishedAt.ShouldNotBeNull();

        await EnterAsync(lotteryId, from.AddDays(1), "定例会");
        await CloseEntriesAsync(lotteryId);
        var staffUser = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = Browser.For(factory);
        await staff.SignInAsync(staffUser.Email!);
        (await DrawAsync(staff, lotteryId)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await Browser.For(factory).GetPageAsync(url);
        Sha256Hex(page.QuerySelector("#lottery-seed")!.TextContent.Trim()).ShouldBe(hashes[0]);
    }

    [Fact]
    public async Task AGroupsAdministrator_EntersForTheGroup_AndTheWinningBookingIsTheGroups_ButNotForAnotherGroup()
    {
        var cityId = await TestData.CityIdAsync(factory, City);
        var room = (await TestData.CreateRoomAsync(factory, City, r => r.Named("団体の抽選の部屋"))).Id;
        var from = Display.Today(TimeProvider.System).AddDays(20);
        var lotteryId = await TestData.WithDbAsync(factory, async db =>
        {
            var seed = LotteryService.NewSeed();
            var l = new Lottery
            {
                CityId = cityId,
                RoomId = room,
                Title = "団体も申し込める抽選",
                From = Display.ToUtc(from, TimeOnly.MinValue),
                To = Display.ToUtc(from.AddDays(7), TimeOnly.MinValue),
                EntriesCloseAt = DateTime.UtcNow.AddDays(3),
                Status = LotteryStatus.Open,
                Seed = seed,
                SeedHash = LotteryService.HashOfSeed(seed),
                SeedHashPublishedAt = DateTime.UtcNow,
                CreatedAt = DateTime.UtcNow,
            };
            db.Add(l);
            await db.SaveChangesAsync();
            return l.Id;
        });
        var (leader, leaderUser) = await TestData.SignedInAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(leaderUser))).Id;
        var otherAdmin = await TestData.CreateUserAsync(factory);
        var otherGroup = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(otherAdmin))).Id;
        var url = $"/{City}/spaces/lotteries/{lotteryId}";
        var (_, form) = await leader.GetPageAsync(url);
        form.QuerySelectorAll("select#Input_GroupId option").Select(o => o.GetAttribute("value")).ShouldBe(["", groupId.ToString(CultureInfo.InvariantCulture)]);
        Dictionary<string, string> Entry(int group) => new()
        {
            ["Input.GroupId"] = group.ToString(CultureInfo.InvariantCulture),
            ["Input.Date"] = from.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Start"] = "10:00",
            ["Input.End"] = "12:00",
            ["Input.Purpose"] = "定例会",
        };

        var refused = await Browser.ParseAsync(await leader.SubmitAsync(url, Entry(otherGroup)));
        refused.QuerySelector("#Input_GroupId-error")!.TextContent.ShouldContain("管理者になっている登録団体");
        (await leader.SubmitAsync(url, Entry(groupId))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var entries = await TestData.WithDbAsync(factory, db => db.Set<LotteryEntry>().IgnoreQueryFilters().Where(e => e.LotteryId == lotteryId).ToListAsync());
        entries.ShouldHaveSingleItem().GroupId.ShouldBe(groupId);

        await CloseEntriesAsync(lotteryId);
        var staffUser = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = Browser.For(factory);
        await staff.SignInAsync(staffUser.Email!);
        (await DrawAsync(staff, lotteryId)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var booking = await TestData.WithDbAsync(factory, db => db.Set<Booking>().IgnoreQueryFilters().SingleAsync(b => b.RoomId == room));
        booking.GroupId.ShouldBe(groupId);
    }
}

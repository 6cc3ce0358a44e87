using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Spaces;

/// <summary>Lockers and mailboxes rented by registered groups for a fiscal year (issue 6).</summary>
public class LockerTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "yamaguchi";
    private const string Mine = $"/{City}/spaces/lockers/mine";
    private const string Counter = $"/{City}/admin/spaces/lockers";

    private static int ThisYear => FiscalYear.Of(Display.Today(TimeProvider.System)).StartYear;

    /// <summary>Lockers with labels unique to the test (the class shares one database).</summary>
    private async Task<List<Locker>> LockersAsync(params (LockerKind Kind, int Fee)[] specs)
    {
        var prefix = Guid.NewGuid().ToString("N")[..6];
        var lockers = new List<Locker>();
        foreach (var (s, i) in specs.Select((s, i) => (s, i)))
            lockers.Add(await TestData.CreateLockerAsync(factory, City, l => l.Labelled($"{prefix}-{i + 1}").OfKind(s.Kind).Costing(s.Fee).WithNotes("幅30cm")));
        return lockers;
    }

    /// <summary>A signed-in administrator of a new approved group.</summary>
    private async Task<(Browser Browser, AppUser User, int GroupId)> LeaderAsync()
    {
        var user = await TestData.CreateUserAsync(factory);
        var group = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(user))).Id;
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, user, group);
    }

    private async Task<(Browser Browser, AppUser User)> StaffAsync()
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, user);
    }

    private static Dictionary<string, string> Application(int? group, LockerKind? kind, int? year, int? locker = null) => new()
    {
        ["Input.GroupId"] = group?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["Input.Kind"] = kind?.ToString() ?? "",
        ["Input.FiscalYear"] = year?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["Input.LockerId"] = locker?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["Input.Note"] = "",
    };

    private static Task<HttpResponseMessage> ApplyAsync(Browser browser, int? group, LockerKind? kind, int? year, int? locker = null) =>
        browser.SubmitAsync(Mine, Application(group, kind, year, locker), "#apply-form");

    private static Task<HttpResponseMessage> StaffPostAsync(Browser staff, string handler, int id, Dictionary<string, string>? fields = null) =>
        staff.PostWithTokenAsync(Counter, $"{Counter}?handler={handler}&id={id}", fields ?? []);

    private Task<List<LockerRental>> RentalsOfGroupAsync(int groupId) =>
        TestData.WithDbAsync(factory, db => db.Set<LockerRental>().IgnoreQueryFilters().Where(r => r.GroupId == groupId).OrderBy(r => r.Id).ToListAsync());

    private static int FreeLockersThisYear(AngleSharp.Html.Dom.IHtmlDocument page) =>
        int.Parse(page.QuerySelectorAll("table:has(#free-caption) tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent == "ロッカー").QuerySelectorAll("td")[1].TextContent, CultureInfo.InvariantCulture);

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }

    /// <summary>Applies through the locker service as a request on <paramref name="day"/> (Japan time) would.</summary>
    private async Task<Result<LockerRental>> ApplyOnAsync(DateOnly day, string userId, LockerService.Application a)
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<Tsunagu.Web.Data.TsunaguDb>();
        var city = services.GetRequiredService<Tsunagu.Web.Tenancy.CurrentCity>();
        city.Set(await db.Cities.SingleAsync(c => c.Slug == City));
        var service = new LockerService(db, services.GetRequiredService<Tsunagu.Web.Email.Outbox>(), services.GetRequiredService<Tsunagu.Web.Email.PublicLinks>(), city,
            services.GetRequiredService<Tsunagu.Web.Localization.Text>(), new FixedClock(Display.ToUtc(day, new TimeOnly(10, 0))));
        return await service.ApplyAsync(userId, a);
    }

    [Fact]
    public async Task ThisYearsGroup_HasItsLockerForNextYear_UntilTheEndOfFebruary_ThenAnyoneMayPickIt()
    {
        var locker = (await LockersAsync((LockerKind.Locker, 3000)))[0];
        var (_, holderUser, holder) = await LeaderAsync();
        var (_, otherUser, other) = await LeaderAsync();
        const int year = 2030; // fiscal 2030: April 2030 to March 2031, whatever today is
        var cityId = await TestData.CityIdAsync(factory, City);
        await TestData.WithDbAsync(factory, async db =>
        {
            db.Add(new LockerRental
            {
                CityId = cityId,
                GroupId = holder,
                Kind = LockerKind.Locker,
                FiscalYear = year,
                LockerId = locker.Id,
                FeeYen = 3000,
                Status = LockerRentalStatus.Confirmed,
                AppliedAt = DateTime.UtcNow,
                ConfirmedAt = DateTime.UtcNow
            });
            return await db.SaveChangesAsync();
        });
        var next = new LockerService.Application(other, LockerKind.Locker, year + 1, locker.Id, null);

        var (_, refused) = await ApplyOnAsync(new DateOnly(2031, 2, 28), otherUser.Id, next);
        refused.ShouldHaveSingleItem().Field.ShouldBe("LockerId");
        refused[0].Message.ShouldContain("令和13年2月28日（金）まで優先しています");

        var (renewed, renewal) = await ApplyOnAsync(new DateOnly(2031, 2, 28), holderUser.Id, next with { GroupId = holder });
        renewal.ShouldBeEmpty();
        renewed!.LockerId.ShouldBe(locker.Id);
    }

    [Fact]
    public async Task AfterFebruary_ALockerThisYearsGroupDidNotRenew_IsOpenToOthers()
    {
        var locker = (await LockersAsync((LockerKind.Locker, 3000)))[0];
        var (_, _, holder) = await LeaderAsync();
        var (_, otherUser, other) = await LeaderAsync();
        const int year = 2032;
        var cityId = await TestData.CityIdAsync(factory, City);
        await TestData.WithDbAsync(factory, async db =>
        {
            db.Add(new LockerRental
            {
                CityId = cityId,
                GroupId = holder,
                Kind = LockerKind.Locker,
                FiscalYear = year,
                LockerId = locker.Id,
                FeeYen = 3000,
                Status = LockerRentalStatus.Confirmed,
                AppliedAt = DateTime.UtcNow,
                ConfirmedAt = DateTime.UtcNow
            });
            return await db.SaveChangesAsync();
        });
        var (rental, problems) = await ApplyOnAsync(new DateOnly(2033, 3, 1), otherUser.Id, new LockerService.Application(other, LockerKind.Locker, year + 1, locker.Id, null));
        problems.ShouldBeEmpty();
        rental!.GroupId.ShouldBe(other);
    }

    [Fact]
    public async Task Group_Applies_StaffAssignAndConfirmPayment_TheLeaderIsEmailed_AndThePublicPageCountsItWithoutTheGroup()
    {
        var lockers = await LockersAsync((LockerKind.Locker, 3000), (LockerKind.Locker, 6000), (LockerKind.Mailbox, 1200));
        var (leader, leaderUser, groupId) = await LeaderAsync();
        var groupName = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync());
        var visitor = Browser.For(factory);
        var (_, before) = await visitor.GetPageAsync($"/{City}/spaces/lockers");
        var freeBefore = FreeLockersThisYear(before);

        (await ApplyAsync(leader, groupId, LockerKind.Locker, ThisYear)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var rental = (await RentalsOfGroupAsync(groupId)).ShouldHaveSingleItem();
        rental.Status.ShouldBe(LockerRentalStatus.Applied);
        rental.LockerId.ShouldBeNull();
        rental.ApplicantUserId.ShouldBe(leaderUser.Id);

        var (staff, staffUser) = await StaffAsync();
        var (_, counter) = await staff.GetPageAsync(Counter);
        counter.QuerySelector("#waiting")!.TextContent.ShouldContain("1件");
        counter.QuerySelector("main")!.TextContent.ShouldContain(groupName);
        // Confirming before a number is assigned is refused.
        (await StaffPostAsync(staff, "Confirm", rental.Id, new() { ["paidOn"] = Display.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RentalsOfGroupAsync(groupId)).Single().Status.ShouldBe(LockerRentalStatus.Applied);

        (await StaffPostAsync(staff, "Assign", rental.Id, new() { ["lockerId"] = lockers[1].Id.ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        rental = (await RentalsOfGroupAsync(groupId)).Single();
        rental.LockerId.ShouldBe(lockers[1].Id);
        rental.FeeYen.ShouldBe(6000);
        var (_, after) = await visitor.GetPageAsync($"/{City}/spaces/lockers");
        FreeLockersThisYear(after).ShouldBe(freeBefore - 1);
        after.QuerySelector("main")!.TextContent.ShouldNotContain(groupName);
        after.QuerySelectorAll("table:has(#list-caption) tbody tr").Single(tr => tr.TextContent.Contains(lockers[1].Label)).TextContent.ShouldContain("貸出中");

        // A future payment date is refused; today's confirms the rental and e-mails the leader.
        (await StaffPostAsync(staff, "Confirm", rental.Id, new() { ["paidOn"] = Display.Today(TimeProvider.System).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RentalsOfGroupAsync(groupId)).Single().Status.ShouldBe(LockerRentalStatus.Applied);
        var paid = Display.Today(TimeProvider.System);
        (await StaffPostAsync(staff, "Confirm", rental.Id, new() { ["paidOn"] = paid.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        rental = (await RentalsOfGroupAsync(groupId)).Single();
        rental.Status.ShouldBe(LockerRentalStatus.Confirmed);
        rental.PaidOn.ShouldBe(paid);
        var mail = await TestData.LastMailToAsync(factory, leaderUser.Email!);
        mail.Subject.ShouldContain("ロッカーの利用が決まりました");
        mail.Body.ShouldContain(lockers[1].Label);
        mail.Body.ShouldContain("6,000円");

        // Staff changes are audited under the staff member's name.
        var audit = await TestData.WithDbAsync(factory, db => db.AuditEntries.Where(e => e.EntityType == nameof(LockerRental) && e.EntityKey == rental.Id.ToString(CultureInfo.InvariantCulture) && e.Action == "update")
            .Select(e => new { e.UserId, e.Changes }).ToListAsync());
        audit.Count.ShouldBe(2);
        audit.ShouldAllBe(e => e.UserId == staffUser.Id);
        audit[1].Changes.ShouldContain("Confirmed");

        var (_, mine) = await leader.GetPageAsync(Mine);
        mine.QuerySelector("#rental-list")!.TextContent.ShouldContain("確定（支払い済み）");
        mine.QuerySelector("#rental-list")!.TextContent.ShouldContain(lockers[1].Label);
        // Paid: the leader can no longer cancel it online.
        mine.QuerySelectorAll("form[action*=Cancel]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Application_AgainstTheRules_IsRefusedNextToTheField_AndNothingIsWritten()
    {
        var lockers = await LockersAsync((LockerKind.Locker, 3000), (LockerKind.Mailbox, 1200));
        var (leader, _, groupId) = await LeaderAsync();
        var (_, _, otherGroup) = await LeaderAsync();

        async Task RefusedAsync(Dictionary<string, string> form, string field, string message)
        {
            var response = await leader.SubmitAsync(Mine, form, "#apply-form");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = await Browser.ParseAsync(response);
            page.QuerySelector($"#Input_{field}-error")!.TextContent.ShouldContain(message);
            page.QuerySelector(".error-summary")!.TextContent.ShouldContain(message);
        }

        await RefusedAsync(Application(groupId, null, ThisYear), "Kind", "ロッカーかレターケースかを選んでください");
        await RefusedAsync(Application(groupId, LockerKind.Locker, ThisYear + 2), "FiscalYear", "申し込めるのは");
        await RefusedAsync(Application(groupId, LockerKind.Locker, ThisYear - 1), "FiscalYear", "申し込めるのは");
        await RefusedAsync(Application(otherGroup, LockerKind.Locker, ThisYear), "GroupId", "管理者になっている登録団体");
        await RefusedAsync(Application(groupId, LockerKind.Locker, ThisYear, lockers[1].Id), "LockerId", "この種類では申し込めません");
        var tooLong = Application(groupId, LockerKind.Locker, ThisYear);
        tooLong["Input.Note"] = new string('あ', 201);
        await RefusedAsync(tooLong, "Note", "200文字以内");
        (await RentalsOfGroupAsync(groupId)).ShouldBeEmpty();

        // One per kind and year: a second locker is refused, a mailbox and next year's locker are not.
        (await ApplyAsync(leader, groupId, LockerKind.Locker, ThisYear, lockers[0].Id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await RefusedAsync(Application(groupId, LockerKind.Locker, ThisYear), "Kind", "すでに申し込んでいます");
        (await ApplyAsync(leader, groupId, LockerKind.Mailbox, ThisYear)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ApplyAsync(leader, groupId, LockerKind.Locker, ThisYear + 1)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RentalsOfGroupAsync(groupId)).Count.ShouldBe(3);

        // A locker another group holds this year is refused to a third group, by name of the year and the number.
        var (third, _, thirdGroup) = await LeaderAsync();
        var response = await ApplyAsync(third, thirdGroup, LockerKind.Locker, ThisYear, lockers[0].Id);
        (await Browser.ParseAsync(response)).QuerySelector("#Input_LockerId-error")!.TextContent.ShouldContain($"「{lockers[0].Label}」は、すでにほかの団体に貸し出しています");
        (await RentalsOfGroupAsync(thirdGroup)).ShouldBeEmpty();

        // Someone who administers no group is told who may apply, and cannot apply by posting anyway.
        var citizen = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.SignInAsync(citizen.Email!);
        var (_, page) = await browser.GetPageAsync(Mine);
        page.QuerySelector("main")!.TextContent.ShouldContain("申し込めるのは、登録団体の管理者だけです");
        var posted = await browser.PostWithTokenAsync($"/{City}/spaces/book", Mine, Application(groupId, LockerKind.Mailbox, ThisYear + 1));
        // No form is offered to them, so the error summary says it.
        (await Browser.ParseAsync(posted)).QuerySelector(".error-summary")!.TextContent.ShouldContain("管理者になっている登録団体");
        (await RentalsOfGroupAsync(groupId)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task OneGroup_CannotSeeNorCancelNorRenewAnotherGroupsRental()
    {
        var lockers = await LockersAsync((LockerKind.Locker, 3000));
        var (a, _, groupA) = await LeaderAsync();
        var (b, _, _) = await LeaderAsync();
        (await ApplyAsync(a, groupA, LockerKind.Locker, ThisYear, lockers[0].Id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var rental = (await RentalsOfGroupAsync(groupA)).Single();
        var nameA = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == groupA).Select(g => g.Name).SingleAsync());

        var (_, page) = await b.GetPageAsync(Mine);
        page.QuerySelector("#rental-list")!.TextContent.ShouldNotContain(nameA);
        page.QuerySelectorAll("#rental-list li").ShouldBeEmpty();
        (await b.PostWithTokenAsync(Mine, $"{Mine}?handler=Cancel&id={rental.Id}", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostWithTokenAsync(Mine, $"{Mine}?handler=Renew&id={rental.Id}", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await RentalsOfGroupAsync(groupA)).ShouldHaveSingleItem().Status.ShouldBe(LockerRentalStatus.Applied);

        // The group's own leader cancels the unpaid application; the locker is free again.
        (await a.PostWithTokenAsync(Mine, $"{Mine}?handler=Cancel&id={rental.Id}", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RentalsOfGroupAsync(groupA)).Single().Status.ShouldBe(LockerRentalStatus.Cancelled);
        var (c, _, groupC) = await LeaderAsync();
        (await ApplyAsync(c, groupC, LockerKind.Locker, ThisYear, lockers[0].Id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task TwelveGroups_PickingTheSameLockerAtOnce_OnlyOneGetsIt_AndTheOthersAreToldWhy()
    {
        var locker = (await LockersAsync((LockerKind.Locker, 3000))).Single();
        var leaders = new List<(Browser Browser, int Group, string Token)>();
        for (var i = 0; i < 12; i++)
        {
            var (browser, _, group) = await LeaderAsync();
            var (_, page) = await browser.GetPageAsync(Mine);
            leaders.Add((browser, group, page.QuerySelector("#apply-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        }
        var results = await Task.WhenAll(leaders.Select(async l =>
        {
            var fields = Application(l.Group, LockerKind.Locker, ThisYear, locker.Id);
            fields["__RequestVerificationToken"] = l.Token;
            var response = await l.Browser.Client.PostAsync(Mine, new FormUrlEncodedContent(fields));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        results.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBe(1, string.Join("\n", results.Where(r => r.StatusCode != HttpStatusCode.OK).Select(r => r.StatusCode.ToString())));
        results.Where(r => r.StatusCode != HttpStatusCode.Redirect).ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK && r.Body.Contains("すでにほかの団体に貸し出しています"));
        (await TestData.WithDbAsync(factory, db => db.Set<LockerRental>().IgnoreQueryFilters().CountAsync(r => r.LockerId == locker.Id && r.Status != LockerRentalStatus.Cancelled)))
            .ShouldBe(1);
    }

    [Fact]
    public async Task StaffAssigningOneLockerToTenApplicationsAtOnce_GiveItToExactlyOne()
    {
        var locker = (await LockersAsync((LockerKind.Mailbox, 1200))).Single();
        var rentals = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            var (leader, _, group) = await LeaderAsync();
            (await ApplyAsync(leader, group, LockerKind.Mailbox, ThisYear + 1)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            rentals.Add((await RentalsOfGroupAsync(group)).Single().Id);
        }
        var (staff, _) = await StaffAsync();
        var (_, page) = await staff.GetPageAsync(Counter);
        var token = page.QuerySelector("main form[action*=Assign] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var results = await Task.WhenAll(rentals.Select(id => staff.Client.PostAsync($"{Counter}?handler=Assign&id={id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["lockerId"] = locker.Id.ToString(CultureInfo.InvariantCulture), ["__RequestVerificationToken"] = token }))));
        results.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<LockerRental>().IgnoreQueryFilters().CountAsync(r => rentals.Contains(r.Id) && r.LockerId == locker.Id)))
            .ShouldBe(1);
    }

    [Fact]
    public async Task TheDatabaseItself_RefusesASecondLiveRental_OfALockerForAYear_AndASecondOfAKindForAGroup()
    {
        var lockers = await LockersAsync((LockerKind.Locker, 3000), (LockerKind.Locker, 3000));
        var (_, _, g1) = await LeaderAsync();
        var (_, _, g2) = await LeaderAsync();
        var cityId = await TestData.CityIdAsync(factory, City);
        LockerRental Rental(int group, int locker, int year, LockerRentalStatus status = LockerRentalStatus.Applied) => new()
        {
            CityId = cityId,
            GroupId = group,
            Kind = LockerKind.Locker,
            FiscalYear = year,
            LockerId = locker,
            Status = status,
            AppliedAt = DateTime.UtcNow,
        };
        async Task<bool> SavesAsync(LockerRental r) => await TestData.WithDbAsync(factory, async db =>
        {
            db.Add(r);
            try { await db.SaveChangesAsync(); return true; }
            catch (DbUpdateException) { return false; }
        });

        (await SavesAsync(Rental(g1, lockers[0].Id, ThisYear, LockerRentalStatus.Cancelled))).ShouldBeTrue();
        (await SavesAsync(Rental(g1, lockers[0].Id, ThisYear, LockerRentalStatus.Confirmed))).ShouldBeTrue();
        (await SavesAsync(Rental(g2, lockers[0].Id, ThisYear))).ShouldBeFalse();    // the locker, same year
        (await SavesAsync(Rental(g2, lockers[0].Id, ThisYear + 1))).ShouldBeTrue(); // next year is another rental
        (await SavesAsync(Rental(g1, lockers[1].Id, ThisYear))).ShouldBeFalse();    // the group's second locker this year
    }

    [Fact]
    public async Task AtYearEnd_StaffSeeWhoRenews_AndALeaderRenewsTheSameNumber()
    {
        var lockers = await LockersAsync((LockerKind.Locker, 3000), (LockerKind.Locker, 3000));
        var (staff, _) = await StaffAsync();
        var groups = new List<(Browser Browser, int Group, int Rental)>();
        foreach (var locker in lockers)
        {
            var (leader, _, group) = await LeaderAsync();
            (await ApplyAsync(leader, group, LockerKind.Locker, ThisYear, locker.Id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var rental = (await RentalsOfGroupAsync(group)).Single().Id;
            (await StaffPostAsync(staff, "Confirm", rental, new() { ["paidOn"] = Display.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            groups.Add((leader, group, rental));
        }
        var (first, firstGroup, firstRental) = groups[0];
        var (_, mine) = await first.GetPageAsync(Mine);
        mine.QuerySelector("form[action*=Renew] button")!.TextContent.ShouldBe("来年度も同じ番号で申し込む");
        (await first.PostWithTokenAsync(Mine, $"{Mine}?handler=Renew&id={firstRental}", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var next = (await RentalsOfGroupAsync(firstGroup)).Single(r => r.FiscalYear == ThisYear + 1);
        next.LockerId.ShouldBe(lockers[0].Id);
        next.Status.ShouldBe(LockerRentalStatus.Applied);
        (await first.GetPageAsync(Mine)).Page.QuerySelectorAll("form[action*=Renew]").ShouldBeEmpty();

        var (_, counter) = await staff.GetPageAsync(Counter);
        var renewals = counter.QuerySelector("#renewals + p + .table-wrap")!;
        renewals.QuerySelectorAll("tr").Single(tr => tr.TextContent.Contains(lockers[0].Label)).TextContent.ShouldContain("同じ番号");
        renewals.QuerySelectorAll("tr").Single(tr => tr.TextContent.Contains(lockers[1].Label)).TextContent.ShouldContain("申し込みなし");
    }

    [Fact]
    public async Task Staff_AddAndChangeLockers_WithClearMessages_AndEveryChangeIsAudited()
    {
        var (staff, staffUser) = await StaffAsync();
        var label = $"Z{Guid.NewGuid():N}"[..8];
        async Task<HttpResponseMessage> SaveAsync(Dictionary<string, string> fields, string url = Counter) =>
            await staff.SubmitAsync(url, fields, "main form[action*=Locker]");

        var bad = await Browser.ParseAsync(await SaveAsync(new() { ["Edit.Label"] = "", ["Edit.Kind"] = "", ["Edit.AnnualFeeYen"] = "-5", ["Edit.Notes"] = "" }));
        bad.QuerySelector("#Edit_Label-error")!.TextContent.ShouldContain("番号を入力してください");
        bad.QuerySelector("#Edit_Kind-error")!.TextContent.ShouldContain("ロッカーかレターケース");
        bad.QuerySelector("#Edit_AnnualFeeYen-error")!.TextContent.ShouldContain("0〜1,000,000円");

        (await SaveAsync(new() { ["Edit.Label"] = label, ["Edit.Kind"] = "Mailbox", ["Edit.AnnualFeeYen"] = "1500", ["Edit.Notes"] = "A4" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var duplicate = await Browser.ParseAsync(await SaveAsync(new() { ["Edit.Label"] = label, ["Edit.Kind"] = "Locker", ["Edit.AnnualFeeYen"] = "1500" }));
        duplicate.QuerySelector("#Edit_Label-error")!.TextContent.ShouldContain($"番号「{label}」はすでにあります");

        var locker = await TestData.WithDbAsync(factory, db => db.Set<Locker>().IgnoreQueryFilters().SingleAsync(l => l.Label == label));
        locker.Kind.ShouldBe(LockerKind.Mailbox);
        locker.AnnualFeeYen.ShouldBe(1500);
        (await SaveAsync(new() { ["Edit.Label"] = label, ["Edit.Kind"] = "Mailbox", ["Edit.AnnualFeeYen"] = "1800", ["Edit.Notes"] = "A4", ["Edit.Active"] = "false" }, $"{Counter}?edit={locker.Id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        locker = await TestData.WithDbAsync(factory, db => db.Set<Locker>().IgnoreQueryFilters().SingleAsync(l => l.Id == locker.Id));
        locker.AnnualFeeYen.ShouldBe(1800);
        locker.Active.ShouldBeFalse();
        (await Browser.For(factory).GetPageAsync($"/{City}/spaces/lockers")).Page.QuerySelector("main")!.TextContent.ShouldNotContain(label);

        var audit = await TestData.WithDbAsync(factory, db => db.AuditEntries.Where(e => e.EntityType == nameof(Locker) && e.EntityKey == locker.Id.ToString(CultureInfo.InvariantCulture)).OrderBy(e => e.Id).ToListAsync());
        audit.Select(e => e.Action).ShouldBe(["create", "update"]);
        audit.ShouldAllBe(e => e.UserId == staffUser.Id);
    }
}

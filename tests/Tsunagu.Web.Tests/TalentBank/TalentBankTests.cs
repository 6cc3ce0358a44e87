using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.TalentBank;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.TalentBank;

public class TalentBankTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "nagato";
    private const string RegistrantPhone = "083-231-9876";

    private sealed record Person(string Id, string Email);

    private async Task<(Browser Browser, Person User)> SignedInAsync(Action<TestData.UserSpec>? configure = null)
    {
        var user = await TestData.CreateUserAsync(factory, configure);
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, new Person(user.Id, user.Email!));
    }

    private Task<(Browser Browser, Person User)> StaffAsync(string city = City) =>
        SignedInAsync(u => u.InCity(city, CityRole.CentreStaff).ExemptFromTwoFactor());

    private static Dictionary<string, string> Registration(string name, string subjects = "家庭でできる防災と避難所運営ゲーム") => new()
    {
        ["Input.Kind"] = "Instructor",
        ["Input.DisplayName"] = name,
        ["Input.Subjects"] = subjects,
        ["Input.Fields"] = "8",
        ["Input.Profile"] = "防災士として地域で講座を続けています。",
        ["Input.FeeText"] = "1回5,000円",
        ["Input.FeeYen"] = "5000",
        ["Input.CityWide"] = "true",
        ["Input.Times"] = "土日の午前",
        ["Input.ContactPhone"] = RegistrantPhone,
    };

    private async Task<int> RegisterAsync(Browser browser, string name, string city = City)
    {
        var response = await browser.SubmitAsync($"/{city}/talent/register", Registration(name), "main form[novalidate]");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await TestData.WithDbAsync(factory, db => db.Set<TalentEntry>().IgnoreQueryFilters().Where(e => e.DisplayName == name).Select(e => e.Id).SingleAsync());
    }

    private static async Task PublishAsync(Browser staff, int id, string city = City) =>
        (await staff.SubmitAsync($"/{city}/admin/talent", new Dictionary<string, string> { ["status"] = "Published" }, $"#entry-{id} form:has(input[value=Published])"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

    private async Task<(int EntryId, string Name, Person Registrant)> PublishedEntryAsync(string city = City)
    {
        var (registrant, user) = await SignedInAsync();
        var name = $"防災講師{Guid.NewGuid():N}"[..12];
        var id = await RegisterAsync(registrant, name, city);
        await PublishAsync((await StaffAsync(city)).Browser, id, city);
        return (id, name, user);
    }

    private static Dictionary<string, string> Request(string purpose = "自治会の防災研修で話してほしい") => new()
    {
        ["Input.Purpose"] = purpose,
        ["Input.PreferredDates"] = "11月の土曜日の午前",
        ["Input.Participants"] = "30",
        ["Input.Message"] = "公民館の和室を使います。",
    };

    [Fact]
    public async Task Registration_IsPendingAndHidden_UntilStaffPublish_ThenSearchable()
    {
        var (registrant, _) = await SignedInAsync();
        var staff = await StaffAsync();
        var name = $"手話の先生{Guid.NewGuid():N}"[..12];
        var id = await RegisterAsync(registrant, name);
        (await TestData.LastMailToAsync(factory, staff.User.Email)).Subject.ShouldContain("人材バンクの登録を確認");

        var visitor = Browser.For(factory);
        (await visitor.GetAsync($"/{City}/talent/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await visitor.GetPageAsync($"/{City}/talent?q={Uri.EscapeDataString(name)}")).Page.QuerySelectorAll("main .card").ShouldBeEmpty();
        var (_, mine) = await registrant.GetPageAsync($"/{City}/talent/register");
        mine.QuerySelector("main")!.TextContent.ShouldContain("確認待ち");

        await PublishAsync(staff.Browser, id);
        (await TestData.LastMailToAsync(factory, (await TestData.WithDbAsync(factory, db => db.Users.Where(u => db.Set<TalentEntry>().IgnoreQueryFilters().Any(e => e.Id == id && e.UserId == u.Id)).Select(u => u.Email).SingleAsync()))!))
            .Subject.ShouldContain("掲載しました");
        var (_, found) = await visitor.GetPageAsync($"/{City}/talent?q={Uri.EscapeDataString("防災　" + name)}&field=8");
        found.QuerySelector($"main .card a[href='/{City}/talent/{id}']").ShouldNotBeNull();
        // Katakana is stored folded to hiragana, so either finds it, as in the group directory.
        var (_, kana) = await visitor.GetPageAsync($"/{City}/talent?q={Uri.EscapeDataString("げーむ " + name)}&kind=Instructor");
        kana.QuerySelector($"main .card a[href='/{City}/talent/{id}']").ShouldNotBeNull();
        var (_, byDistrict) = await visitor.GetPageAsync($"/{City}/talent?q={Uri.EscapeDataString(name)}&district={await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().Where(d => db.Cities.Any(c => c.Id == d.CityId && c.Slug == City)).Select(d => d.Id).FirstAsync())}");
        byDistrict.QuerySelector($"main .card a[href='/{City}/talent/{id}']").ShouldNotBeNull("a city-wide entry is found from every district");
        var (_, advisers) = await visitor.GetPageAsync($"/{City}/talent?q={Uri.EscapeDataString(name)}&kind=Adviser");
        advisers.QuerySelector($"main .card a[href='/{City}/talent/{id}']").ShouldBeNull();
        (await visitor.GetAsync($"/{City}/talent/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var audit = await TestData.WithDbAsync(factory, db => db.AuditEntries.Where(a => a.EntityType == nameof(TalentEntry) && a.EntityKey == id.ToString(CultureInfo.InvariantCulture) && a.Action == "update")
            .OrderByDescending(a => a.Id).FirstAsync());
        audit.Changes.ShouldContain("Published");
    }

    [Fact]
    public async Task Registrant_Withdraws_AndTheEntryLeavesThePublicBank()
    {
        var (registrant, _) = await SignedInAsync();
        var name = $"パソコン{Guid.NewGuid():N}"[..12];
        var id = await RegisterAsync(registrant, name);
        var staff = await StaffAsync();
        await PublishAsync(staff.Browser, id);
        (await registrant.SubmitAsync($"/{City}/talent/register", new Dictionary<string, string>(), $"main form[action*='handler=Withdraw']"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Browser.For(factory).GetAsync($"/{City}/talent/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The centre cannot put it back against the person's wish; registering again does.
        (await staff.Browser.PostWithTokenAsync($"/{City}/admin/talent", $"/{City}/admin/talent?handler=Entry&id={id}", new Dictionary<string, string> { ["status"] = "Published" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<TalentEntry>().IgnoreQueryFilters().SingleAsync(e => e.Id == id))).Status.ShouldBe(TalentStatus.Withdrawn);
    }

    [Fact]
    public async Task Request_GoesToTheCentre_AndTheRequesterFollowsItsStatus()
    {
        var (entryId, name, registrant) = await PublishedEntryAsync();
        var staff = await StaffAsync();
        var (requester, requesterUser) = await SignedInAsync();

        var response = await requester.SubmitAsync($"/{City}/talent/{entryId}/request", Request());
        response.Headers.Location!.OriginalString.ShouldBe($"/{City}/talent/requests");
        var toCentre = await TestData.LastMailToAsync(factory, staff.User.Email);
        toCentre.Subject.ShouldContain("依頼がありました");
        toCentre.Body.ShouldContain("自治会の防災研修");
        TestData.FirstLink(toCentre.Body).ShouldStartWith($"/{City}/admin/talent");
        (await TestData.LastMailToAsync(factory, requesterUser.Email)).Subject.ShouldContain("依頼を受け付けました");
        var (mineResponse, mine) = await requester.GetPageAsync($"/{City}/talent/requests");
        mineResponse.StatusCode.ShouldBe(HttpStatusCode.OK, await mineResponse.Content.ReadAsStringAsync());
        mine.QuerySelector("main")!.TextContent.ShouldContain(name);
        mine.QuerySelector("main .tag")!.TextContent.ShouldBe("受付");

        var requestId = await TestData.WithDbAsync(factory, db => db.Set<TalentRequest>().IgnoreQueryFilters().Where(r => r.RequesterUserId == requesterUser.Id).Select(r => r.Id).SingleAsync());
        var (_, desk) = await staff.Browser.GetPageAsync($"/{City}/admin/talent");
        var card = desk.QuerySelector($"#request-{requestId}")!.TextContent;
        card.ShouldContain(registrant.Email);
        card.ShouldContain(RegistrantPhone);
        card.ShouldContain(requesterUser.Email);

        (await staff.Browser.SubmitAsync($"/{City}/admin/talent", new Dictionary<string, string> { ["Update.Status"] = "Forwarded", ["Update.Note"] = "講師に日程を確認しています。" },
            $"#request-{requestId} form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var update = await TestData.LastMailToAsync(factory, requesterUser.Email);
        update.Subject.ShouldContain("状況が変わりました");
        update.Body.ShouldContain("調整中");
        update.Body.ShouldContain("講師に日程を確認しています。");
        var toRegistrant = await TestData.LastMailToAsync(factory, registrant.Email);
        toRegistrant.Subject.ShouldContain("依頼が届きました");
        toRegistrant.Body.ShouldContain("自治会の防災研修");
        toRegistrant.Body.ShouldNotContain(requesterUser.Email);
        (_, mine) = await requester.GetPageAsync($"/{City}/talent/requests");
        mine.QuerySelector("main .tag")!.TextContent.ShouldBe("調整中");
        mine.QuerySelector("main")!.TextContent.ShouldContain("講師に日程を確認しています。");

        // The requester calls it off; the centre hears of it.
        (await requester.SubmitAsync($"/{City}/talent/requests", new Dictionary<string, string>(), "main form[action*='handler=Cancel']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.LastMailToAsync(factory, staff.User.Email)).Subject.ShouldContain("取り消されました");
        (await TestData.WithDbAsync(factory, db => db.Set<TalentRequest>().IgnoreQueryFilters().SingleAsync(r => r.Id == requestId))).Status.ShouldBe(TalentRequestStatus.Cancelled);
    }

    [Fact]
    public async Task Requester_NeverSeesTheRegistrantsEmailOrPhone()
    {
        var (entryId, _, registrant) = await PublishedEntryAsync();
        var staff = await StaffAsync();
        var (requester, requesterUser) = await SignedInAsync();
        await requester.SubmitAsync($"/{City}/talent/{entryId}/request", Request());
        var requestId = await TestData.WithDbAsync(factory, db => db.Set<TalentRequest>().IgnoreQueryFilters().Where(r => r.RequesterUserId == requesterUser.Id).Select(r => r.Id).SingleAsync());
        await staff.Browser.SubmitAsync($"/{City}/admin/talent", new Dictionary<string, string> { ["Update.Status"] = "Arranged", ["Update.Note"] = "12月7日 10時から、公民館で決定しました。" }, $"#request-{requestId} form");

        foreach (var url in new[] { $"/{City}/talent/{entryId}", $"/{City}/talent/{entryId}/request", $"/{City}/talent/requests", $"/{City}/talent?q=" })
        {
            var html = await (await requester.GetAsync(url)).Content.ReadAsStringAsync();
            html.ShouldNotContain(registrant.Email, customMessage: url);
            html.ShouldNotContain(RegistrantPhone, customMessage: url);
        }
        var mails = await TestData.WithDbAsync(factory, db => db.OutboxMessages.Where(m => m.To == requesterUser.Email).Select(m => m.Body).ToListAsync());
        mails.Count.ShouldBe(2);
        mails.ShouldAllBe(body => !body.Contains(registrant.Email) && !body.Contains(RegistrantPhone));
        // Nor can a requester reach the staff page that holds them.
        (await requester.GetAsync($"/{City}/admin/talent")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Registration_WithMissingOrBadFields_ShowsErrorsNextToThem_AndSavesNothing()
    {
        var (browser, user) = await SignedInAsync();
        var response = await browser.SubmitAsync($"/{City}/talent/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = new string('あ', 101),
            ["Input.FeeYen"] = "-5",
            ["Input.ContactPhone"] = "でんわ",
        }, "main form[novalidate]");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_Kind-error")!.TextContent.ShouldContain("講師かアドバイザーかを選んでください");
        page.QuerySelector("#Input_DisplayName-error")!.TextContent.ShouldContain("100文字以内");
        page.QuerySelector("#Input_Subjects-error")!.TextContent.ShouldContain("入力してください");
        page.QuerySelector("#Input_FeeYen-error")!.TextContent.ShouldContain("0円から1,000,000円");
        page.QuerySelector("#Input_ContactPhone-error")!.TextContent.ShouldContain("電話番号");
        page.QuerySelector("#Input_Fields-error")!.TextContent.ShouldContain("活動分野");
        page.QuerySelector("#Input_Districts-error")!.TextContent.ShouldContain("市内全域");
        page.QuerySelector(".error-summary").ShouldNotBeNull();
        (await TestData.WithDbAsync(factory, db => db.Set<TalentEntry>().IgnoreQueryFilters().AnyAsync(e => e.UserId == user.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Request_WithoutPurposeOrDates_ShowsErrors_AndSendsNothing()
    {
        var (entryId, _, _) = await PublishedEntryAsync();
        var (requester, user) = await SignedInAsync();
        var page = await Browser.ParseAsync(await requester.SubmitAsync($"/{City}/talent/{entryId}/request", new Dictionary<string, string> { ["Input.Participants"] = "0" }));
        page.QuerySelector("#Input_Purpose-error")!.TextContent.ShouldContain("依頼の内容・目的を入力してください");
        page.QuerySelector("#Input_PreferredDates-error")!.TextContent.ShouldContain("希望する日時を入力してください");
        page.QuerySelector("#Input_Participants-error")!.TextContent.ShouldContain("1人から10,000人");
        (await TestData.WithDbAsync(factory, db => db.Set<TalentRequest>().IgnoreQueryFilters().AnyAsync(r => r.RequesterUserId == user.Id))).ShouldBeFalse();
        (await TestData.WithDbAsync(factory, db => db.OutboxMessages.AnyAsync(m => m.To == user.Email))).ShouldBeFalse();
    }

    [Fact]
    public async Task Staff_NoteTooLong_IsRefusedNextToTheNote()
    {
        var (entryId, _, _) = await PublishedEntryAsync();
        var (requester, user) = await SignedInAsync();
        await requester.SubmitAsync($"/{City}/talent/{entryId}/request", Request());
        var requestId = await TestData.WithDbAsync(factory, db => db.Set<TalentRequest>().IgnoreQueryFilters().Where(r => r.RequesterUserId == user.Id).Select(r => r.Id).SingleAsync());
        var staff = await StaffAsync();
        var page = await Browser.ParseAsync(await staff.Browser.SubmitAsync($"/{City}/admin/talent",
            new Dictionary<string, string> { ["Update.Status"] = "Declined", ["Update.Note"] = new string('あ', 1001) }, $"#request-{requestId} form"));
        page.QuerySelector("#Update_Note-error")!.TextContent.ShouldContain("1000文字以内");
        (await TestData.WithDbAsync(factory, db => db.Set<TalentRequest>().IgnoreQueryFilters().SingleAsync(r => r.Id == requestId))).Status.ShouldBe(TalentRequestStatus.Received);
    }

    [Fact]
    public async Task AnotherCitysEntry_IsNotFound_AndCannotBeRequestedOrPublished()
    {
        var (entryId, _, _) = await PublishedEntryAsync("muroran");
        var (browser, _) = await SignedInAsync();
        (await browser.GetAsync($"/{City}/talent/{entryId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/{City}/talent/{entryId}/request")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.PostWithTokenAsync($"/{City}/talent", $"/{City}/talent/{entryId}/request", Request())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/muroran/talent/{entryId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var staff = await StaffAsync();
        (await staff.Browser.PostWithTokenAsync($"/{City}/admin/talent", $"/{City}/admin/talent?handler=Entry&id={entryId}", new Dictionary<string, string> { ["status"] = "Withdrawn" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TestData.WithDbAsync(factory, db => db.Set<TalentEntry>().IgnoreQueryFilters().SingleAsync(e => e.Id == entryId))).Status.ShouldBe(TalentStatus.Published);
    }

    [Fact]
    public async Task OnlyAGroupsAdministrators_RegisterIt()
    {
        var (admin, adminUser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.Named(TestData.Unique("手話の会"), "しゅわのかい")
            .Described("手話を学ぶ会です。").AdministeredBy(adminUser.Id))).Id;
        var fields = Registration("手話サークルの講師");
        fields["Input.GroupId"] = groupId.ToString(CultureInfo.InvariantCulture);
        (await admin.SubmitAsync($"/{City}/talent/register", fields, "main form[novalidate]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<TalentEntry>().IgnoreQueryFilters().SingleAsync(e => e.GroupId == groupId))).DisplayName.ShouldBe("手話サークルの講師");

        var (stranger, strangerUser) = await SignedInAsync();
        var page = await Browser.ParseAsync(await stranger.PostWithTokenAsync($"/{City}/talent/register", $"/{City}/talent/register", fields));
        page.QuerySelector("#Input_GroupId-error")!.TextContent.ShouldContain("団体の管理者だけ");
        (await TestData.WithDbAsync(factory, db => db.Set<TalentEntry>().IgnoreQueryFilters().AnyAsync(e => e.UserId == strangerUser.Id))).ShouldBeFalse();
        var groupEntry = await TestData.WithDbAsync(factory, db => db.Set<TalentEntry>().IgnoreQueryFilters().Where(e => e.GroupId == groupId).Select(e => e.Id).SingleAsync());
        (await stranger.GetAsync($"/{City}/talent/register?id={groupEntry}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DemoTalent_FillsEachCityOnce_MarkedAsDemo_AndLeavesACityWithItsOwnEntriesAlone()
    {
        using var own = new TsunaguFactory();
        var (browser, _) = await SignedInAsyncIn(own);
        (await browser.SubmitAsync("/muroran/talent/register", Registration("室蘭の本物の講師"), "main form[novalidate]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var scope = own.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Features.TalentBank.DemoTalent>().SeedAsync()).ShouldBeGreaterThan(0);
        var byCity = await TestData.WithDbAsync(own, db => db.Set<TalentEntry>().IgnoreQueryFilters()
            .Join(db.Cities, e => e.CityId, c => c.Id, (e, c) => new { c.Slug, e.IsDemo, e.Status }).ToListAsync());
        byCity.Where(e => e.Slug == "muroran").ShouldAllBe(e => !e.IsDemo);
        byCity.Where(e => e.Slug == "nagato").ShouldNotBeEmpty();
        byCity.Where(e => e.Slug != "muroran").ShouldAllBe(e => e.IsDemo && e.Status == TalentStatus.Published);
        using (var scope = own.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Features.TalentBank.DemoTalent>().SeedAsync()).ShouldBe(0);
        var (_, page) = await Browser.For(own).GetPageAsync("/nagato/talent?q=" + Uri.EscapeDataString("手話"));
        page.QuerySelector("main .card .tag")!.TextContent.ShouldBe("デモデータ");
    }

    private static async Task<(Browser Browser, Person User)> SignedInAsyncIn(TsunaguFactory other)
    {
        var user = await TestData.CreateUserAsync(other);
        var browser = Browser.For(other);
        await browser.SignInAsync(user.Email!);
        return (browser, new Person(user.Id, user.Email!));
    }
}

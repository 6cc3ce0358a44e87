using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Opportunities;

public class MatchingJourneyTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private Task<(Browser Browser, AppUser User)> SignedInAsync() => TestData.SignedInAsync(factory);

    private async Task<(Browser Organiser, AppUser OrganiserUser, int GroupId)> OrganiserAsync()
    {
        var (browser, user) = await SignedInAsync();
        return (browser, user, (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(user))).Id);
    }

    private static Task<HttpResponseMessage> ApplyAsync(Browser volunteer, int opportunityId, int shiftId) =>
        volunteer.PostWithTokenAsync($"/{City}/opportunities/{opportunityId}", $"/{City}/opportunities/{opportunityId}?handler=Apply",
            new Dictionary<string, string> { ["ShiftId"] = shiftId.ToString(CultureInfo.InvariantCulture), ["Message"] = "よろしくお願いします" });

    private Task<ShiftApplication> ApplicationAsync(int shiftId, int volunteerId) =>
        TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.ShiftId == shiftId && a.VolunteerId == volunteerId));

    [Fact]
    public async Task GroupAdministrator_PostsASeries_WhichIsPublicWithItsShifts()
    {
        var (organiser, _, groupId) = await OrganiserAsync();
        var date = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var response = await organiser.SubmitAsync($"/{City}/opportunities/new", new Dictionary<string, string>
        {
            ["Input.Organiser"] = $"group-{groupId}",
            ["Input.Title"] = "図書館の本の修理",
            ["Input.Description"] = "破れた本をテープで直します。",
            ["Input.Place"] = "中央図書館",
            ["Shifts.Date"] = date,
            ["Shifts.Start"] = "10:00",
            ["Shifts.End"] = "12:00",
            ["Shifts.Places"] = "4",
            ["Shifts.Repeat"] = "Weekly",
            ["Shifts.Count"] = "3",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await TestData.WithDbAsync(factory, db => db.Set<Opportunity>().IgnoreQueryFilters().Where(o => o.Title == "図書館の本の修理").Select(o => o.Id).SingleAsync());
        var shifts = await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().Where(s => s.OpportunityId == id).OrderBy(s => s.StartsAt).ToListAsync());
        shifts.Count.ShouldBe(3);
        (shifts[1].StartsAt - shifts[0].StartsAt).ShouldBe(TimeSpan.FromDays(7));
        shifts.ShouldAllBe(s => s.Places == 4 && s.EndsAt - s.StartsAt == TimeSpan.FromHours(2));

        var (_, list) = await Browser.For(factory).GetPageAsync($"/{City}/opportunities?q=図書館");
        list.QuerySelector("main")!.TextContent.ShouldContain("図書館の本の修理");
        var (_, details) = await Browser.For(factory).GetPageAsync($"/{City}/opportunities/{id}");
        details.QuerySelectorAll("#shifts ~ ul li.card").Length.ShouldBe(3);
    }

    [Theory]
    [InlineData("Shifts.End", "09:00", "Shifts_End-error", "終了時刻は開始時刻より後")]
    [InlineData("Shifts.Date", "2020-04-01", "Shifts_Date-error", "過去の日時")]
    [InlineData("Shifts.Places", "0", "Shifts_Places-error", "1人以上")]
    [InlineData("Shifts.Places", "-3", "Shifts_Places-error", "1人以上")]
    [InlineData("Input.MaxAge", "15", "Input_MaxAge-error", "誰も参加できません")]
    public async Task Posting_WithBadShiftOrAges_IsRefusedNextToTheField_AndNothingIsSaved(string field, string value, string errorId, string message)
    {
        var (organiser, user, groupId) = await OrganiserAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.Organiser"] = $"group-{groupId}",
            ["Input.Title"] = "誤りのある募集",
            ["Input.Description"] = "説明",
            ["Input.Place"] = "公民館",
            ["Input.MinAge"] = "20",
            ["Shifts.Date"] = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Shifts.Start"] = "10:00",
            ["Shifts.End"] = "12:00",
            ["Shifts.Places"] = "2",
            ["Shifts.Repeat"] = "None",
        };
        fields[field] = value;
        var response = await organiser.SubmitAsync($"/{City}/opportunities/new", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector($"#{errorId}")!.TextContent.ShouldContain(message);
        (await TestData.WithDbAsync(factory, db => db.Set<Opportunity>().IgnoreQueryFilters().AnyAsync(o => o.CreatedByUserId == user.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Citizen_WithoutAGroupOrStaffRole_CannotPost()
    {
        var (citizen, _) = await SignedInAsync();
        var (response, page) = await citizen.GetPageAsync($"/{City}/opportunities/new");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("main")!.TextContent.ShouldContain("募集を掲載できるのは");
        page.QuerySelector("main form[method=post]").ShouldBeNull();
        var posted = await citizen.PostWithTokenAsync($"/{City}/volunteers/register", $"/{City}/opportunities/new", new Dictionary<string, string> { ["Input.Title"] = "勝手な募集" });
        posted.Headers.Location?.OriginalString.ShouldContain("/account/access-denied");
    }

    [Fact]
    public async Task Volunteer_Applies_GroupAccepts_AttendanceAndHoursConfirmed_CertificateDownloads()
    {
        var (organiser, organiserUser, groupId) = await OrganiserAsync();
        var (volunteer, volunteerUser) = await SignedInAsync();
        var volunteerId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(volunteerUser).WithPhone("083-111-2222"))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId));

        (await ApplyAsync(volunteer, id, shifts[0])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var notice = await TestData.LastMailToAsync(factory, organiserUser.Email!);
        notice.Subject.ShouldContain("応募がありました");
        notice.Body.ShouldNotContain(volunteerUser.Email!);

        // Before acceptance the organiser sees no contact details.
        var (_, before) = await organiser.GetPageAsync($"/{City}/opportunities/{id}/manage");
        before.QuerySelector("main")!.TextContent.ShouldNotContain(volunteerUser.Email!);
        before.QuerySelector("main")!.TextContent.ShouldNotContain("083-111-2222");

        var application = await ApplicationAsync(shifts[0], volunteerId);
        (await organiser.PostWithTokenAsync($"/{City}/opportunities/{id}/manage", $"/{City}/opportunities/{id}/manage?handler=Accept",
            new Dictionary<string, string> { ["applicationId"] = application.Id.ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.LastMailToAsync(factory, volunteerUser.Email!)).Subject.ShouldContain("参加が決まりました");
        var (_, after) = await organiser.GetPageAsync($"/{City}/opportunities/{id}/manage");
        after.QuerySelector("main")!.TextContent.ShouldContain(volunteerUser.Email!);
        after.QuerySelector("main")!.TextContent.ShouldContain("083-111-2222");
        var matched = await ApplicationAsync(shifts[0], volunteerId);
        matched.Status.ShouldBe(ApplicationStatus.Confirmed);
        matched.MatchedAt.ShouldNotBeNull();
        matched.GroupId.ShouldBe(groupId);

        // Attendance can only be recorded once the shift has begun.
        var early = await organiser.PostWithTokenAsync($"/{City}/opportunities/{id}/manage", $"/{City}/opportunities/{id}/manage?handler=Attendance",
            new Dictionary<string, string> { ["applicationId"] = application.Id.ToString(CultureInfo.InvariantCulture), ["attended"] = "true", ["hours"] = "2" });
        (await Browser.ParseAsync(early)).QuerySelector("main")!.TextContent.ShouldContain("その回が始まってから");

        await OpportunityTestData.PastAsync(factory, shifts[0]);
        var bad = await organiser.PostWithTokenAsync($"/{City}/opportunities/{id}/manage", $"/{City}/opportunities/{id}/manage?handler=Attendance",
            new Dictionary<string, string> { ["applicationId"] = application.Id.ToString(CultureInfo.InvariantCulture), ["attended"] = "true", ["hours"] = "30" });
        (await Browser.ParseAsync(bad)).QuerySelector($"#hours-{application.Id}-error")!.TextContent.ShouldContain("24以下");
        (await organiser.PostWithTokenAsync($"/{City}/opportunities/{id}/manage", $"/{City}/opportunities/{id}/manage?handler=Attendance",
            new Dictionary<string, string> { ["applicationId"] = application.Id.ToString(CultureInfo.InvariantCulture), ["attended"] = "true", ["hours"] = "2.5" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reliability = await TestData.WithDbAsync(factory, db => db.Set<Volunteer>().IgnoreQueryFilters().Where(v => v.Id == volunteerId).Select(v => new { v.ShiftsRecorded, v.ShiftsAttended }).SingleAsync());
        reliability.ShiftsRecorded.ShouldBe(1);
        reliability.ShiftsAttended.ShouldBe(1);

        // No certificate before the volunteer confirms the hours.
        (await volunteer.GetAsync($"/{City}/volunteers/activities/{application.Id}/certificate.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await volunteer.PostWithTokenAsync($"/{City}/volunteers/activities", $"/{City}/volunteers/activities?handler=ConfirmHours",
            new Dictionary<string, string> { ["applicationId"] = application.Id.ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var pdf = await volunteer.GetAsync($"/{City}/volunteers/activities/{application.Id}/certificate.pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await pdf.Content.ReadAsByteArrayAsync())[..4].ShouldBe("%PDF"u8.ToArray());
        // Someone else's certificate is not there for them.
        (await organiser.GetAsync($"/{City}/volunteers/activities/{application.Id}/certificate.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Applying_Twice_ToOverlappingShifts_OrAsAMinorWithoutConsent_IsRefusedWithAReason()
    {
        var (_, _, groupId) = await OrganiserAsync();
        var (volunteer, volunteerUser) = await SignedInAsync();
        await TestData.CreateVolunteerAsync(factory, City, v => v.For(volunteerUser));
        var (first, firstShifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).StartingIn(TimeSpan.FromDays(4)));
        var (second, secondShifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled("同じ時間の別の募集").StartingIn(TimeSpan.FromDays(4).Add(TimeSpan.FromHours(1))));

        (await ApplyAsync(volunteer, first, firstShifts[0])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var twice = await Browser.ParseAsync(await ApplyAsync(volunteer, first, firstShifts[0]));
        twice.QuerySelector($"#shift-{firstShifts[0]} .form-error")!.TextContent.ShouldContain("すでに応募しています");
        var overlapping = await Browser.ParseAsync(await ApplyAsync(volunteer, second, secondShifts[0]));
        overlapping.QuerySelector($"#shift-{secondShifts[0]} .form-error")!.TextContent.ShouldContain("同じ時間帯");

        var (minor, minorUser) = await SignedInAsync();
        await TestData.CreateVolunteerAsync(factory, City, v => v.For(minorUser).Aged(AgeBand.Under18).WithoutGuardianConsent());
        var refused = await Browser.ParseAsync(await ApplyAsync(minor, first, firstShifts[0]));
        refused.QuerySelector($"#shift-{firstShifts[0]} .form-error")!.TextContent.ShouldContain("保護者の同意");
        (await TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().CountAsync(a => a.ShiftId == firstShifts[0]))).ShouldBe(1);
    }

    [Fact]
    public async Task Volunteer_WhoWithdrew_CanApplyAgain_AndTheFreedPlaceIsOffered()
    {
        var (organiser, _, groupId) = await OrganiserAsync();
        var (volunteer, user) = await SignedInAsync();
        var volunteerId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(user))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Places(1));
        await ApplyAsync(volunteer, id, shifts[0]);
        var application = await ApplicationAsync(shifts[0], volunteerId);
        await organiser.PostWithTokenAsync($"/{City}/opportunities/{id}/manage", $"/{City}/opportunities/{id}/manage?handler=Accept",
            new Dictionary<string, string> { ["applicationId"] = application.Id.ToString(CultureInfo.InvariantCulture) });
        (await volunteer.PostWithTokenAsync($"/{City}/volunteers/activities", $"/{City}/volunteers/activities?handler=Withdraw",
            new Dictionary<string, string> { ["applicationId"] = application.Id.ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().Where(s => s.Id == shifts[0]).Select(s => s.Confirmed).SingleAsync())).ShouldBe(0);
        (await ApplyAsync(volunteer, id, shifts[0])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ApplicationAsync(shifts[0], volunteerId)).Status.ShouldBe(ApplicationStatus.Applied);
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("delete-account")]
    public async Task Volunteer_WhoLeavesOrDeletesTheAccount_GivesBackConfirmedPlaces_AndOpenApplications(string how)
    {
        var (organiser, organiserUser, groupId) = await OrganiserAsync();
        var (volunteer, user) = await SignedInAsync();
        var volunteerId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(user))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Places(1).Shifts(2));
        await ApplyAsync(volunteer, id, shifts[0]);
        await ApplyAsync(volunteer, id, shifts[1]);
        var confirmed = await ApplicationAsync(shifts[0], volunteerId);
        await organiser.PostWithTokenAsync($"/{City}/opportunities/{id}/manage", $"/{City}/opportunities/{id}/manage?handler=Accept",
            new Dictionary<string, string> { ["applicationId"] = confirmed.Id.ToString(CultureInfo.InvariantCulture) });
        (await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().Where(s => s.Id == shifts[0]).Select(s => s.Confirmed).SingleAsync())).ShouldBe(1);

        if (how == "leave")
        {
            (await volunteer.PostWithTokenAsync($"/{City}/volunteers/me", $"/{City}/volunteers/me?handler=Status",
                new Dictionary<string, string> { ["status"] = "Left" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await ApplicationAsync(shifts[0], volunteerId)).Status.ShouldBe(ApplicationStatus.Withdrawn);
            (await ApplicationAsync(shifts[1], volunteerId)).Status.ShouldBe(ApplicationStatus.Withdrawn);
        }
        else
        {
            (await volunteer.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Password"] = TestData.Password })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await TestData.WithDbAsync(factory, db => db.Users.AnyAsync(u => u.Id == user.Id))).ShouldBeFalse();
        }
        // The place is free again for someone else, and the organiser heard of it.
        (await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().Where(s => s.Id == shifts[0]).Select(s => s.Confirmed).SingleAsync())).ShouldBe(0);
        (await TestData.LastMailToAsync(factory, organiserUser.Email!)).Subject.ShouldContain("応募が取り消されました");
    }

    [Fact]
    public async Task CentreStaff_WithoutTwoFactor_CannotManageOthersOpportunities()
    {
        var (_, _, groupId) = await OrganiserAsync();
        var (id, _) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId));
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff));
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        var response = await browser.GetAsync($"/{City}/opportunities/{id}/manage");
        response.Headers.Location?.OriginalString.ShouldContain("/account/access-denied");
    }

    [Fact]
    public async Task Organiser_CannotInviteSomeoneThePageDidNotOffer()
    {
        var (organiser, _, groupId) = await OrganiserAsync();
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).ForAges(min: 70));
        var young = await TestData.CreateUserAsync(factory);
        var volunteerId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(young).Aged(AgeBand.Age30s))).Id;
        (await organiser.PostWithTokenAsync($"/{City}/opportunities/{id}/manage", $"/{City}/opportunities/{id}/manage?handler=Invite",
            new Dictionary<string, string> { ["volunteerId"] = volunteerId.ToString(CultureInfo.InvariantCulture), ["shiftId"] = shifts[0].ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().AnyAsync(a => a.VolunteerId == volunteerId))).ShouldBeFalse();
    }

    [Fact]
    public async Task Organiser_SeesVolunteersRankedWithReasons_AndInvites_VolunteerAccepts()
    {
        var (organiser, _, groupId) = await OrganiserAsync();
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Requiring("手話").InFields(2).Titled("手話で案内"));
        var (fitting, fittingUser) = await SignedInAsync();
        var good = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(fittingUser).WithSkills("手話").InterestedIn(2))).Id;
        var other = await TestData.CreateUserAsync(factory);
        var poor = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(other).WithSkills("調理").AvailableAt(0))).Id;
        var tooYoung = await TestData.CreateUserAsync(factory);
        var excluded = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(tooYoung).Aged(AgeBand.Under18).WithoutGuardianConsent().WithSkills("手話"))).Id;

        var (_, page) = await organiser.GetPageAsync($"/{City}/opportunities/{id}/manage");
        var cards = page.QuerySelectorAll("#candidates ~ ol > li").Select(li => li.TextContent).ToList();
        var goodIndex = cards.FindIndex(c => c.Contains($"No.{good}："));
        var poorIndex = cards.FindIndex(c => c.Contains($"No.{poor}："));
        goodIndex.ShouldBeGreaterThanOrEqualTo(0);
        poorIndex.ShouldBeGreaterThan(goodIndex);
        cards[goodIndex].ShouldContain("スキル：必須 1/1");
        cards[goodIndex].ShouldContain("関心分野：1分野が一致");
        cards.ShouldNotContain(c => c.Contains($"No.{excluded}："));

        (await organiser.PostWithTokenAsync($"/{City}/opportunities/{id}/manage", $"/{City}/opportunities/{id}/manage?handler=Invite",
            new Dictionary<string, string> { ["volunteerId"] = good.ToString(CultureInfo.InvariantCulture), ["shiftId"] = shifts[0].ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.LastMailToAsync(factory, fittingUser.Email!)).Subject.ShouldContain("お誘い");
        var invitation = await ApplicationAsync(shifts[0], good);
        invitation.Status.ShouldBe(ApplicationStatus.Invited);
        (await fitting.PostWithTokenAsync($"/{City}/volunteers/activities", $"/{City}/volunteers/activities?handler=Accept",
            new Dictionary<string, string> { ["applicationId"] = invitation.Id.ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ApplicationAsync(shifts[0], good)).Status.ShouldBe(ApplicationStatus.Confirmed);
    }

    [Fact]
    public async Task Volunteer_SeesForYou_WithTheBestFitFirst()
    {
        var (_, _, groupId) = await OrganiserAsync();
        var (fit, _) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled("手話通訳のおてつだい").Requiring("手話").InFields(2));
        await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled("料理教室の補助").Requiring("調理").InFields(13));
        var (volunteer, user) = await SignedInAsync();
        await TestData.CreateVolunteerAsync(factory, City, v => v.For(user).WithSkills("手話").InterestedIn(2));
        var (_, page) = await volunteer.GetPageAsync($"/{City}/opportunities");
        var forYou = page.QuerySelectorAll("#for-you ~ ul > li h3").Select(h => h.TextContent.Trim()).ToList();
        forYou.ShouldNotBeEmpty();
        forYou[0].ShouldBe("手話通訳のおてつだい");
        page.QuerySelector("#for-you ~ ul > li details")!.TextContent.ShouldContain("スキル：必須 1/1");
        (await Browser.For(factory).GetPageAsync($"/{City}/opportunities")).Page.QuerySelector("#for-you").ShouldBeNull();
    }

    [Fact]
    public async Task Messages_StayInside_AndTheNoticeCarriesNoAddress()
    {
        var (organiser, organiserUser, groupId) = await OrganiserAsync();
        var (volunteer, volunteerUser) = await SignedInAsync();
        var volunteerId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(volunteerUser))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId));
        await ApplyAsync(volunteer, id, shifts[0]);
        var application = await ApplicationAsync(shifts[0], volunteerId);
        var url = $"/{City}/applications/{application.Id}/messages";
        (await volunteer.SubmitAsync(url, new Dictionary<string, string> { ["Body"] = "駐車場はありますか？" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mail = await TestData.LastMailToAsync(factory, organiserUser.Email!);
        mail.Subject.ShouldContain("メッセージが届きました");
        mail.Body.ShouldNotContain(volunteerUser.Email!);
        mail.Body.ShouldNotContain("駐車場");
        var (_, thread) = await organiser.GetPageAsync(url);
        thread.QuerySelector("main")!.TextContent.ShouldContain("駐車場はありますか？");
        (await organiser.SubmitAsync(url, new Dictionary<string, string> { ["Body"] = "" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A third person cannot read it.
        var (stranger, _) = await SignedInAsync();
        (await stranger.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ConfirmedMatching_CountsInShimonosekisIndicator_AndTheConsole()
    {
        await factory.EnsurePreparedAsync(); // the demo plans need the cities
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var (organiser, _, groupId) = await OrganiserAsync();
        var (volunteer, user) = await SignedInAsync();
        var volunteerId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(user))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId));
        var before = await MatchingsThisYearAsync();
        await ApplyAsync(volunteer, id, shifts[0]);
        var application = await ApplicationAsync(shifts[0], volunteerId);
        await organiser.PostWithTokenAsync($"/{City}/opportunities/{id}/manage", $"/{City}/opportunities/{id}/manage?handler=Accept",
            new Dictionary<string, string> { ["applicationId"] = application.Id.ToString(CultureInfo.InvariantCulture) });
        (await MatchingsThisYearAsync()).ShouldBe(before + 1);

        var key = await TestData.WithDbAsync(factory, db =>
            (from i in db.Set<Tsunagu.Web.Features.Plans.Indicator>().IgnoreQueryFilters()
             join p in db.Set<Tsunagu.Web.Features.Plans.Plan>().IgnoreQueryFilters() on i.PlanId equals p.Id
             where i.Source == "volunteer-matchings"
             select p.Key).SingleAsync());
        var (_, plan) = await Browser.For(factory).GetPageAsync($"/{City}/plans/{key}");
        var indicator = plan.QuerySelectorAll("section.indicator").First(e => e.TextContent.Contains("ボランティアギルド登録者とのマッチング件数"));
        indicator.TextContent.ShouldContain($"の実績：{before + 1}件");

        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var console = Browser.For(factory);
        await console.SignInAsync(staff.Email!);
        var (_, page) = await console.GetPageAsync($"/{City}/admin/volunteers/console");
        page.QuerySelector("#matchings")!.TextContent.ShouldContain($"{before + 1}件");
    }

    private async Task<decimal> MatchingsThisYearAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Data.TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Tenancy.CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == City));
        var source = scope.ServiceProvider.GetServices<Tsunagu.Web.Features.Plans.IIndicatorSource>().Single(s => s.Name == "volunteer-matchings");
        var year = Tsunagu.Web.Calendar.FiscalYear.Of(Tsunagu.Web.Shared.Display.Today(TimeProvider.System)).StartYear;
        return await source.ValueAsync(year, Tsunagu.Web.Features.Plans.IndicatorSourceParameters.None) ?? 0;
    }
}

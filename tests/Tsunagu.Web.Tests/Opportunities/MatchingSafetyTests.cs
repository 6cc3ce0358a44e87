using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Features.Opportunities.Matching;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Opportunities;

/// <summary>What keeps applications honest at the edges: the API's refusals, overlapping commitments, removed shifts and closed opportunities.</summary>
public class MatchingSafetyTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private Task<(Browser Browser, AppUser User)> SignedInAsync() => TestData.SignedInAsync(factory);

    private async Task<HttpClient> ApiAsync(string userId)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OpportunityTestData.ApiTokenAsync(factory, userId));
        return client;
    }

    private static string ApplyUrl(int id, int shiftId) => $"/api/v1/{City}/opportunities/{id}/shifts/{shiftId}/applications";

    private static Task<HttpResponseMessage> ManageAsync(Browser organiser, int id, string handler, Dictionary<string, string> fields) =>
        organiser.PostWithTokenAsync($"/{City}/opportunities/{id}/manage", $"/{City}/opportunities/{id}/manage?handler={handler}", fields);

    private Task<int> ApplicationCountAsync(int shiftId) =>
        TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().CountAsync(a => a.ShiftId == shiftId));

    private Task<ShiftApplication> ApplicationAsync(int shiftId, int volunteerId) =>
        TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.ShiftId == shiftId && a.VolunteerId == volunteerId));

    [Fact]
    public async Task Api_RefusesWithAReason_ANonVolunteer_APausedVolunteer_AMinorWithoutConsent_AndATooLongMessage()
    {
        var organiser = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiser))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId));
        var url = ApplyUrl(id, shifts[0]);

        var stranger = await TestData.CreateUserAsync(factory);
        using var strangerApi = await ApiAsync(stranger.Id);
        var notVolunteer = await strangerApi.PostAsJsonAsync(url, new { });
        notVolunteer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await notVolunteer.Content.ReadAsStringAsync()).ShouldContain("ボランティアとして登録");

        var paused = await TestData.CreateUserAsync(factory);
        var pausedId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(paused))).Id;
        await TestData.WithDbAsync(factory, db => db.Set<Volunteer>().IgnoreQueryFilters().Where(v => v.Id == pausedId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VolunteerStatus.Paused)));
        using var pausedApi = await ApiAsync(paused.Id);
        var pausedAnswer = await pausedApi.PostAsJsonAsync(url, new { });
        pausedAnswer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await pausedAnswer.Content.ReadAsStringAsync()).ShouldContain("休止中");

        var minor = await TestData.CreateUserAsync(factory);
        var minorId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(minor).Aged(AgeBand.Under18).WithoutGuardianConsent())).Id;
        using var minorApi = await ApiAsync(minor.Id);
        var minorAnswer = await minorApi.PostAsJsonAsync(url, new { });
        minorAnswer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await minorAnswer.Content.ReadAsStringAsync()).ShouldContain("保護者の同意");

        var talkative = await TestData.CreateUserAsync(factory);
        await TestData.CreateVolunteerAsync(factory, City, v => v.For(talkative));
        using var talkativeApi = await ApiAsync(talkative.Id);
        var tooLong = await talkativeApi.PostAsJsonAsync(url, new { message = new string('あ', ApplicationStateMachine.MaxMessageLength + 1) });
        tooLong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await tooLong.Content.ReadAsStringAsync()).ShouldContain("500文字以内");
        (await ApplicationCountAsync(shifts[0])).ShouldBe(0);

        // Once the guardian's consent is recorded, the minor's application goes through.
        await TestData.WithDbAsync(factory, db => db.Set<Volunteer>().IgnoreQueryFilters().Where(v => v.Id == minorId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.GuardianConsentAt, DateTime.UtcNow)));
        (await minorApi.PostAsJsonAsync(url, new { message = new string('あ', ApplicationStateMachine.MaxMessageLength) })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task TooLongANote_OnThePage_IsRefusedNextToTheNote()
    {
        var organiser = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiser))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId));
        var (volunteer, user) = await SignedInAsync();
        await TestData.CreateVolunteerAsync(factory, City, v => v.For(user));
        var page = await Browser.ParseAsync(await volunteer.PostWithTokenAsync($"/{City}/opportunities/{id}", $"/{City}/opportunities/{id}?handler=Apply",
            new Dictionary<string, string> { ["ShiftId"] = shifts[0].ToString(CultureInfo.InvariantCulture), ["Message"] = new string('あ', 501) }));
        page.QuerySelector($"#message-{shifts[0]}-error")!.TextContent.ShouldContain("500文字以内");
        (await ApplicationCountAsync(shifts[0])).ShouldBe(0);
    }

    [Fact]
    public async Task APersonConfirmedElsewhere_IsNotInvited_NorConfirmedTwice_ForTheSameHours()
    {
        var (organiser, organiserUser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiserUser))).Id;
        var (first, firstShifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).StartingIn(TimeSpan.FromDays(5)));
        var (second, secondShifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled("同じ時間の別の募集").StartingIn(TimeSpan.FromDays(5).Add(TimeSpan.FromMinutes(30))));
        var (third, thirdShifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled("さらに別の募集").StartingIn(TimeSpan.FromDays(5).Add(TimeSpan.FromMinutes(45))));
        var (volunteer, user) = await SignedInAsync();
        var volunteerId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(user))).Id;

        // An invitation for the second, then (as two organisers might, a moment apart) one for the third at the same hours.
        (await ManageAsync(organiser, second, "Invite", new() { ["volunteerId"] = volunteerId.ToString(CultureInfo.InvariantCulture), ["shiftId"] = secondShifts[0].ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cityId = await TestData.CityIdAsync(factory, City);
        await TestData.WithDbAsync(factory, async db =>
        {
            db.Add(new ShiftApplication { CityId = cityId, OpportunityId = third, ShiftId = thirdShifts[0], VolunteerId = volunteerId, Status = ApplicationStatus.Invited, Invited = true, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        // A third organiser cannot invite the person for the first: they are expected elsewhere then (and are not told where).
        var refused = await ManageAsync(organiser, first, "Invite", new() { ["volunteerId"] = volunteerId.ToString(CultureInfo.InvariantCulture), ["shiftId"] = firstShifts[0].ToString(CultureInfo.InvariantCulture) });
        (await refused.Content.ReadAsStringAsync()).ShouldNotContain("同じ時間の別の募集");
        (await ApplicationCountAsync(firstShifts[0])).ShouldBe(0);

        // The volunteer accepts the second invitation; the third can no longer be accepted for the same hours.
        var invitation = await ApplicationAsync(secondShifts[0], volunteerId);
        (await volunteer.PostWithTokenAsync($"/{City}/volunteers/activities", $"/{City}/volunteers/activities?handler=Accept",
            new Dictionary<string, string> { ["applicationId"] = invitation.Id.ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ApplicationAsync(secondShifts[0], volunteerId)).Status.ShouldBe(ApplicationStatus.Confirmed);
        var other = await ApplicationAsync(thirdShifts[0], volunteerId);
        var answer = await volunteer.PostWithTokenAsync($"/{City}/volunteers/activities", $"/{City}/volunteers/activities?handler=Accept",
            new Dictionary<string, string> { ["applicationId"] = other.Id.ToString(CultureInfo.InvariantCulture) });
        if (answer.StatusCode == HttpStatusCode.Redirect)
            (await volunteer.GetPageAsync(answer.Headers.Location!.OriginalString)).Page.QuerySelector("main")!.TextContent.ShouldContain("同じ時間帯の「同じ時間の別の募集」に参加が決まっています");
        else
            (await answer.Content.ReadAsStringAsync()).ShouldContain("同じ時間帯の「同じ時間の別の募集」に参加が決まっています");
        (await ApplicationAsync(thirdShifts[0], volunteerId)).Status.ShouldBe(ApplicationStatus.Invited);
        (await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().Where(s => s.Id == thirdShifts[0]).Select(s => s.Confirmed).SingleAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task RemovingAShift_TellsWhoWasWaiting_AndAShiftWithSomeoneConfirmedStays()
    {
        var (organiser, organiserUser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiserUser))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Shifts(2).Titled("取りやめのある募集"));
        var (waiting, waitingUser) = await SignedInAsync();
        var waitingId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(waitingUser))).Id;
        var (confirmed, confirmedUser) = await SignedInAsync();
        var confirmedId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(confirmedUser))).Id;
        foreach (var (browser, shift) in new[] { (waiting, shifts[0]), (confirmed, shifts[1]) })
            (await browser.PostWithTokenAsync($"/{City}/opportunities/{id}", $"/{City}/opportunities/{id}?handler=Apply",
                new Dictionary<string, string> { ["ShiftId"] = shift.ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var accepted = await ApplicationAsync(shifts[1], confirmedId);
        await ManageAsync(organiser, id, "Accept", new() { ["applicationId"] = accepted.Id.ToString(CultureInfo.InvariantCulture) });

        (await ManageAsync(organiser, id, "RemoveShift", new() { ["shiftId"] = shifts[1].ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().AnyAsync(s => s.Id == shifts[1]))).ShouldBeTrue();
        (await ApplicationAsync(shifts[1], confirmedId)).Status.ShouldBe(ApplicationStatus.Confirmed);

        (await ManageAsync(organiser, id, "RemoveShift", new() { ["shiftId"] = shifts[0].ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().AnyAsync(s => s.Id == shifts[0]))).ShouldBeFalse();
        (await ApplicationCountAsync(shifts[0])).ShouldBe(0);
        var mail = await TestData.LastMailToAsync(factory, waitingUser.Email!);
        mail.Subject.ShouldContain("取りやめ");
        mail.Body.ShouldContain("取りやめのある募集");
        _ = waitingId;
    }

    [Fact]
    public async Task ClosingAnOpportunity_ClosesWaitingApplications_TellsThePeople_AndReopeningLetsThemApplyAgain()
    {
        var (organiser, organiserUser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiserUser))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled("締め切る募集"));
        var (volunteer, user) = await SignedInAsync();
        var volunteerId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(user))).Id;
        Task<HttpResponseMessage> Apply() => volunteer.PostWithTokenAsync($"/{City}/opportunities/{id}", $"/{City}/opportunities/{id}?handler=Apply",
            new Dictionary<string, string> { ["ShiftId"] = shifts[0].ToString(CultureInfo.InvariantCulture) });
        (await Apply()).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await ManageAsync(organiser, id, "Status", new() { ["status"] = "Closed" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ApplicationAsync(shifts[0], volunteerId)).Status.ShouldBe(ApplicationStatus.Closed);
        var mail = await TestData.LastMailToAsync(factory, user.Email!);
        mail.Subject.ShouldContain("締め切られました");
        mail.Body.ShouldContain("締め切る募集");
        (await volunteer.GetPageAsync($"/{City}/volunteers/activities")).Page.QuerySelector("main")!.TextContent.ShouldContain("募集締め切りのため見送り");

        (await ManageAsync(organiser, id, "Status", new() { ["status"] = "Open" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The page offers the shift again, beside what became of the first application.
        var (_, reopened) = await volunteer.GetPageAsync($"/{City}/opportunities/{id}");
        reopened.QuerySelector($"#shift-{shifts[0]} .tag")!.TextContent.ShouldBe("募集締め切りのため見送り");
        reopened.QuerySelector($"#shift-{shifts[0]} form[action*=Apply]").ShouldNotBeNull();
        (await Apply()).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ApplicationAsync(shifts[0], volunteerId)).Status.ShouldBe(ApplicationStatus.Applied);
    }

    [Fact]
    public async Task ADepartmentsPosting_IsManagedByItsColleagues_NotByOtherDepartments()
    {
        var cityId = await TestData.CityIdAsync(factory, City);
        var departments = await TestData.WithDbAsync(factory, db => db.Departments.IgnoreQueryFilters().Where(d => d.CityId == cityId).OrderBy(d => d.Id).Select(d => d.Name).Take(2).ToListAsync());
        departments.Count.ShouldBe(2);
        var poster = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.DepartmentStaff, departments[0]).ExemptFromTwoFactor());
        var colleague = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.DepartmentStaff, departments[0]).ExemptFromTwoFactor());
        var elsewhere = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.DepartmentStaff, departments[1]).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(poster.Email!);
        var date = DateTime.UtcNow.AddDays(12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = $"市役所の清掃{Guid.NewGuid():N}"[..12];
        (await browser.SubmitAsync($"/{City}/opportunities/new", new Dictionary<string, string>
        {
            ["Input.Organiser"] = $"department-{departments[0]}",
            ["Input.Title"] = title,
            ["Input.Description"] = "庁舎のまわりを清掃します。",
            ["Input.Place"] = "市役所",
            ["Shifts.Date"] = date,
            ["Shifts.Start"] = "09:00",
            ["Shifts.End"] = "10:00",
            ["Shifts.Places"] = "5",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await TestData.WithDbAsync(factory, db => db.Set<Opportunity>().IgnoreQueryFilters().Where(o => o.Title == title).Select(o => o.Id).SingleAsync());

        var other = Browser.For(factory);
        await other.SignInAsync(colleague.Email!);
        (await other.GetAsync($"/{City}/opportunities/{id}/manage")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await other.GetPageAsync($"/{City}/opportunities/mine")).Page.QuerySelector("main")!.TextContent.ShouldContain(title);

        var stranger = Browser.For(factory);
        await stranger.SignInAsync(elsewhere.Email!);
        (await stranger.GetAsync($"/{City}/opportunities/{id}/manage")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await stranger.GetPageAsync($"/{City}/opportunities/mine")).Page.QuerySelector("main")!.TextContent.ShouldNotContain(title);
    }

    [Fact]
    public async Task Candidates_ForAChosenShift_AreRankedByWhetherTheyCanComeThatDay()
    {
        var (organiser, organiserUser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiserUser))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Shifts(2).Titled("二つの曜日の募集"));
        // The second shift a day after the first: another weekday, the same part of the day.
        var first = await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().SingleAsync(s => s.Id == shifts[0]));
        await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().Where(s => s.Id == shifts[1])
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.StartsAt, first.StartsAt.AddDays(1)).SetProperty(x => x.EndsAt, first.EndsAt.AddDays(1))));
        var firstDay = await TestData.CreateUserAsync(factory);
        var firstDayId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(firstDay).AvailableAt(MatchScore.SlotOf(first.StartsAt)))).Id;
        var secondDay = await TestData.CreateUserAsync(factory);
        var secondDayId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(secondDay).AvailableAt(MatchScore.SlotOf(first.StartsAt.AddDays(1))))).Id;

        async Task<List<string>> CandidatesFor(int shiftId) =>
            [.. (await organiser.GetPageAsync($"/{City}/opportunities/{id}/manage?shift={shiftId}")).Page.QuerySelectorAll("#candidates ~ ol > li").Select(li => li.TextContent)];
        int Rank(List<string> cards, int volunteerId) => cards.FindIndex(c => c.Contains($"No.{volunteerId}："));

        var forFirst = await CandidatesFor(shifts[0]);
        Rank(forFirst, firstDayId).ShouldBeGreaterThanOrEqualTo(0);
        Rank(forFirst, firstDayId).ShouldBeLessThan(Rank(forFirst, secondDayId) is var r and >= 0 ? r : int.MaxValue);
        forFirst[Rank(forFirst, firstDayId)].ShouldContain("1回中1回");
        var forSecond = await CandidatesFor(shifts[1]);
        Rank(forSecond, secondDayId).ShouldBeGreaterThanOrEqualTo(0);
        Rank(forSecond, secondDayId).ShouldBeLessThan(Rank(forSecond, firstDayId) is var q and >= 0 ? q : int.MaxValue);
    }
}

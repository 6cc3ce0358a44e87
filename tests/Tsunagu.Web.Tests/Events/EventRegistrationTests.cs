using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

/// <summary>The rules of registration: waitlist and promotion, check-in by code, the survey, the satisfaction indicator, bad input.</summary>
public class EventRegistrationTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    [Fact]
    public async Task FullCourse_Waitlists_AndACancellationPromotesTheFirstWaiting_WhoIsToldByEmail()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Places(1))).Id;
        var first = await TestData.CreateUserAsync(factory);
        var second = await TestData.CreateUserAsync(factory);
        var third = await TestData.CreateUserAsync(factory);

        (await Register(id, first.Id)).Status.ShouldBe(RegistrationStatus.Confirmed);
        var waiting = await Register(id, second.Id);
        waiting.Status.ShouldBe(RegistrationStatus.Waitlisted);
        waiting.Position.ShouldBe(1);
        (await Register(id, third.Id)).Position.ShouldBe(2);

        var cancelled = await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.CancelAsync(id, first.Id));
        cancelled.Succeeded.ShouldBeTrue();
        (await Mine(id, second.Id)).Status.ShouldBe(RegistrationStatus.Confirmed);
        (await Mine(id, second.Id)).PromotedAt.ShouldNotBeNull();
        (await Mine(id, third.Id)).Status.ShouldBe(RegistrationStatus.Waitlisted);
        (await EventTestData.WithServiceAsync(factory, City, async s => await s.Catalog.QueuePlaceAsync(await s.Catalog.MineAsync(id, third.Id) ?? throw new InvalidOperationException()))).ShouldBe(1);
        var mail = await TestData.LastMailToAsync(factory, second.Email!);
        mail.Subject.ShouldContain("参加が確定しました");
        TestData.FirstLink(mail.Body).ShouldBe($"/{City}/events/mine");

        // A waitlisted person leaving frees no seat; the one who cancelled may register again, at the back of the queue.
        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.CancelAsync(id, third.Id))).Succeeded.ShouldBeTrue();
        var again = await Register(id, first.Id);
        again.Status.ShouldBe(RegistrationStatus.Waitlisted);
        again.Position.ShouldBe(3);
        var e = await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().SingleAsync(x => x.Id == id));
        e.Confirmed.ShouldBe(1);
    }

    [Fact]
    public async Task DeletingAnAccount_GivesItsPlaceToTheFirstWaiting()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Places(1))).Id;
        var leaving = await TestData.CreateUserAsync(factory);
        var waiting = await TestData.CreateUserAsync(factory);
        await Register(id, leaving.Id);
        await Register(id, waiting.Id);

        var browser = Browser.For(factory);
        await browser.SignInAsync(leaving.Email!);
        (await browser.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Password"] = TestData.Password })).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);

        (await Mine(id, waiting.Id)).Status.ShouldBe(RegistrationStatus.Confirmed);
        TestData.FirstLink((await TestData.LastMailToAsync(factory, waiting.Email!)).Body).ShouldBe($"/{City}/events/mine");
        var e = await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().SingleAsync(x => x.Id == id));
        e.Confirmed.ShouldBe(1);
        (await TestData.WithDbAsync(factory, db => db.Set<EventRegistration>().IgnoreQueryFilters().CountAsync(r => r.EventId == id))).ShouldBe(1);
    }

    [Fact]
    public async Task DeletingAnAccount_KeepsItsSurveyScore_WithoutTheComment()
    {
        var id = (await TestData.CreateEventAsync(factory, City)).Id;
        var user = await TestData.CreateUserAsync(factory);
        var registration = await Register(id, user.Id);
        await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.CheckInAsync(id, registration.Code));
        await EventTestData.PastAsync(factory, id);
        (await EventTestData.WithServiceAsync(factory, City, s => s.Survey.AnswerAsync(id, user.Id, 5, "山田です。とても良かった"))).ShouldBeEmpty();

        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        await browser.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Password"] = TestData.Password });

        var answer = await TestData.WithDbAsync(factory, db => db.Set<EventSurveyAnswer>().IgnoreQueryFilters().SingleAsync(a => a.EventId == id));
        answer.Satisfaction.ShouldBe(5);
        answer.Comment.ShouldBeNull();
        answer.RegistrationId.ShouldBeNull();
    }

    [Fact]
    public async Task DownloadData_IncludesEventRegistrationsAndTheSurveyAnswer()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Titled("防災講座"))).Id;
        var user = await TestData.CreateUserAsync(factory);
        var registration = await Register(id, user.Id);
        await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.CheckInAsync(id, registration.Code));
        await EventTestData.PastAsync(factory, id);
        (await EventTestData.WithServiceAsync(factory, City, s => s.Survey.AnswerAsync(id, user.Id, 4, "また参加したい"))).ShouldBeEmpty();

        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        var response = await browser.SubmitAsync("/account/data", new Dictionary<string, string>());
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var row = json.RootElement.GetProperty("eventRegistrations")[0];
        row.GetProperty("City").GetString().ShouldBe(City);
        row.GetProperty("Event").GetString().ShouldBe("防災講座");
        row.GetProperty("Status").GetString().ShouldBe("Attended");
        row.GetProperty("Code").GetString().ShouldBe(registration.Code);
        row.GetProperty("Survey").GetProperty("Comment").GetString().ShouldBe("また参加したい");
    }

    [Fact]
    public async Task RaisingTheCapacity_PromotesInOrder()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Places(1))).Id;
        var users = new List<string>();
        for (var i = 0; i < 4; i++) users.Add((await TestData.CreateUserAsync(factory)).Id);
        foreach (var u in users) await Register(id, u);

        var e = (await EventTestData.WithServiceAsync(factory, City, s => s.Catalog.FindAsync(id)))!;
        var errors = await EventTestData.WithServiceAsync(factory, City, s => s.Editing.UpdateAsync(id, Draft(e) with { Capacity = 3 }));
        errors.ShouldBeEmpty();
        (await Mine(id, users[1])).Status.ShouldBe(RegistrationStatus.Confirmed);
        (await Mine(id, users[2])).Status.ShouldBe(RegistrationStatus.Confirmed);
        (await Mine(id, users[3])).Status.ShouldBe(RegistrationStatus.Waitlisted);

        var lower = await EventTestData.WithServiceAsync(factory, City, s => s.Editing.UpdateAsync(id, Draft(e) with { Capacity = 2 }));
        MessageFor(lower, "Capacity").ShouldContain("3人より少なくできません");
    }

    [Fact]
    public async Task CheckInByCode_ThenTheSurveyAfterTheEvent_MovesTheSatisfactionIndicator()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Places(2))).Id;
        var attendee = await TestData.CreateUserAsync(factory);
        var waiting = await TestData.CreateUserAsync(factory);
        var absent = await TestData.CreateUserAsync(factory);
        var registration = await Register(id, attendee.Id);
        await Register(id, absent.Id);
        var waitlisted = await Register(id, waiting.Id);

        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.CheckInAsync(id, "NOSUCHCODE"))).Problems.Summary.ShouldBe("この受付コードの申込はありません。");
        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.CheckInAsync(id, waitlisted.Code))).Problems.Summary.ShouldContain("キャンセル待ち");
        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.CheckInAsync(id, registration.Code.ToLowerInvariant()))).Succeeded.ShouldBeTrue();
        (await EventTestData.WithServiceAsync(factory, City, s => s.Registrations.CheckInAsync(id, registration.Code))).Problems.Summary.ShouldBe("この方はすでに受付済みです。");
        (await Mine(id, attendee.Id)).Status.ShouldBe(RegistrationStatus.Attended);

        (await EventTestData.WithServiceAsync(factory, City, s => s.Survey.AnswerAsync(id, attendee.Id, 5, null))).Summary.ShouldBe("アンケートはイベントの終了後に回答できます。");
        await EventTestData.PastAsync(factory, id);
        (await EventTestData.WithServiceAsync(factory, City, s => s.Survey.AnswerAsync(id, absent.Id, 5, null))).Summary.ShouldBe("アンケートは参加された方だけが回答できます。");
        (await EventTestData.WithServiceAsync(factory, City, s => s.Survey.AnswerAsync(id, attendee.Id, 6, null))).Summary.ShouldBe("満足度を1から5で選んでください。");

        var fiscalYear = FiscalYearNow();
        var before = await Indicator(fiscalYear);
        (await EventTestData.WithServiceAsync(factory, City, s => s.Survey.AnswerAsync(id, attendee.Id, 4, "分かりやすかったです"))).ShouldBeEmpty();
        (await EventTestData.WithServiceAsync(factory, City, s => s.Survey.AnswerAsync(id, attendee.Id, 1, null))).Summary.ShouldBe("アンケートにはすでに回答しています。");
        var after = await Indicator(fiscalYear);
        var (satisfied, total) = await TestData.WithDbAsync(factory, async db =>
        {
            var cityId = await db.Cities.Where(c => c.Slug == City).Select(c => c.Id).SingleAsync();
            var answers = db.Set<EventSurveyAnswer>().IgnoreQueryFilters().Where(a => a.CityId == cityId);
            return (await answers.CountAsync(a => a.Satisfaction >= 4), await answers.CountAsync());
        });
        after.ShouldBe(Math.Round(100m * satisfied / total, 1));
        if (before is not null) after!.Value.ShouldBeGreaterThanOrEqualTo(before.Value);
        (await Indicator(fiscalYear - 30)).ShouldBeNull();
    }

    [Fact]
    public async Task StaffEventList_ShowsEachEventsSatisfaction_AsTheIndicatorCountsIt()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Titled("満足度を見る講座"))).Id;
        var unanswered = (await TestData.CreateEventAsync(factory, City, e => e.Titled("まだ回答のない講座"))).Id;
        var cityId = await TestData.CityIdAsync(factory, City);
        await TestData.WithDbAsync(factory, async db =>
        {
            foreach (var score in new[] { 5, 4, 2 })
                db.Add(new EventSurveyAnswer { CityId = cityId, EventId = id, Satisfaction = score, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        var (_, page) = await browser.GetPageAsync($"/{City}/admin/events");
        string Row(string title) => page.QuerySelectorAll("main tbody tr").Single(tr => tr.QuerySelector("th a")!.TextContent == title).TextContent;
        Row("満足度を見る講座").ShouldContain("67%（3件）");
        Row("まだ回答のない講座").ShouldContain("—");

        // The list is by fiscal year (this one first); an event of an earlier year is under that year.
        await TestData.CreateEventAsync(factory, City, e => e.Titled("去年度の講座").StartingIn(TimeSpan.FromDays(-400)));
        var (_, thisYear) = await browser.GetPageAsync($"/{City}/admin/events");
        thisYear.QuerySelectorAll("main tbody th a").Select(a => a.TextContent).ShouldNotContain("去年度の講座");
        var then = Tsunagu.Web.Calendar.FiscalYear.Of(DateTime.UtcNow.AddHours(9).AddDays(-400)).StartYear;
        var (_, past) = await browser.GetPageAsync($"/{City}/admin/events?year={then}");
        past.QuerySelectorAll("main tbody th a").Select(a => a.TextContent).ShouldContain("去年度の講座");
        past.QuerySelectorAll("main tbody th a").Select(a => a.TextContent).ShouldNotContain("満足度を見る講座");
    }

    [Fact]
    public async Task BadInput_GetsAMessageForEachField()
    {
        var start = DateTime.UtcNow.AddDays(10);
        var draft = new EventDraft("講座", "説明", EventKind.Course, "会議室", null, -5, DateTime.UtcNow, start.AddDays(30), false, false, false, 0,
            [(start, start.AddHours(2)), (start.AddHours(1), start.AddHours(3)), (start.AddDays(1), start.AddDays(1).AddHours(-1))]);
        var errors = await EventTestData.WithServiceAsync(factory, City, s => Task.FromResult(s.Editing.Validate(draft)));
        MessageFor(errors, "Capacity").ShouldBe("定員は1以上の数を入力してください。");
        MessageFor(errors, "Meetings[1].StartTime").ShouldBe("第2回の時間が第1回と重なっています。");
        MessageFor(errors, "Meetings[2].EndTime").ShouldBe("第3回の終了時刻は開始時刻より後にしてください。");
        MessageFor(errors, "RegistrationClosesAt").ShouldBe("申込の締切は、最終回が終わるより前にしてください。");

        var good = draft with { Capacity = 20, RegistrationClosesAt = start.AddDays(-1), Meetings = [(start, start.AddHours(2)), (start.AddDays(7), start.AddDays(7).AddHours(2))] };
        (await EventTestData.WithServiceAsync(factory, City, s => Task.FromResult(s.Editing.Validate(good)))).ShouldBeEmpty();
        var (created, none) = await EventTestData.WithServiceAsync(factory, City, s => s.Editing.CreateAsync(good, null));
        none.ShouldBeEmpty();
        created!.Meetings.Count.ShouldBe(2);
    }

    [Fact]
    public async Task OnlineLink_OnlyForConfirmedRegistrants_FromADayBefore()
    {
        var soon = (await TestData.CreateEventAsync(factory, City, e => e.Places(1).StartingIn(TimeSpan.FromHours(20)).Online("https://meet.example.jp/abc"))).Id;
        var later = (await TestData.CreateEventAsync(factory, City, e => e.StartingIn(TimeSpan.FromDays(5)).Online("https://meet.example.jp/def"))).Id;
        var confirmed = await TestData.CreateUserAsync(factory);
        var waiting = await TestData.CreateUserAsync(factory);
        await Register(soon, confirmed.Id);
        await Register(soon, waiting.Id);
        await Register(later, confirmed.Id);

        await EventTestData.WithServiceAsync(factory, City, async s =>
        {
            var e = (await s.Catalog.FindAsync(soon))!;
            s.Catalog.ShowsOnlineLink(e, await s.Catalog.MineAsync(soon, confirmed.Id)).ShouldBeTrue();
            s.Catalog.ShowsOnlineLink(e, await s.Catalog.MineAsync(soon, waiting.Id)).ShouldBeFalse();
            s.Catalog.ShowsOnlineLink(e, null).ShouldBeFalse();
            s.Catalog.ShowsOnlineLink((await s.Catalog.FindAsync(later))!, await s.Catalog.MineAsync(later, confirmed.Id)).ShouldBeFalse();
            return 0;
        });
    }

    private Task<EventRegistration> Register(int id, string userId) =>
        EventTestData.WithServiceAsync(factory, City, async s =>
        {
            var result = await s.Registrations.RegisterAsync(id, userId);
            result.Problems.ShouldBeEmpty();
            return result.Registration!;
        });

    private Task<EventRegistration> Mine(int id, string userId) =>
        EventTestData.WithServiceAsync(factory, City, async s => (await s.Catalog.MineAsync(id, userId))!);

    private async Task<decimal?> Indicator(int fiscalYear)
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Data.TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == City));
        var source = scope.ServiceProvider.GetServices<IIndicatorSource>().Single(s => s.Name == "course-satisfaction");
        return await source.ValueAsync(fiscalYear);
    }

    private static int FiscalYearNow()
    {
        var tokyo = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Tsunagu.Web.Shared.Display.TokyoZone);
        return tokyo.Month >= 4 ? tokyo.Year : tokyo.Year - 1;
    }

    private static string MessageFor(Tsunagu.Web.Shared.Problems problems, string field) => problems.Single(p => p.Field == field).Message;

    private static EventDraft Draft(Event e) => new(e.Title, e.Description, e.Kind, e.Place, e.OnlineLink, e.Capacity, e.RegistrationOpensAt, e.RegistrationClosesAt,
        e.SignLanguage, e.Captioning, e.Childcare, e.Fee, [.. e.Meetings.Select(m => (m.StartsAt, m.EndsAt))]);
}

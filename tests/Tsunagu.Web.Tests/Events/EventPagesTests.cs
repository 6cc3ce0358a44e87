using System.Net;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

/// <summary>The pages: staff create events (bad input is told next to its field), people register, wait, are promoted, check in and answer the survey.</summary>
public class EventPagesTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "muroran";

    [Fact]
    public async Task Staff_CreateAnEvent_BadInputGetsAMessageNextToEachField()
    {
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30));
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "ボランティア入門講座",
            ["Input.Kind"] = "Course",
            ["Input.Description"] = "はじめての方向けです。",
            ["Input.Place"] = "会議室1",
            ["Input.Capacity"] = "-3",
            ["Input.OpensDate"] = D(day.AddDays(-20)),
            ["Input.ClosesDate"] = D(day.AddDays(5)),
            ["Input.Meetings[0].Date"] = D(day),
            ["Input.Meetings[0].StartTime"] = "10:00",
            ["Input.Meetings[0].EndTime"] = "12:00",
            ["Input.Meetings[1].Date"] = D(day),
            ["Input.Meetings[1].StartTime"] = "11:00",
            ["Input.Meetings[1].EndTime"] = "13:00",
            ["Input.Meetings[2].Date"] = D(day.AddDays(1)),
            ["Input.Meetings[2].StartTime"] = "15:00",
            ["Input.Meetings[2].EndTime"] = "14:00",
        };
        var response = await browser.SubmitAsync($"/{City}/admin/events/new", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_Capacity-error")!.TextContent.ShouldContain("定員は1以上の数を入力してください。");
        page.QuerySelector("#Input_Meetings_1__StartTime-error")!.TextContent.ShouldContain("第2回の時間が第1回と重なっています。");
        page.QuerySelector("#Input_Meetings_2__EndTime-error")!.TextContent.ShouldContain("第3回の終了時刻は開始時刻より後にしてください。");
        page.QuerySelector("#Input_ClosesDate-error")!.TextContent.ShouldContain("申込の締切は、最終回が終わるより前にしてください。");
        page.QuerySelector(".error-summary, [role=alert]").ShouldNotBeNull();

        fields["Input.Capacity"] = "20";
        fields["Input.ClosesDate"] = D(day.AddDays(-1));
        fields["Input.Meetings[1].Date"] = D(day.AddDays(7));
        fields["Input.Meetings[2].Date"] = "";
        fields["Input.Meetings[2].StartTime"] = "";
        fields["Input.Meetings[2].EndTime"] = "";
        fields["Input.SignLanguage"] = "true";
        var created = await browser.SubmitAsync($"/{City}/admin/events/new", fields);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.OriginalString.ShouldBe($"/{City}/admin/events");
        var (_, list) = await browser.GetPageAsync($"/{City}/admin/events");
        list.QuerySelector("main table")!.TextContent.ShouldContain("ボランティア入門講座");

        var e = await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().Include(x => x.Meetings).OrderByDescending(x => x.Id).FirstAsync(x => x.Title == "ボランティア入門講座"));
        e.Meetings.Count.ShouldBe(2);
        e.SignLanguage.ShouldBeTrue();
        e.Capacity.ShouldBe(20);
        var (_, edit) = await browser.GetPageAsync($"/{City}/admin/events/{e.Id}/edit");
        edit.QuerySelector("#Input_Meetings_1__StartTime")!.GetAttribute("value").ShouldBe("11:00");

        // A citizen cannot reach the staff pages.
        var citizen = await TestData.CreateUserAsync(factory);
        var other = Browser.For(factory);
        await other.SignInAsync(citizen.Email!);
        (await other.GetAsync($"/{City}/admin/events/new")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FullCourse_Waitlisted_PromotedWhenSomeoneCancels_ChecksInByCode_AndAnswersTheSurvey()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Places(1).Titled("パソコン講座"))).Id;
        var first = await TestData.CreateUserAsync(factory);
        var second = await TestData.CreateUserAsync(factory, u => u.DisplayName = "待機 花子");
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var details = $"/{City}/events/{id}";

        var anonymous = Browser.For(factory);
        var (_, publicList) = await anonymous.GetPageAsync($"/{City}/events");
        publicList.QuerySelector($"a[href='{details}']").ShouldNotBeNull();
        (await anonymous.GetPageAsync(details)).Page.QuerySelector("main")!.TextContent.ShouldContain("サインインすると申し込めます。");

        var a = Browser.For(factory);
        await a.SignInAsync(first.Email!);
        (await a.SubmitAsync(details, new Dictionary<string, string>(), "form[action*=Register]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await a.GetPageAsync(details)).Page.QuerySelector("main")!.TextContent.ShouldContain("参加が確定しています。");

        var b = Browser.For(factory);
        await b.SignInAsync(second.Email!);
        var (_, full) = await b.GetPageAsync(details);
        full.QuerySelector("form[action*=Register] button")!.TextContent.ShouldBe("キャンセル待ちで申し込む");
        await b.SubmitAsync(details, new Dictionary<string, string>(), "form[action*=Register]");
        (await b.GetPageAsync(details)).Page.QuerySelector("main")!.TextContent.ShouldContain("キャンセル待ちです（1番目）。");
        (await b.GetPageAsync($"/{City}/events/mine")).Page.QuerySelector("main img").ShouldBeNull();

        (await a.SubmitAsync(details, new Dictionary<string, string>(), "form[action*=Cancel]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await b.GetPageAsync(details)).Page.QuerySelector("main")!.TextContent.ShouldContain("参加が確定しています。");
        (await TestData.LastMailToAsync(factory, second.Email!)).Subject.ShouldContain("パソコン講座");

        var (_, mine) = await b.GetPageAsync($"/{City}/events/mine");
        var code = mine.QuerySelector(".registration-code")!.TextContent;
        code.Length.ShouldBe(8);
        var qr = mine.QuerySelector("main img")!;
        qr.GetAttribute("src")!.ShouldStartWith("data:image/png;base64,");
        qr.GetAttribute("alt")!.ShouldContain(code);

        var s = Browser.For(factory);
        await s.SignInAsync(staff.Email!);
        var checkin = $"/{City}/admin/events/{id}/checkin";
        var wrong = await s.SubmitAsync(checkin, new Dictionary<string, string> { ["Code"] = "XXXXXXXX" });
        (await Browser.ParseAsync(wrong)).QuerySelector("#Code-error")!.TextContent.ShouldContain("この受付コードの申込はありません。");
        (await s.SubmitAsync(checkin, new Dictionary<string, string> { ["Code"] = code.ToLowerInvariant() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, after) = await s.GetPageAsync(checkin);
        after.QuerySelector("main")!.TextContent.ShouldContain("待機 花子さんの受付をしました。");
        after.QuerySelector("main table")!.TextContent.ShouldContain("受付済み");

        (await b.GetPageAsync(details)).Page.QuerySelector("form[action*=Survey]").ShouldBeNull();
        (await a.GetAsync($"/shimonoseki/events/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await EventTestData.PastAsync(factory, id);
        var (_, closed) = await a.GetPageAsync(details);
        closed.QuerySelector("main")!.TextContent.ShouldContain("申込の受付は終了しました。");
        closed.QuerySelector("form[action*=Register]").ShouldBeNull();
        var empty = await b.SubmitAsync(details, new Dictionary<string, string> { ["Satisfaction"] = "" }, "form[action*=Survey]");
        (await Browser.ParseAsync(empty)).QuerySelector("#Satisfaction-error")!.TextContent.ShouldContain("満足度を選んでください。");
        (await b.SubmitAsync(details, new Dictionary<string, string> { ["Satisfaction"] = "5", ["Comment"] = "とても役に立ちました" }, "form[action*=Survey]"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await b.GetPageAsync(details)).Page.QuerySelector("form[action*=Survey]").ShouldBeNull();
        var answer = await TestData.WithDbAsync(factory, db => db.Set<EventSurveyAnswer>().IgnoreQueryFilters().SingleAsync(x => x.EventId == id));
        answer.Satisfaction.ShouldBe(5);
        answer.Comment.ShouldBe("とても役に立ちました");
    }
}

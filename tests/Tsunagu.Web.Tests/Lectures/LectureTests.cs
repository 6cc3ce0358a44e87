using System.Net;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Lectures;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Lectures;

public class LectureTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    [Fact]
    public async Task Staff_AddATalk_ACitizenRequestsIt_StaffScheduleAndRecordIt()
    {
        var staffUser = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = Browser.For(factory);
        await staff.SignInAsync(staffUser.Email!);
        (await staff.SubmitAsync($"/{City}/admin/lectures", new Dictionary<string, string>
        {
            ["NewTopic.Title"] = "はじめての防災講座",
            ["NewTopic.Description"] = "家庭でできる備えを学びます。",
            ["NewTopic.Speaker"] = "防災危機管理課",
            ["NewTopic.Minutes"] = "90",
        }, "main form[action*=Topic]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var topicId = await TestData.WithDbAsync(factory, db => db.Set<LectureTopic>().IgnoreQueryFilters().Where(t => t.Title == "はじめての防災講座").Select(t => t.Id).SingleAsync());

        var citizen = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.SignInAsync(citizen.Email!);
        var url = $"/{City}/lectures?topic={topicId}";
        var bad = await browser.SubmitAsync(url, new Dictionary<string, string> { ["Input.Organisation"] = "", ["Input.Participants"] = "0" });
        var page = await Browser.ParseAsync(bad);
        page.QuerySelector("#Input_Organisation-error")!.TextContent.ShouldContain("団体名");
        page.QuerySelector("#Input_Participants-error")!.TextContent.ShouldContain("1人以上");
        (await browser.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.Organisation"] = "幡生町自治会",
            ["Input.PreferredDates"] = "3月10日午後",
            ["Input.Place"] = "幡生公民館",
            ["Input.Participants"] = "30",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.LastMailToAsync(factory, staffUser.Email!)).Subject.ShouldContain("出前講座");
        var request = await TestData.WithDbAsync(factory, db => db.Set<LectureRequest>().IgnoreQueryFilters().SingleAsync(r => r.TopicId == topicId));

        var date = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await staff.PostWithTokenAsync($"/{City}/admin/lectures", $"/{City}/admin/lectures?handler=Update&id={request.Id}",
            new Dictionary<string, string> { ["status"] = "Done", ["attended"] = "28" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<LectureRequest>().IgnoreQueryFilters().SingleAsync(r => r.Id == request.Id))).Status.ShouldBe(LectureRequestStatus.Received);
        await staff.PostWithTokenAsync($"/{City}/admin/lectures", $"/{City}/admin/lectures?handler=Update&id={request.Id}",
            new Dictionary<string, string> { ["status"] = "Scheduled", ["date"] = date, ["time"] = "14:00", ["note"] = "当日はプロジェクターをお借りします。" });
        (await TestData.LastMailToAsync(factory, citizen.Email!)).Body.ShouldContain("日時が決まりました");
        await staff.PostWithTokenAsync($"/{City}/admin/lectures", $"/{City}/admin/lectures?handler=Update&id={request.Id}",
            new Dictionary<string, string> { ["status"] = "Done", ["attended"] = "28" });
        var done = await TestData.WithDbAsync(factory, db => db.Set<LectureRequest>().IgnoreQueryFilters().SingleAsync(r => r.Id == request.Id));
        done.Status.ShouldBe(LectureRequestStatus.Done);
        done.Attended.ShouldBe(28);
        var (_, mine) = await browser.GetPageAsync($"/{City}/lectures/requests");
        mine.QuerySelector("main")!.TextContent.ShouldContain("実施済み");
    }
}

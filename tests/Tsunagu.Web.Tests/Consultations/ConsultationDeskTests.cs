using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Consultations;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Consultations;

public class ConsultationDeskTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private async Task<Browser> SignedInAsync(Action<TestData.UserSpec>? spec = null)
    {
        var user = await TestData.CreateUserAsync(factory, spec);
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    [Fact]
    public async Task OnlineRequest_GoesFromReceivedToDone_WithNotesAndFollowUps()
    {
        var citizenEmail = $"soudan-{Guid.NewGuid():N}@example.jp";
        var citizen = await SignedInAsync(u => u.WithEmail(citizenEmail));
        var question = $"NPO法人にしたいのですが、何から始めればよいですか。{Guid.NewGuid():N}";
        var sent = await citizen.SubmitAsync($"/{City}/consultations/new", new Dictionary<string, string>
        {
            ["Input.Topic"] = "Incorporation",
            ["Input.PreferredContact"] = "Email",
            ["Input.Question"] = question,
            ["Input.Name"] = "相談 太郎",
            ["Input.Email"] = citizenEmail,
        });
        (await sent.Content.ReadAsStringAsync()).ShouldContain("相談の申し込みを受け付けました");
        (await TestData.LastMailToAsync(factory, citizenEmail)).Body.ShouldContain("法人化");

        var id = await TestData.WithDbAsync(factory, db => db.Consultations.IgnoreQueryFilters().Where(c => c.Question == question).Select(c => c.Id).SingleAsync());
        var staff = await SignedInAsync(u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var (_, list) = await staff.GetPageAsync($"/{City}/admin/consultations?status=Received");
        list.QuerySelector($"a[href='/{City}/admin/consultations/{id}']").ShouldNotBeNull();

        var url = $"/{City}/admin/consultations/{id}";
        (await staff.PostWithTokenAsync(url, url + "?handler=Note", new Dictionary<string, string> { ["noteText"] = "電話で状況を伺った。" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(id)).ShouldBe(ConsultationStatus.InProgress);
        (await staff.PostWithTokenAsync(url, url + "?handler=FollowUp", new Dictionary<string, string> { ["dueOn"] = "2026-12-01", ["followUpText"] = "定款の例を送る" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var followUpId = await TestData.WithDbAsync(factory, db => db.Set<ConsultationFollowUp>().Where(f => f.ConsultationId == id).Select(f => f.Id).SingleAsync());
        (await staff.PostWithTokenAsync(url, url + "?handler=CompleteFollowUp", new Dictionary<string, string> { ["followUpId"] = followUpId.ToString(CultureInfo.InvariantCulture) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await staff.PostWithTokenAsync(url, url + "?handler=Update", new Dictionary<string, string> { ["status"] = "Done", ["assigneeUserId"] = "", ["groupId"] = "" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(id)).ShouldBe(ConsultationStatus.Done);

        var (_, detail) = await staff.GetPageAsync(url);
        detail.QuerySelector("main")!.TextContent.ShouldContain("電話で状況を伺った。");
        detail.QuerySelector("h1")!.TextContent.ShouldContain("完了");
    }

    private Task<ConsultationStatus> StatusAsync(int id) =>
        TestData.WithDbAsync(factory, db => db.Consultations.IgnoreQueryFilters().Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    [Fact]
    public async Task EmptyNote_AndMissingFollowUpDate_AreRefusedNextToTheField()
    {
        var staff = await SignedInAsync(u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var recorded = await staff.SubmitAsync($"/{City}/admin/consultations/record", new Dictionary<string, string>
        {
            ["Channel"] = "Phone",
            ["Input.Topic"] = "Funding",
            ["Input.PreferredContact"] = "Phone",
            ["Input.Question"] = "助成金について",
            ["Input.Name"] = "電話 花子",
            ["Input.Phone"] = "083-231-1111",
        });
        recorded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = recorded.Headers.Location!.OriginalString;
        var note = await staff.PostWithTokenAsync(url, url + "?handler=Note", new Dictionary<string, string> { ["noteText"] = "" });
        (await Browser.ParseAsync(note)).QuerySelector("#NoteText-error")!.TextContent.ShouldContain("メモを入力してください");
        var follow = await staff.PostWithTokenAsync(url, url + "?handler=FollowUp", new Dictionary<string, string> { ["followUpText"] = "連絡する" });
        (await Browser.ParseAsync(follow)).QuerySelector("#DueOn-error")!.TextContent.ShouldContain("期日を入力してください");
    }

    [Fact]
    public async Task Request_WithMissingFields_ShowsErrors()
    {
        var citizen = await SignedInAsync();
        var response = await citizen.SubmitAsync($"/{City}/consultations/new", new Dictionary<string, string>
        {
            ["Input.Topic"] = "",
            ["Input.PreferredContact"] = "Phone",
            ["Input.Question"] = "",
            ["Input.Name"] = "x",
            ["Input.Phone"] = "",
        });
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_Topic-error")!.TextContent.ShouldContain("相談の内容を選んでください");
        page.QuerySelector("#Input_Question-error")!.TextContent.ShouldContain("相談したいことを入力してください");
        page.QuerySelector("#Input_Phone-error")!.TextContent.ShouldContain("電話番号を入力してください");
    }

    [Theory]
    [InlineData(CityRole.CityAdmin)]
    [InlineData(CityRole.GroupAdmin)]
    [InlineData(CityRole.PlanManager)]
    public async Task CasesHoldPersonalData_OnlyCentreStaffSeeThem(CityRole role)
    {
        var other = await SignedInAsync(u => u.InCity(City, role).ExemptFromTwoFactor());
        (await other.GetAsync($"/{City}/admin/consultations")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Counts_ByMonthTopicAndChannel_AndCsvForExcel()
    {
        var staff = await SignedInAsync(u => u.InCity("muroran", CityRole.CentreStaff).ExemptFromTwoFactor());
        foreach (var (channel, topic) in new[] { ("Counter", "Founding"), ("Phone", "Founding"), ("Counter", "PublicRelations") })
            await staff.SubmitAsync("/muroran/admin/consultations/record", new Dictionary<string, string>
            {
                ["Channel"] = channel,
                ["Input.Topic"] = topic,
                ["Input.PreferredContact"] = "Counter",
                ["Input.Question"] = "q",
                ["Input.Name"] = "n",
            });
        var csv = await staff.GetAsync("/muroran/admin/consultations/stats?format=csv");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var rows = Tsunagu.Web.Shared.Spreadsheets.CsvFile.Read(bytes).Rows;
        rows[0].Cells[^1].ShouldBe("年度計");
        rows.Single(r => r[1] == "設立").Cells[^1].ShouldBe("2");
        rows.Single(r => r[1] == "窓口").Cells[^1].ShouldBe("2");
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Groups;

public class GroupRegistrationTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "nagato";

    /// <summary>Walks the journey as an applicant would and returns the application's id (not yet submitted).</summary>
    private async Task<int> FillApplicationAsync(Browser applicant, string name, string representativeEmail)
    {
        var start = await applicant.SubmitAsync($"/{City}/groups/register", new Dictionary<string, string>());
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var about = start.Headers.Location!.OriginalString;
        var id = int.Parse(about.Split('/')[^2], CultureInfo.InvariantCulture);
        var district = await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().Where(d => d.Name == "湊").Select(d => d.Id).SingleAsync());

        var aboutPost = await applicant.Client.PostAsync(about, await FormAsync(applicant, about, [
            new("Input.Name", name), new("Input.NameKana", "みなとこどもしょくどう"), new("Input.Type", "VolunteerGroup"),
            new("Input.Description", "湊地区で月2回、子ども食堂を開いています。ボランティア歓迎。"),
            new("Input.Fields", "1"), new("Input.Fields", "13"), new("Input.Districts", district.ToString(CultureInfo.InvariantCulture)),
        ]));
        aboutPost.Headers.Location!.OriginalString.ShouldEndWith($"/{id}/activity");

        (await applicant.SubmitAsync($"/{City}/groups/register/{id}/activity", new Dictionary<string, string>
        {
            ["Input.MeetingSchedule"] = "第1・第3土曜日 11時〜14時",
            ["Input.MemberCount"] = "12",
            ["Input.RecruitingVolunteers"] = "true",
        })).Headers.Location!.OriginalString.ShouldEndWith($"/{id}/contact");

        (await applicant.SubmitAsync($"/{City}/groups/register/{id}/contact", new Dictionary<string, string>
        {
            ["Input.PublicContactName"] = "事務局",
            ["Input.PublicEmail"] = "info@minato-shokudo.example.jp",
            ["Input.RepresentativeName"] = "湊 一郎",
            ["Input.RepresentativeEmail"] = representativeEmail,
            ["Input.RepresentativePhone"] = "090-1234-5678",
            ["Input.RepresentativePostalCode"] = "７５９－４１０１",
            ["Input.RepresentativeAddress"] = "長門市東深川1339番地2",
        })).Headers.Location!.OriginalString.ShouldEndWith($"/{id}/check");
        return id;
    }

    /// <summary>Posts repeated fields (checkbox lists) with the form's antiforgery token.</summary>
    private static async Task<FormUrlEncodedContent> FormAsync(Browser browser, string url, List<KeyValuePair<string, string>> fields)
    {
        var (_, page) = await browser.GetPageAsync(url);
        fields.Add(new("__RequestVerificationToken", page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        return new FormUrlEncodedContent(fields);
    }

    private async Task<Browser> SignedInAsync(Action<TestData.UserSpec>? spec = null)
    {
        var user = await TestData.CreateUserAsync(factory, spec);
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    [Fact]
    public async Task Apply_Return_Correct_Approve_ThenPublishedWithoutPrivateContact()
    {
        var applicant = await SignedInAsync();
        var name = $"湊こども食堂{Guid.NewGuid():N}"[..12];
        var privateEmail = $"rep-{Guid.NewGuid():N}@private.example.jp";
        var id = await FillApplicationAsync(applicant, name, privateEmail);

        // Not agreeing to the rules is refused next to the checkbox.
        var refused = await applicant.SubmitAsync($"/{City}/groups/register/{id}/check", new Dictionary<string, string>());
        (await Browser.ParseAsync(refused)).QuerySelector("#Agree-error")!.TextContent.ShouldContain("同意が必要です");
        var submitted = await applicant.SubmitAsync($"/{City}/groups/register/{id}/check", new Dictionary<string, string> { ["Agree"] = "true" });
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.LastMailToAsync(factory, privateEmail)).Subject.ShouldContain("申請を受け付けました");

        // Not public while it is being reviewed.
        (await Browser.For(factory).GetAsync($"/{City}/groups/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var staff = await SignedInAsync(u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var (_, queue) = await staff.GetPageAsync($"/{City}/admin/groups");
        queue.QuerySelector("main table")!.TextContent.ShouldContain(name);
        var (_, detail) = await staff.GetPageAsync($"/{City}/admin/groups/{id}");
        detail.QuerySelector("main")!.TextContent.ShouldContain(privateEmail);

        var noComment = await staff.SubmitAsync($"/{City}/admin/groups/{id}", new Dictionary<string, string> { ["Decision"] = "Return" });
        (await Browser.ParseAsync(noComment)).QuerySelector("#Comment-error").ShouldNotBeNull();
        (await staff.SubmitAsync($"/{City}/admin/groups/{id}", new Dictionary<string, string> { ["Decision"] = "Return", ["Comment"] = "活動場所を書いてください。" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.LastMailToAsync(factory, privateEmail)).Body.ShouldContain("活動場所を書いてください。");

        // The applicant sees the comment, corrects the answer and applies again.
        var (_, check) = await applicant.GetPageAsync($"/{City}/groups/register/{id}/check");
        check.QuerySelector(".notice--warning")!.TextContent.ShouldContain("活動場所を書いてください。");
        (await applicant.SubmitAsync($"/{City}/groups/register/{id}/activity?change=true", new Dictionary<string, string>
        {
            ["Input.MeetingSchedule"] = "第1・第3土曜日 11時〜14時",
            ["Input.MeetingPlace"] = "湊公民館",
            ["Input.MemberCount"] = "12",
            ["Input.RecruitingVolunteers"] = "true",
        })).Headers.Location!.OriginalString.ShouldEndWith($"/{id}/check");
        (await applicant.SubmitAsync($"/{City}/groups/register/{id}/check", new Dictionary<string, string> { ["Agree"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await staff.SubmitAsync($"/{City}/admin/groups/{id}", new Dictionary<string, string> { ["Decision"] = "Approve" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.LastMailToAsync(factory, privateEmail)).Subject.ShouldContain("承認されました");

        // Public page, directory (found by a partial word in katakana) and API: never the representative's contact.
        var visitor = Browser.For(factory);
        var (pageResponse, page) = await visitor.GetPageAsync($"/{City}/groups/{id}");
        pageResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe(name);
        page.QuerySelector("main")!.TextContent.ShouldContain("info@minato-shokudo.example.jp");
        var (_, found) = await visitor.GetPageAsync($"/{City}/groups?q={Uri.EscapeDataString("コドモ")}&field=13");
        found.QuerySelectorAll("main .card h3 a").Select(a => a.TextContent).ShouldContain(name);
        var api = await visitor.Client.GetFromJsonAsync<GroupDirectory.Result>($"/api/v1/{City}/groups?q={Uri.EscapeDataString("食堂")}");
        api!.Groups.ShouldContain(g => g.Name == name);
        foreach (var body in new[] { await (await visitor.GetAsync($"/{City}/groups/{id}")).Content.ReadAsStringAsync(),
                                      await (await visitor.GetAsync($"/{City}/groups?q=こども")).Content.ReadAsStringAsync(),
                                      await (await visitor.GetAsync($"/api/v1/{City}/groups")).Content.ReadAsStringAsync(),
                                      await (await visitor.GetAsync($"/api/v1/{City}/groups/{id}")).Content.ReadAsStringAsync() })
        {
            body.ShouldNotContain(privateEmail);
            body.ShouldNotContain("090-1234-5678");
            body.ShouldNotContain("東深川");
        }

        // The applicant became the group's administrator and keeps the profile current; the change is audited.
        (await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == id).SelectMany(g => g.Administrators).CountAsync())).ShouldBe(1);
        var (_, own) = await applicant.GetPageAsync($"/{City}/groups/{id}");
        own.QuerySelector($"a[href='/{City}/groups/register/{id}/check']").ShouldNotBeNull();
        var edited = await applicant.SubmitAsync($"/{City}/groups/register/{id}/activity", new Dictionary<string, string>
        {
            ["Input.MeetingSchedule"] = "毎週土曜日 11時〜14時",
            ["Input.MeetingPlace"] = "湊公民館",
            ["Input.MemberCount"] = "15",
            ["Input.RecruitingVolunteers"] = "true",
        });
        edited.Headers.Location!.OriginalString.ShouldEndWith($"/{id}/check");
        (await (await visitor.GetAsync($"/{City}/groups/{id}")).Content.ReadAsStringAsync()).ShouldContain("毎週土曜日");
        var audit = await TestData.WithDbAsync(factory, db => db.AuditEntries.Where(e => e.EntityType == "Group" && e.EntityKey == id.ToString(CultureInfo.InvariantCulture) && e.Action == "update")
            .OrderByDescending(e => e.Id).FirstAsync());
        audit.Changes.ShouldContain("毎週土曜日");
        audit.Changes.ShouldContain("第1・第3土曜日");

        // Someone who does not administer it cannot.
        var stranger = await SignedInAsync();
        (await stranger.GetAsync($"/{City}/groups/register/{id}/activity")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task About_BadInput_IsShownNextToEachField()
    {
        var applicant = await SignedInAsync();
        var start = await applicant.SubmitAsync($"/{City}/groups/register", new Dictionary<string, string>());
        var about = start.Headers.Location!.OriginalString;
        var response = await applicant.Client.PostAsync(about, await FormAsync(applicant, about, [
            new("Input.Name", ""), new("Input.NameKana", "カタカナ"), new("Input.Type", "DistrictCouncil"), new("Input.Description", new string('あ', 2001)),
        ]));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_Name-error")!.TextContent.ShouldContain("団体名を入力してください");
        page.QuerySelector("#Input_NameKana-error")!.TextContent.ShouldContain("ひらがなで入力してください");
        page.QuerySelector("#Input_Description-error")!.TextContent.ShouldContain("2000文字以内");
        page.QuerySelector("#fields-error")!.TextContent.ShouldContain("活動分野を1つ以上選んでください");
        page.QuerySelector("#Input_CouncilDistrictId-error")!.TextContent.ShouldContain("協議会の地区を選んでください");
    }

    [Fact]
    public async Task Contact_BadPhoneAndPostalCode_AreRefused()
    {
        var applicant = await SignedInAsync();
        var start = await applicant.SubmitAsync($"/{City}/groups/register", new Dictionary<string, string>());
        var id = start.Headers.Location!.OriginalString.Split('/')[^2];
        var response = await applicant.SubmitAsync($"/{City}/groups/register/{id}/contact", new Dictionary<string, string>
        {
            ["Input.RepresentativeName"] = "山田",
            ["Input.RepresentativeEmail"] = "not-an-email",
            ["Input.RepresentativePhone"] = "12345",
            ["Input.RepresentativePostalCode"] = "75-0852",
        });
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_RepresentativeEmail-error")!.TextContent.ShouldContain("メールアドレスの形式");
        page.QuerySelector("#Input_RepresentativePhone-error")!.TextContent.ShouldContain("電話番号");
        page.QuerySelector("#Input_RepresentativePostalCode-error")!.TextContent.ShouldContain("郵便番号");
    }

    [Fact]
    public async Task DuplicateName_InTheSameCity_IsRefused()
    {
        var first = await SignedInAsync();
        var name = $"重複テスト{Guid.NewGuid():N}"[..10];
        await FillApplicationAsync(first, name, "a@example.jp");

        var second = await SignedInAsync();
        var start = await second.SubmitAsync($"/{City}/groups/register", new Dictionary<string, string>());
        var about = start.Headers.Location!.OriginalString;
        var response = await second.Client.PostAsync(about, await FormAsync(second, about, [
            new("Input.Name", name), new("Input.NameKana", "じゅうふく"), new("Input.Type", "Other"), new("Input.Description", "x"), new("Input.Fields", "3"),
        ]));
        (await Browser.ParseAsync(response)).QuerySelector("#Input_Name-error")!.TextContent.ShouldContain("すでに登録されています");
    }

    [Fact]
    public async Task AnotherPersonsApplication_CannotBeOpenedOrChanged()
    {
        var owner = await SignedInAsync();
        var id = await FillApplicationAsync(owner, $"他人の申請{Guid.NewGuid():N}"[..10], "owner@example.jp");
        var other = await SignedInAsync();
        (await other.GetAsync($"/{City}/groups/register/{id}/about")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/{City}/groups/register/{id}/check")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Nor from another city's URL.
        (await owner.GetAsync($"/shimonoseki/groups/register/{id}/check")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

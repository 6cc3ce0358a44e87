using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

/// <summary>Who may register: anyone, residents (declared), members of registered groups, or one group's members; on the page, the form and the API.</summary>
public class EventEligibilityTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "yamaguchi";

    private async Task<HttpClient> ApiAsync(string userId)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OpportunityTestData.ApiTokenAsync(factory, userId));
        return client;
    }

    private Task<EventRegistration?> MineAsync(int id, string userId) => EventTestData.WithServiceAsync(factory, City, s => s.Catalog.MineAsync(id, userId));

    [Fact]
    public async Task ResidentsOnly_TheWebFormAndTheApi_AskForTheDeclaration()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Titled("市民のための防災講座").OpenTo(EventEligibility.Residents))).Id;
        var details = $"/{City}/events/{id}";
        var user = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);

        var (_, page) = await browser.GetPageAsync(details);
        page.QuerySelector("main")!.TextContent.ShouldContain("山口市に住んでいる方、市内に通勤・通学している方");
        page.QuerySelector("form[action*=Register] input[type=checkbox][name=DeclaresResident]").ShouldNotBeNull();
        var undeclared = await browser.SubmitAsync(details, new Dictionary<string, string>(), "form[action*=Register]");
        undeclared.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(undeclared)).QuerySelector("#DeclaresResident-error")!.TextContent.ShouldContain("市内に通勤・通学している方が対象です");
        (await MineAsync(id, user.Id)).ShouldBeNull();
        (await browser.SubmitAsync(details, new Dictionary<string, string> { ["DeclaresResident"] = "true" }, "form[action*=Register]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mine = (await MineAsync(id, user.Id))!;
        mine.Status.ShouldBe(RegistrationStatus.Confirmed);
        mine.DeclaredResident.ShouldBeTrue();

        var other = await TestData.CreateUserAsync(factory);
        using var api = await ApiAsync(other.Id);
        var url = $"/api/v1/{City}/events/{id}/registrations";
        var refused = await api.PostAsync(url, null);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("市内に通勤・通学している方が対象です");
        (await api.PostAsJsonAsync(url, new { declaresResident = false })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await MineAsync(id, other.Id)).ShouldBeNull();
        var accepted = await api.PostAsJsonAsync(url, new { declaresResident = true });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await MineAsync(id, other.Id))!.DeclaredResident.ShouldBeTrue();

        var list = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/{City}/events");
        list.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == id).GetProperty("eligibility").GetString().ShouldBe("Residents");
    }

    [Fact]
    public async Task GroupMembersOnly_AndOneGroupOnly_AreEnforcedOnThePageAndInTheApi()
    {
        var citizen = await TestData.CreateUserAsync(factory);
        var member = await TestData.CreateUserAsync(factory);
        var otherMember = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(member))).Id;
        await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(otherMember));
        var groupName = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync());
        var anyGroup = (await TestData.CreateEventAsync(factory, City, e => e.Titled("団体交流会").OpenTo(EventEligibility.GroupMembers))).Id;
        var oneGroup = (await TestData.CreateEventAsync(factory, City, e => e.Titled("会員向け報告会").OpenTo(EventEligibility.OneGroup, groupId))).Id;

        // The web: a citizen is told who it is for and offered no button; posting anyway is refused.
        var browser = Browser.For(factory);
        await browser.SignInAsync(citizen.Email!);
        var (_, page) = await browser.GetPageAsync($"/{City}/events/{anyGroup}");
        var text = page.QuerySelector("main")!.TextContent;
        text.ShouldContain("登録団体の方（つなぐで団体の管理者になっている方）");
        text.ShouldContain("このイベントは登録団体の方が対象です。");
        page.QuerySelector("form[action*=Register]").ShouldBeNull();
        var posted = await browser.PostWithTokenAsync($"/{City}/events/{anyGroup}", $"/{City}/events/{anyGroup}?handler=Register", new Dictionary<string, string>());
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetPageAsync(posted.Headers.Location!.OriginalString)).Page.QuerySelector("main")!.TextContent.ShouldContain("このイベントは登録団体の方が対象です。");
        (await MineAsync(anyGroup, citizen.Id)).ShouldBeNull();
        var (_, one) = await browser.GetPageAsync($"/{City}/events/{oneGroup}");
        one.QuerySelector("main")!.TextContent.ShouldContain($"「{groupName}」の方");

        // The API: 403 with the reason for those it is not for; 201 for those it is.
        using var citizenApi = await ApiAsync(citizen.Id);
        using var memberApi = await ApiAsync(member.Id);
        using var otherApi = await ApiAsync(otherMember.Id);
        string Url(int id) => $"/api/v1/{City}/events/{id}/registrations";
        var forbidden = await citizenApi.PostAsync(Url(anyGroup), null);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await forbidden.Content.ReadAsStringAsync()).ShouldContain("登録団体の方が対象です");
        (await otherApi.PostAsync(Url(anyGroup), null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var notTheirs = await otherApi.PostAsync(Url(oneGroup), null);
        notTheirs.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await notTheirs.Content.ReadAsStringAsync()).ShouldContain(groupName);
        (await citizenApi.PostAsync(Url(oneGroup), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await memberApi.PostAsync(Url(oneGroup), null)).StatusCode.ShouldBe(HttpStatusCode.Created);

        // A member on the web is offered the button.
        var memberBrowser = Browser.For(factory);
        await memberBrowser.SignInAsync(member.Email!);
        (await memberBrowser.SubmitAsync($"/{City}/events/{anyGroup}", new Dictionary<string, string>(), "form[action*=Register]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await MineAsync(anyGroup, member.Id))!.Status.ShouldBe(RegistrationStatus.Confirmed);
    }

    [Fact]
    public async Task StaffChooseWhoMayRegister_OnTheEventForm()
    {
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(City, Tsunagu.Web.Identity.CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        var day = EventForms.Day(15);
        var fields = EventForms.Fields("特定団体向け研修", null, (day, "10:00", "12:00"));
        fields["Input.Eligibility"] = "OneGroup";
        var missing = await browser.SubmitAsync($"/{City}/admin/events/new", fields);
        missing.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(missing)).QuerySelector("#Input_EligibleGroupId-error")!.TextContent.ShouldContain("申し込める団体を選んでください。");

        var leader = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(leader))).Id;
        fields["Input.EligibleGroupId"] = groupId.ToString(CultureInfo.InvariantCulture);
        (await browser.SubmitAsync($"/{City}/admin/events/new", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var e = await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().SingleAsync(x => x.Title == "特定団体向け研修"));
        e.Eligibility.ShouldBe(EventEligibility.OneGroup);
        e.EligibleGroupId.ShouldBe(groupId);
    }
}

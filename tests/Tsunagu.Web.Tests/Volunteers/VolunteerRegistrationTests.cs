using System.Net;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Volunteers;

public class VolunteerRegistrationTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "nagato";

    private async Task<(Browser Browser, string UserId)> CitizenAsync()
    {
        var (browser, user) = await TestData.SignedInAsync(factory);
        return (browser, user.Id);
    }

    private static async Task<HttpResponseMessage> RegisterAsync(Browser browser, List<KeyValuePair<string, string>> fields)
    {
        var url = $"/{City}/volunteers/register";
        var (_, page) = await browser.GetPageAsync(url);
        fields.Add(new("__RequestVerificationToken", page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        return await browser.Client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Citizen_Registers_WithSkillsInterestsDistrictsAndTimes()
    {
        var (browser, userId) = await CitizenAsync();
        var (_, form) = await browser.GetPageAsync($"/{City}/volunteers/register");
        var skill = form.QuerySelectorAll("main input[name='Input.Skills']").First(i => form.QuerySelector($"label[for={i.Id}]")!.TextContent == "手話").GetAttribute("value")!;
        var district = await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().Where(d => d.Name == "湊").Select(d => d.Id).SingleAsync());
        var response = await RegisterAsync(browser, [
            new("Input.AgeBand", "Age60s"), new("Input.Skills", skill), new("Input.FreeSkills", "軽トラックの運転"), new("Input.Interests", "2"), new("Input.Interests", "8"),
            new("Input.Districts", district.ToString(CultureInfo.InvariantCulture)), new("Input.Times", "5-0"), new("Input.Times", "6-1"), new("Input.Phone", "０８３７－２２－２１１１"),
            new("Input.Notify", "Each"), new("Input.GuardianConsents", "false"),
        ]);
        response.Headers.Location!.OriginalString.ShouldBe($"/{City}/volunteers/me");
        var (_, me) = await browser.GetPageAsync($"/{City}/volunteers/me");
        var text = me.QuerySelector("main")!.TextContent;
        text.ShouldContain("手話");
        text.ShouldContain("軽トラックの運転");
        text.ShouldContain("土曜日午前");
        text.ShouldContain("湊");
        var saved = await TestData.WithDbAsync(factory, db => db.Set<Volunteer>().IgnoreQueryFilters().SingleAsync(v => v.UserId == userId));
        saved.Phone.ShouldBe("0837-22-2111");
        saved.Availability.ShouldBe(VolunteerService.Bit(5, 0) | VolunteerService.Bit(6, 1));
    }

    [Fact]
    public async Task Under18_RegistersBeforeTheGuardianAgrees_AndRecordsTheConsentLater()
    {
        var (browser, userId) = await CitizenAsync();
        (await RegisterAsync(browser, [new("Input.AgeBand", "Under18"), new("Input.Interests", "2"), new("Input.GuardianConsents", "false")]))
            .Headers.Location!.OriginalString.ShouldBe($"/{City}/volunteers/me");
        (await TestData.WithDbAsync(factory, db => db.Set<Volunteer>().IgnoreQueryFilters().SingleAsync(v => v.UserId == userId))).GuardianConsentAt.ShouldBeNull();
        var (_, me) = await browser.GetPageAsync($"/{City}/volunteers/me");
        me.QuerySelector(".notice--warning")!.TextContent.ShouldContain("保護者の同意が確認できるまで、募集に応募できません");
        me.QuerySelector($".notice--warning a[href='/{City}/volunteers/register']").ShouldNotBeNull();

        // Consent without the guardian's name is refused next to the name.
        var page = await Browser.ParseAsync(await RegisterAsync(browser, [new("Input.AgeBand", "Under18"), new("Input.Interests", "2"), new("Input.GuardianConsents", "true")]));
        page.QuerySelector("#Input_GuardianName-error")!.TextContent.ShouldContain("保護者の氏名");
        (await TestData.WithDbAsync(factory, db => db.Set<Volunteer>().IgnoreQueryFilters().SingleAsync(v => v.UserId == userId))).GuardianConsentAt.ShouldBeNull();

        (await RegisterAsync(browser, [new("Input.AgeBand", "Under18"), new("Input.Interests", "2"), new("Input.GuardianName", "長門 花子"), new("Input.GuardianConsents", "true")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await TestData.WithDbAsync(factory, db => db.Set<Volunteer>().IgnoreQueryFilters().SingleAsync(v => v.UserId == userId));
        saved.GuardianConsentAt.ShouldNotBeNull();
        saved.GuardianName.ShouldBe("長門 花子");
        (await browser.GetPageAsync($"/{City}/volunteers/me")).Item2.QuerySelector(".notice--warning").ShouldBeNull();
    }

    [Fact]
    public async Task Registration_WithNothingToOffer_OrABadPhone_ShowsErrors()
    {
        var (browser, _) = await CitizenAsync();
        var page = await Browser.ParseAsync(await RegisterAsync(browser, [new("Input.Phone", "電話"), new("Input.GuardianConsents", "false")]));
        page.QuerySelector("#Input_AgeBand-error")!.TextContent.ShouldContain("年代を選んで");
        page.QuerySelector("#Input_Phone-error")!.TextContent.ShouldContain("電話番号");
        page.QuerySelector(".error-summary")!.TextContent.ShouldContain("関心のある分野");
    }

    [Fact]
    public async Task Volunteer_Pauses_Resumes_AndLeaves_WhichClearsWhatTheyToldUs()
    {
        var (browser, userId) = await CitizenAsync();
        await RegisterAsync(browser, [new("Input.AgeBand", "Age30s"), new("Input.Interests", "13"), new("Input.Phone", "090-1234-5678"), new("Input.GuardianConsents", "false")]);
        foreach (var status in new[] { "Paused", "Active", "Left" })
            (await browser.SubmitAsync($"/{City}/volunteers/me", new Dictionary<string, string> { ["status"] = status }, $"main form:has(input[value={status}])"))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await TestData.WithDbAsync(factory, db => db.Set<Volunteer>().IgnoreQueryFilters().SingleAsync(v => v.UserId == userId));
        saved.Status.ShouldBe(VolunteerStatus.Left);
        saved.Phone.ShouldBeNull();

        // Registering again after leaving makes the person an active volunteer again.
        await RegisterAsync(browser, [new("Input.AgeBand", "Age30s"), new("Input.Interests", "13"), new("Input.GuardianConsents", "false")]);
        (await TestData.WithDbAsync(factory, db => db.Set<Volunteer>().IgnoreQueryFilters().SingleAsync(v => v.UserId == userId))).Status.ShouldBe(VolunteerStatus.Active);
    }

    [Fact]
    public async Task CentreStaff_AddAndRemoveSkills_ForTheirCityOnly()
    {
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        (await browser.SubmitAsync($"/{City}/admin/volunteers/skills", new Dictionary<string, string> { ["Name"] = "ドローン撮影" }, "main form[action*=Add]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var duplicate = await Browser.ParseAsync(await browser.SubmitAsync($"/{City}/admin/volunteers/skills", new Dictionary<string, string> { ["Name"] = "ドローン撮影" }, "main form[action*=Add]"));
        duplicate.QuerySelector("#Name-error")!.TextContent.ShouldContain("すでに一覧にあります");
        var (_, other) = await (await CitizenAsync()).Browser.GetPageAsync("/muroran/volunteers/register");
        other.QuerySelector("main")!.TextContent.ShouldNotContain("ドローン撮影");
    }
}

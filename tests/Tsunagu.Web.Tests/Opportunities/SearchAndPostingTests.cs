using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Opportunities;

/// <summary>The public search's filters, and what a posting's form keeps and shows, for every kind of organiser.</summary>
public class SearchAndPostingTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    // Nagato has districts (the district filter and a district council need them).
    private const string City = "nagato";

    private Task<(Browser Browser, AppUser User)> SignedInAsync(Action<TestData.UserSpec>? configure = null) => TestData.SignedInAsync(factory, configure);

    private async Task<(Browser Browser, int GroupId)> OrganiserAsync()
    {
        var (browser, user) = await SignedInAsync();
        return (browser, (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(user))).Id);
    }

    private static string Word() => $"w{Guid.NewGuid():N}"[..10];

    /// <summary>Opportunity ids in the public list's results.</summary>
    private static List<int> Results(IHtmlDocument page) =>
        page.QuerySelectorAll("main ul.card-list[aria-labelledby=results-title] > li h3 a")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/')[3], CultureInfo.InvariantCulture)).ToList();

    private static Dictionary<string, string> Posting(string organiser, string title, Action<Dictionary<string, string>>? change = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Organiser"] = organiser,
            ["Input.Title"] = title,
            ["Input.Description"] = "地域の皆さんと一緒に活動します。",
            ["Input.Place"] = "市民活動センター",
            ["Shifts.Date"] = DateTime.UtcNow.AddDays(12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Shifts.Start"] = "13:00",
            ["Shifts.End"] = "15:00",
            ["Shifts.Places"] = "3",
            ["Shifts.Repeat"] = "None",
        };
        change?.Invoke(fields);
        return fields;
    }

    private Task<Opportunity?> PostedAsync(string title) =>
        TestData.WithDbAsync(factory, db => db.Set<Opportunity>().IgnoreQueryFilters().Include(o => o.Skills).AsNoTracking().FirstOrDefaultAsync(o => o.Title == title));

    /// <summary>The details page's definition list: term → description.</summary>
    private static Dictionary<string, string> Definitions(IHtmlDocument page) =>
        page.QuerySelectorAll("main dl.definition-list > dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());

    [Fact]
    public async Task PublicSearch_EachFilter_NarrowsTheListToWhatMatches()
    {
        var (_, groupId) = await OrganiserAsync();
        var word = Word();
        var programmeId = await MatchingTestData.ProgrammeAsync(factory, City, $"ギルド{word}");
        var district = (await MatchingTestData.DistrictsAsync(factory, City))[1].Id;
        var signLanguage = await MatchingTestData.SkillIdAsync(factory, City, "手話");
        Task<Opportunity> PostAsync(string title, Action<TestData.OpportunitySpec>? configure = null) =>
            TestData.CreateOpportunityAsync(factory, City, o =>
            {
                o.OrganisedBy(groupId).Titled($"{title} {word}");
                configure?.Invoke(o);
            });

        var (plain, _) = await PostAsync("花壇づくり");
        var (ofField, _) = await PostAsync("防災訓練の補助", o => o.InFields(8));
        var (inDistrict, _) = await PostAsync("地区の清掃");
        await MatchingTestData.ChangeOpportunityAsync(factory, inDistrict, o => o.DistrictId = district);
        var (needsSkill, _) = await PostAsync("手話での案内", o => o.Requiring("手話"));
        var (welcomesSkill, _) = await PostAsync("受付の手伝い");
        await MatchingTestData.ChangeOpportunityAsync(factory, welcomesSkill, o => o.Skills.Add(new OpportunitySkill { SkillId = signLanguage, Required = false }));
        var (inProgramme, _) = await PostAsync("ギルドの募集");
        await MatchingTestData.ChangeOpportunityAsync(factory, inProgramme, o => o.ProgrammeId = programmeId);
        var (online, _) = await PostAsync("オンライン翻訳");
        await MatchingTestData.ChangeOpportunityAsync(factory, online, o => { o.Online = true; o.Place = null; });
        // Closed, or with every shift over: never in the public list, whatever the filter.
        var (closed, _) = await PostAsync("締め切った防災の募集", o => o.InFields(8));
        await MatchingTestData.ChangeOpportunityAsync(factory, closed, o => o.Status = OpportunityStatus.Closed);
        var (over, overShifts) = await PostAsync("終わった防災の募集", o => o.InFields(8));
        await OpportunityTestData.PastAsync(factory, overShifts[0]);

        var visitor = Browser.For(factory);
        async Task<List<int>> SearchAsync(string filters) => Results((await visitor.GetPageAsync($"/{City}/opportunities?q={word}{filters}")).Page);

        (await SearchAsync("")).ShouldBe([plain, ofField, inDistrict, needsSkill, welcomesSkill, inProgramme, online], ignoreOrder: true);
        (await SearchAsync("&field=8")).ShouldBe([ofField]);
        (await SearchAsync($"&district={district}")).ShouldBe([inDistrict]);
        (await SearchAsync($"&skill={signLanguage}")).ShouldBe([needsSkill, welcomesSkill], ignoreOrder: true);
        (await SearchAsync($"&programme={programmeId}")).ShouldBe([inProgramme]);
        (await SearchAsync("&online=true")).ShouldBe([online]);
        // Filters combine.
        (await SearchAsync($"&online=true&programme={programmeId}")).ShouldBeEmpty();
        var (_, none) = await visitor.GetPageAsync($"/{City}/opportunities?q={word}&field=8&district={district}");
        none.QuerySelector("#results-title")!.TextContent.ShouldContain("0件");
        // The form shows the filters chosen.
        var (_, page) = await visitor.GetPageAsync($"/{City}/opportunities?q={word}&district={district}&online=true");
        page.QuerySelector($"select#district option[value='{district}']")!.HasAttribute("selected").ShouldBeTrue();
        page.QuerySelector<IHtmlInputElement>("input#online")!.IsChecked.ShouldBeTrue();
    }

    [Fact]
    public async Task PostingForm_SavesAndShows_WelcomeSkills_Insurance_AgeLimits_AndOnlineWithoutAPlace()
    {
        var (organiser, groupId) = await OrganiserAsync();
        var title = $"オンラインの学習支援 {Word()}";
        var (_, form) = await organiser.GetPageAsync($"/{City}/opportunities/new");
        string SkillId(string prefix, string name) => form.QuerySelectorAll($"main input[name='Input.{prefix}']")
            .Single(i => form.QuerySelector($"label[for={i.Id}]")!.TextContent == name).GetAttribute("value")!;
        var cooking = SkillId("RequiredSkills", "調理");
        var computers = SkillId("WelcomeSkills", "パソコン・IT");
        var translation = SkillId("WelcomeSkills", "翻訳・通訳");

        var fields = Posting($"group-{groupId}", title, f =>
        {
            f["Input.Place"] = "";
            f["Input.Online"] = "true";
            f["Input.InsuranceCovered"] = "true";
            f["Input.MinAge"] = "16";
            f["Input.MaxAge"] = "65";
        });
        var values = fields.Select(kv => kv).ToList();
        values.Add(new("Input.RequiredSkills", cooking));
        values.Add(new("Input.WelcomeSkills", computers));
        values.Add(new("Input.WelcomeSkills", translation));
        values.Add(new("__RequestVerificationToken", form.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        var response = await organiser.Client.PostAsync($"/{City}/opportunities/new", new FormUrlEncodedContent(values));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());

        var saved = (await PostedAsync(title)).ShouldNotBeNull();
        saved.Skills.Where(s => !s.Required).Select(s => s.SkillId.ToString(CultureInfo.InvariantCulture)).ShouldBe([computers, translation], ignoreOrder: true);
        saved.Skills.Where(s => s.Required).Select(s => s.SkillId.ToString(CultureInfo.InvariantCulture)).ShouldBe([cooking]);
        saved.Online.ShouldBeTrue();
        saved.Place.ShouldBeNull();
        saved.InsuranceCovered.ShouldBeTrue();
        saved.MinAge.ShouldBe(16);
        saved.MaxAge.ShouldBe(65);

        var (_, details) = await Browser.For(factory).GetPageAsync($"/{City}/opportunities/{saved.Id}");
        var shown = Definitions(details);
        shown["あると歓迎するスキル"].Split('、').ShouldBe(["パソコン・IT", "翻訳・通訳"], ignoreOrder: true);
        shown["必要なスキル"].ShouldBe("調理");
        shown["場所"].ShouldBe("オンライン");
        shown["年齢"].ShouldBe("16歳〜65歳");
        shown["ボランティア保険"].ShouldContain("対象です");
        // The public list shows the insurance too.
        var (_, list) = await Browser.For(factory).GetPageAsync($"/{City}/opportunities?q={Uri.EscapeDataString(title.Split(' ')[1])}");
        list.QuerySelectorAll("main ul.card-list .tag").Select(t => t.TextContent).ShouldContain("ボランティア保険あり");

        // The edit form opens with the welcome skills ticked.
        var (_, edit) = await organiser.GetPageAsync($"/{City}/opportunities/{saved.Id}/edit");
        edit.QuerySelectorAll("main input[name='Input.WelcomeSkills'][checked]").Select(i => i.GetAttribute("value")).ShouldBe([computers, translation], ignoreOrder: true);
    }

    [Fact]
    public async Task APostingWithoutInsurance_OrAgeLimits_SaysSo()
    {
        var (organiser, groupId) = await OrganiserAsync();
        var title = $"図書館の整理 {Word()}";
        (await organiser.SubmitAsync($"/{City}/opportunities/new", Posting($"group-{groupId}", title, f => f["Input.MinAge"] = "18"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = (await PostedAsync(title)).ShouldNotBeNull();
        saved.InsuranceCovered.ShouldBeFalse();
        var shown = Definitions((await Browser.For(factory).GetPageAsync($"/{City}/opportunities/{saved.Id}")).Page);
        shown["ボランティア保険"].ShouldBe("対象外です");
        shown["年齢"].ShouldBe("18歳〜");
        shown["場所"].ShouldBe("市民活動センター");
        shown.ShouldNotContainKey("あると歓迎するスキル");
    }

    [Theory]
    [InlineData("same-skill")]
    [InlineData("no-place")]
    public async Task PostingForm_RefusesWithAMessageNextToTheField_AndSavesNothing(string problem)
    {
        var (organiser, groupId) = await OrganiserAsync();
        var title = $"誤りのある募集 {Word()}";
        var fields = Posting($"group-{groupId}", title);
        string errorSelector, message;
        if (problem == "same-skill")
        {
            var skill = (await MatchingTestData.SkillIdAsync(factory, City, "運転")).ToString(CultureInfo.InvariantCulture);
            fields["Input.RequiredSkills"] = skill;
            fields["Input.WelcomeSkills"] = skill;
            errorSelector = "fieldset#Input_WelcomeSkills.form-group--error .form-error";
            message = "同じスキルを「必須」と「歓迎」の両方に選ぶことはできません";
        }
        else
        {
            fields["Input.Place"] = "";
            errorSelector = "#Input_Place-error";
            message = "活動場所を入力するか、オンラインを選んでください";
        }
        var response = await organiser.SubmitAsync($"/{City}/opportunities/new", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector(errorSelector)!.TextContent.ShouldContain(message);
        page.QuerySelector(".error-summary")!.TextContent.ShouldContain(message);
        (await PostedAsync(title)).ShouldBeNull();
    }

    [Theory]
    [InlineData("centre")]
    [InlineData("department")]
    [InlineData("district-council")]
    public async Task CentreStaff_ADepartment_AndADistrictCouncil_EachPost_UnderTheirOwnName(string who)
    {
        Browser poster;
        string key, expectedName;
        OrganiserKind kind;
        int? groupId = null;
        var city = await TestData.WithDbAsync(factory, db => db.Cities.SingleAsync(c => c.Slug == City));
        switch (who)
        {
            case "centre":
                (poster, _) = await SignedInAsync(u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
                (key, expectedName, kind) = ("centre", city.CentreName, OrganiserKind.Centre);
                break;
            case "department":
                (poster, var staff) = await SignedInAsync(u => u.InCity(City, CityRole.DepartmentStaff).ExemptFromTwoFactor());
                var department = await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().Where(m => m.UserId == staff.Id).Select(m => m.Department!.Name).SingleAsync());
                (key, expectedName, kind) = ($"department-{department}", department, OrganiserKind.Department);
                break;
            default:
                (poster, var chair) = await SignedInAsync();
                var district = (await MatchingTestData.DistrictsAsync(factory, City))[0].Id;
                var council = await TestData.CreateGroupAsync(factory, City, g => g.Named(TestData.Unique("協議会"), "きょうぎかい")
                    .Described("地区のまちづくりを進める協議会です。").OfType(GroupType.DistrictCouncil, district).RepresentedBy("会長").AdministeredBy(chair));
                (key, expectedName, kind, groupId) = ($"group-{council.Id}", council.Name, OrganiserKind.Group, council.Id);
                break;
        }

        // The form offers the organiser the person may speak for, and only that.
        var (_, form) = await poster.GetPageAsync($"/{City}/opportunities/new");
        form.QuerySelectorAll("select#Input_Organiser option").Select(o => o.GetAttribute("value")).ShouldBe([key]);
        form.QuerySelector("select#Input_Organiser option")!.TextContent.ShouldBe(expectedName);

        var title = $"地域の見守り {Word()}";
        var response = await poster.SubmitAsync($"/{City}/opportunities/new", Posting(key, title));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var saved = (await PostedAsync(title)).ShouldNotBeNull();
        saved.OrganiserKind.ShouldBe(kind);
        saved.GroupId.ShouldBe(groupId);
        saved.DepartmentName.ShouldBe(kind == OrganiserKind.Department ? expectedName : null);

        var visitor = Browser.For(factory);
        var (_, details) = await visitor.GetPageAsync($"/{City}/opportunities/{saved.Id}");
        details.QuerySelector("main h1 + p.muted")!.TextContent.Trim().ShouldBe(expectedName);
        var (_, list) = await visitor.GetPageAsync($"/{City}/opportunities?q={title.Split(' ')[1]}");
        var card = list.QuerySelectorAll("main ul.card-list > li").Single(li => li.QuerySelector($"a[href='/{City}/opportunities/{saved.Id}']") is not null);
        card.QuerySelector("p.muted")!.TextContent.Trim().ShouldBe(expectedName);

        if (who == "centre")
        {
            // In English the centre's English name, and the district's, on the details page as on the list.
            var district = (await MatchingTestData.DistrictsAsync(factory, City))[0];
            var districtEn = await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().Where(d => d.Id == district.Id).Select(d => d.NameEn).SingleAsync());
            districtEn.ShouldNotBeNullOrEmpty();
            await TestData.WithDbAsync(factory, db => db.Set<Opportunity>().IgnoreQueryFilters().Where(o => o.Id == saved.Id)
                .ExecuteUpdateAsync(x => x.SetProperty(o => o.DistrictId, district.Id)));
            var english = Browser.For(factory);
            await english.PostWithTokenAsync($"/{City}", "/culture", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = $"/{City}" });
            var (_, en) = await english.GetPageAsync($"/{City}/opportunities/{saved.Id}");
            en.QuerySelector("main h1 + p.muted")!.TextContent.Trim().ShouldBe(city.CentreNameEn);
            en.QuerySelector("main")!.TextContent.ShouldContain($"（{districtEn}）");
        }
    }
}

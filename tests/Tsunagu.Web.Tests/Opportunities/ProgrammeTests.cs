using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Opportunities;

/// <summary>A city's programmes: kept by centre staff, chosen by a posting, searched by, and recorded with each matching.</summary>
public class ProgrammeTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";
    private const string ProgrammesUrl = $"/{City}/admin/volunteers/programmes";

    private Task<(Browser Browser, AppUser User)> SignedInAsync(Action<TestData.UserSpec>? configure = null) => TestData.SignedInAsync(factory, configure);

    private Task<(Browser Browser, AppUser User)> StaffAsync() => SignedInAsync(u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());

    private static string Unique(string text) => $"{text}{Guid.NewGuid():N}"[..(text.Length + 6)];

    private static IElement? ProgrammeRow(IHtmlDocument page, string name) =>
        page.QuerySelectorAll("main table tbody tr").FirstOrDefault(tr => tr.QuerySelector("td")!.TextContent.Trim() == name);

    private Task<Programme?> ProgrammeAsync(string name) =>
        TestData.WithDbAsync(factory, db => db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Name == name));

    [Fact]
    public async Task CentreStaff_AddAProgramme_AndRemoveIt()
    {
        var (staff, staffUser) = await StaffAsync();
        var name = Unique("まちピカ");
        var added = await staff.SubmitAsync(ProgrammesUrl, new Dictionary<string, string> { ["Name"] = name, ["Description"] = "まちをきれいにする活動" }, "main form[action*=Add]");
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var programme = (await ProgrammeAsync(name)).ShouldNotBeNull();
        programme.CityId.ShouldBe(await TestData.CityIdAsync(factory, City));
        programme.Description.ShouldBe("まちをきれいにする活動");
        (await TestData.WithDbAsync(factory, db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Programme) && a.EntityKey == programme.Id.ToString(CultureInfo.InvariantCulture)
            && a.Action == "create" && a.UserId == staffUser.Id))).ShouldBeTrue();

        var (_, page) = await staff.GetPageAsync(ProgrammesUrl);
        ProgrammeRow(page, name).ShouldNotBeNull();
        // The same name twice is refused next to the field.
        var twice = await Browser.ParseAsync(await staff.SubmitAsync(ProgrammesUrl, new Dictionary<string, string> { ["Name"] = name }, "main form[action*=Add]"));
        twice.QuerySelector("#Name-error")!.TextContent.ShouldContain("すでにあります");
        (await TestData.WithDbAsync(factory, db => db.Set<Programme>().IgnoreQueryFilters().CountAsync(p => p.Name == name))).ShouldBe(1);

        var row = ProgrammeRow(page, name)!;
        var action = row.QuerySelector("form")!.GetAttribute("action")!;
        action.ShouldContain("handler=Remove");
        var removed = await staff.PostWithTokenAsync(ProgrammesUrl, action, new Dictionary<string, string>());
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ProgrammeAsync(name)).ShouldBeNull();
        var (_, after) = await staff.GetPageAsync(ProgrammesUrl);
        ProgrammeRow(after, name).ShouldBeNull();
        after.QuerySelector("main .notice--success")!.TextContent.ShouldContain("削除しました");
    }

    [Fact]
    public async Task AProgrammeInUse_IsNotRemoved()
    {
        var (staff, _) = await StaffAsync();
        var name = Unique("ボランティアギルド");
        var programmeId = await MatchingTestData.ProgrammeAsync(factory, City, name);
        var (_, organiser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiser))).Id;
        var (id, _) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId));
        await MatchingTestData.ChangeOpportunityAsync(factory, id, o => o.ProgrammeId = programmeId);

        var (_, page) = await staff.GetPageAsync(ProgrammesUrl);
        var action = ProgrammeRow(page, name)!.QuerySelector("form")!.GetAttribute("action")!;
        (await staff.PostWithTokenAsync(ProgrammesUrl, action, new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ProgrammeAsync(name)).ShouldNotBeNull();
        var (_, after) = await staff.GetPageAsync(ProgrammesUrl);
        after.QuerySelector("main .notice--success")!.TextContent.ShouldContain("削除できません");
        (await TestData.WithDbAsync(factory, db => db.Set<Opportunity>().IgnoreQueryFilters().SingleAsync(o => o.Id == id))).ProgrammeId.ShouldBe(programmeId);
    }

    [Fact]
    public async Task APostingChoosesAProgramme_ThePublicListFiltersByIt_AndAConfirmedMatchingRecordsIt()
    {
        var name = Unique("行政パートナー");
        var programmeId = await MatchingTestData.ProgrammeAsync(factory, City, name);
        var (organiser, organiserUser) = await SignedInAsync();
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiserUser))).Id;
        var word = $"prog{Guid.NewGuid():N}"[..12];

        // The form offers the programme, and the posting keeps the choice.
        var (_, form) = await organiser.GetPageAsync($"/{City}/opportunities/new");
        form.QuerySelectorAll("select#Input_ProgrammeId option").Select(o => o.GetAttribute("value")).ShouldContain(programmeId.ToString(CultureInfo.InvariantCulture));
        var posted = await organiser.SubmitAsync($"/{City}/opportunities/new", new Dictionary<string, string>
        {
            ["Input.Organiser"] = $"group-{groupId}",
            ["Input.Title"] = $"公園の清掃 {word}",
            ["Input.Description"] = "公園のごみを拾います。",
            ["Input.Place"] = "中央公園",
            ["Input.ProgrammeId"] = programmeId.ToString(CultureInfo.InvariantCulture),
            ["Shifts.Date"] = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Shifts.Start"] = "10:00",
            ["Shifts.End"] = "12:00",
            ["Shifts.Places"] = "2",
            ["Shifts.Repeat"] = "None",
        });
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var opportunity = await TestData.WithDbAsync(factory, db => db.Set<Opportunity>().IgnoreQueryFilters().Include(o => o.Shifts).SingleAsync(o => o.Title == $"公園の清掃 {word}"));
        opportunity.ProgrammeId.ShouldBe(programmeId);
        var (_, details) = await Browser.For(factory).GetPageAsync($"/{City}/opportunities/{opportunity.Id}");
        var terms = details.QuerySelectorAll("main dl.definition-list dt").ToList();
        terms.Single(dt => dt.TextContent == "制度・プログラム").NextElementSibling!.TextContent.ShouldBe(name);

        // Another opportunity with the same word but no programme: the filter keeps it out.
        var (other, _) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled($"花壇の手入れ {word}"));
        var visitor = Browser.For(factory);
        var (_, all) = await visitor.GetPageAsync($"/{City}/opportunities?q={word}");
        Results(all).ShouldBe([opportunity.Id, other], ignoreOrder: true);
        var (_, filtered) = await visitor.GetPageAsync($"/{City}/opportunities?q={word}&programme={programmeId}");
        Results(filtered).ShouldBe([opportunity.Id]);
        filtered.QuerySelector($"select#programme option[value='{programmeId}']")!.HasAttribute("selected").ShouldBeTrue();
        filtered.QuerySelector("main ul.card-list .tag")!.TextContent.ShouldBe(name);

        // Applied, accepted: the matching carries the programme, and keeps it when the posting changes later.
        var (volunteer, _, volunteerId) = await MatchingTestData.SignedInVolunteerAsync(factory, City);
        var shiftId = opportunity.Shifts.Single().Id;
        (await MatchingTestData.ApplyAsync(volunteer, City, opportunity.Id, shiftId)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var applicationId = await TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().Where(a => a.ShiftId == shiftId && a.VolunteerId == volunteerId).Select(a => a.Id).SingleAsync());
        (await MatchingTestData.AcceptAsync(organiser, City, opportunity.Id, applicationId)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var matched = await TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == applicationId));
        matched.Status.ShouldBe(ApplicationStatus.Confirmed);
        matched.ProgrammeId.ShouldBe(programmeId);

        var edited = await organiser.SubmitAsync($"/{City}/opportunities/{opportunity.Id}/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = $"公園の清掃 {word}",
            ["Input.Description"] = "公園のごみを拾います。",
            ["Input.Place"] = "中央公園",
            ["Input.ProgrammeId"] = "",
        });
        edited.StatusCode.ShouldBe(HttpStatusCode.Redirect, await edited.Content.ReadAsStringAsync());
        (await TestData.WithDbAsync(factory, db => db.Set<Opportunity>().IgnoreQueryFilters().SingleAsync(o => o.Id == opportunity.Id))).ProgrammeId.ShouldBeNull();
        (await TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().SingleAsync(a => a.Id == applicationId))).ProgrammeId.ShouldBe(programmeId);
    }

    /// <summary>Opportunity ids in the public list's results.</summary>
    private static List<int> Results(IHtmlDocument page) =>
        page.QuerySelectorAll("main ul.card-list[aria-labelledby=results-title] > li h3 a")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/')[3], CultureInfo.InvariantCulture)).ToList();
}

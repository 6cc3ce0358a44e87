using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Opportunities;

/// <summary>The coordinators' console: opportunities nobody answered, applications left waiting, and matchings counted.</summary>
public class ConsoleTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private static string ConsoleUrl(string city = City) => $"/{city}/admin/volunteers/console";

    private async Task<Browser> StaffAsync(string city = City)
    {
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(city, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        return browser;
    }

    private async Task<int> GroupAsync(string city = City)
    {
        var admin = await TestData.CreateUserAsync(factory);
        return (await TestData.CreateGroupAsync(factory, city, g => g.AdministeredBy(admin))).Id;
    }

    private async Task<int> VolunteerAsync(string city = City) => (await TestData.CreateVolunteerAsync(factory, city)).Id;

    private static string Unique(string title) => $"{title}{Guid.NewGuid():N}"[..(title.Length + 6)];

    /// <summary>Opportunity ids linked from one of the console's tables.</summary>
    private static List<int> Listed(IHtmlDocument page, string section) =>
        page.QuerySelectorAll($"main div.table-wrap[aria-labelledby={section}] tbody a")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/')[3], CultureInfo.InvariantCulture)).ToList();

    /// <summary>An opportunity with one application (on its first shift) made <paramref name="daysAgo"/> days ago, still unanswered.</summary>
    private async Task<(int Id, int ShiftId)> WaitingSinceAsync(int groupId, double daysAgo, string title = "返事待ちの募集")
    {
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled(Unique(title)).StartingIn(TimeSpan.FromDays(20)));
        await MatchingTestData.ApplicationAsync(factory, City, id, shifts[0], await VolunteerAsync(), a => a.CreatedAt = DateTime.UtcNow.AddDays(-daysAgo));
        return (id, shifts[0]);
    }

    [Fact]
    public async Task OpportunitiesWithoutApplicants_AreListed_AndOneWithAnApplicantIsNot()
    {
        var groupId = await GroupAsync();
        var (lonely, _) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled(Unique("誰も来ない募集")));
        var (answered, answeredShifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled(Unique("応募がある募集")));
        var (volunteer, _, _) = await MatchingTestData.SignedInVolunteerAsync(factory, City);
        (await MatchingTestData.ApplyAsync(volunteer, City, answered, answeredShifts[0])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (closed, _) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled(Unique("締め切った募集")));
        await MatchingTestData.ChangeOpportunityAsync(factory, closed, o => o.Status = OpportunityStatus.Closed);

        var (response, page) = await (await StaffAsync()).GetPageAsync(ConsoleUrl());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var listed = Listed(page, "no-applicants");
        listed.ShouldContain(lonely);
        listed.ShouldNotContain(answered);
        listed.ShouldNotContain(closed);
        page.QuerySelector("#no-applicants")!.TextContent.ShouldContain($"（{listed.Count}件）");
    }

    [Fact]
    public async Task ApplicationsWaitingMoreThanNDays_AreListed_AndStaffChangingNChangesTheList()
    {
        var groupId = await GroupAsync();
        var (old, _) = await WaitingSinceAsync(groupId, 10);
        var (recent, _) = await WaitingSinceAsync(groupId, 2);
        // An application answered long ago is not waiting.
        var (answered, answeredShift) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled(Unique("返事済みの募集")).StartingIn(TimeSpan.FromDays(20)));
        await MatchingTestData.ApplicationAsync(factory, City, answered, answeredShift[0], await VolunteerAsync(),
            a => { a.Status = ApplicationStatus.Declined; a.CreatedAt = DateTime.UtcNow.AddDays(-30); });
        var staff = await StaffAsync();

        var (_, page) = await staff.GetPageAsync(ConsoleUrl());
        page.QuerySelector("#waiting")!.TextContent.ShouldContain("7日より長く");
        Listed(page, "waiting").ShouldContain(old);
        Listed(page, "waiting").ShouldNotContain(recent);
        Listed(page, "waiting").ShouldNotContain(answered);

        var (_, oneDay) = await staff.SubmitGetFormAsync(ConsoleUrl(), page, "main form:has(#days)", new Dictionary<string, string> { ["days"] = "1" });
        oneDay.QuerySelector("#waiting")!.TextContent.ShouldContain("1日より長く");
        oneDay.QuerySelector<IHtmlInputElement>("#days")!.Value.ShouldBe("1");
        Listed(oneDay, "waiting").ShouldContain(old);
        Listed(oneDay, "waiting").ShouldContain(recent);
        Listed(oneDay, "waiting").ShouldNotContain(answered);

        var (_, twoWeeks) = await staff.SubmitGetFormAsync(ConsoleUrl(), oneDay, "main form:has(#days)", new Dictionary<string, string> { ["days"] = "14" });
        twoWeeks.QuerySelector("#waiting")!.TextContent.ShouldContain("14日より長く");
        Listed(twoWeeks, "waiting").ShouldNotContain(old);
        Listed(twoWeeks, "waiting").ShouldNotContain(recent);
    }

    [Theory]
    [InlineData("shift-started")]
    [InlineData("shift-over")]
    [InlineData("opportunity-closed")]
    [InlineData("demo")]
    public async Task WaitingList_LeavesOut_ApplicationsNoNudgeCanHelp(string why)
    {
        var groupId = await GroupAsync();
        var (control, _) = await WaitingSinceAsync(groupId, 10, "待たせている募集");
        var (left, shiftId) = await WaitingSinceAsync(groupId, 10, "対象外の募集");
        switch (why)
        {
            case "shift-started":
                await MatchingTestData.ChangeOpportunityAsync(factory, left, o =>
                {
                    var shift = o.Shifts.Single(s => s.Id == shiftId);
                    shift.StartsAt = DateTime.UtcNow.AddHours(-1);
                    shift.EndsAt = DateTime.UtcNow.AddHours(1);
                });
                break;
            case "shift-over":
                await OpportunityTestData.PastAsync(factory, shiftId);
                break;
            case "opportunity-closed":
                await MatchingTestData.ChangeOpportunityAsync(factory, left, o => o.Status = OpportunityStatus.Closed);
                break;
            default:
                await MatchingTestData.ChangeOpportunityAsync(factory, left, o => o.IsDemo = true);
                break;
        }

        var (_, page) = await (await StaffAsync()).GetPageAsync(ConsoleUrl());
        var waiting = Listed(page, "waiting");
        waiting.ShouldContain(control);
        waiting.ShouldNotContain(left);
    }

    [Fact]
    public async Task MatchingCounts_ByMonthProgrammeAndDistrict_AreRight_InJapanTime_AndForAnotherYear()
    {
        // Nagato (which has districts) is used by no other test of this class, so its counts are exactly what this test made.
        const string city = "nagato";
        var fy = FiscalYear.Of(Display.Today(TimeProvider.System)).StartYear;
        var makase = await MatchingTestData.ProgrammeAsync(factory, city, "まかせて");
        var magokoro = await MatchingTestData.ProgrammeAsync(factory, city, "まごころ");
        var districts = await MatchingTestData.DistrictsAsync(factory, city);
        var (d1, d1Name) = districts[0];
        var (d2, d2Name) = districts[1];
        var groupId = await GroupAsync(city);
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, city, o => o.OrganisedBy(groupId).Shifts(8));
        var (demo, demoShifts) = await TestData.CreateOpportunityAsync(factory, city, o => o.OrganisedBy(groupId).Titled("デモの募集"));
        await MatchingTestData.ChangeOpportunityAsync(factory, demo, o => o.IsDemo = true);
        var volunteer = await VolunteerAsync(city);

        Task Matching(int opportunity, int shift, DateTime matchedAt, int? programme, int? district, ApplicationStatus status = ApplicationStatus.Confirmed) =>
            MatchingTestData.ApplicationAsync(factory, city, opportunity, shift, volunteer, a =>
            {
                a.Status = status; a.CreatedAt = matchedAt.AddDays(-1); a.MatchedAt = matchedAt; a.ProgrammeId = programme; a.DistrictId = district; a.GroupId = groupId;
            });
        DateTime Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);
        await Matching(id, shifts[0], Utc(fy, 4, 10, 3), makase, d1);
        // 16:00 UTC on 30 April is 1 May in Japan: a May matching.
        await Matching(id, shifts[1], Utc(fy, 4, 30, 16), makase, d2);
        await Matching(id, shifts[2], Utc(fy, 5, 20, 3), magokoro, d1);
        await Matching(id, shifts[3], Utc(fy, 6, 5, 3), null, d1);
        // 14:00 UTC on 31 March is still 31 March in Japan: the year before.
        await Matching(id, shifts[4], Utc(fy, 3, 31, 14), makase, d1);
        // Withdrawn after the match, and demo data, are not counted.
        await Matching(id, shifts[5], Utc(fy, 7, 1, 3), makase, d2, ApplicationStatus.Withdrawn);
        await Matching(demo, demoShifts[0], Utc(fy, 7, 1, 3), makase, d2);

        var staff = await StaffAsync(city);
        var (_, page) = await staff.GetPageAsync(ConsoleUrl(city));
        page.QuerySelector("#matchings")!.TextContent.ShouldContain("マッチング件数：4件");
        var byMonth = Chart(page, "by-month");
        byMonth.Count.ShouldBe(12);
        byMonth.Keys.First().ShouldBe($"{fy}年4月");
        byMonth.Keys.Last().ShouldBe($"{fy + 1}年3月");
        byMonth[$"{fy}年4月"].ShouldBe(1);
        byMonth[$"{fy}年5月"].ShouldBe(2);
        byMonth[$"{fy}年6月"].ShouldBe(1);
        byMonth[$"{fy}年7月"].ShouldBe(0);
        byMonth.Values.Sum().ShouldBe(4);
        Chart(page, "by-programme").ShouldBe(new Dictionary<string, int> { ["まかせて"] = 2, ["まごころ"] = 1, ["（なし）"] = 1 }, ignoreOrder: true);
        Chart(page, "by-district").ShouldBe(new Dictionary<string, int> { [d1Name] = 3, [d2Name] = 1 }, ignoreOrder: true);

        // The same matchings one per row, for Excel: CSV (UTF-8 with BOM) and a workbook, without anyone's name.
        // A title typed as a formula stays text in Excel.
        await MatchingTestData.ChangeOpportunityAsync(factory, id, o => o.Title = "=HYPERLINK(\"https://example.com\")草取り");
        var csvLink = page.QuerySelectorAll("main a").Single(a => a.TextContent == "CSV").GetAttribute("href")!;
        var csv = await staff.GetAsync(csvLink);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("決定日,募集,主催,制度・プログラム,地区,活動日時,参加,活動時間");
        lines.Length.ShouldBe(5);
        lines[1].ShouldStartWith($"{fy}-04-10,");
        lines[2].ShouldStartWith($"{fy}-05-01,");
        lines.Count(l => l.Contains(",まかせて,")).ShouldBe(2);
        lines.Count(l => l.Contains($",{d1Name},")).ShouldBe(3);
        lines.ShouldNotContain(l => l.Contains("デモの募集"));
        lines.ShouldAllBe(l => !l.Contains('@'));
        lines[1].ShouldContain("'=HYPERLINK(");
        var xlsxLink = page.QuerySelectorAll("main a").Single(a => a.TextContent == "Excel（.xlsx）").GetAttribute("href")!;
        var xlsx = await (await staff.GetAsync(xlsxLink)).Content.ReadAsByteArrayAsync();
        using (var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
            workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count().ShouldBe(5);

        // The year before, chosen on the page, has the one March matching.
        var (_, before) = await staff.SubmitGetFormAsync(ConsoleUrl(city), page, "main form:has(#year)", new Dictionary<string, string> { ["year"] = (fy - 1).ToString(CultureInfo.InvariantCulture) });
        before.QuerySelector("#matchings")!.TextContent.ShouldContain("マッチング件数：1件");
        Chart(before, "by-month")[$"{fy}年3月"].ShouldBe(1);
        Chart(before, "by-programme").ShouldBe(new Dictionary<string, int> { ["まかせて"] = 1 }, ignoreOrder: true);
        Chart(before, "by-district").ShouldBe(new Dictionary<string, int> { [d1Name] = 1 }, ignoreOrder: true);
    }

    /// <summary>A bar chart's table: label → value, in the page's order.</summary>
    private static Dictionary<string, int> Chart(IHtmlDocument page, string id) =>
        page.QuerySelectorAll($"figure[aria-labelledby={id}-title] table tbody tr")
            .ToDictionary(tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => int.Parse(tr.QuerySelector("td")!.TextContent.Trim().Replace(",", ""), CultureInfo.InvariantCulture));
}

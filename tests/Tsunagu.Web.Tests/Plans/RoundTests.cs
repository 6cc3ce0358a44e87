using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Features.Plans.Rounds;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Plans;

/// <summary>A year's progress survey on Yamaguchi's transcribed plan, through the pages each role uses.</summary>
public class RoundTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "yamaguchi";
    private const string Key = "kyodo-jikko-h25";

    private async Task<(Browser Browser, string Email)> SignedInAsync(CityRole role, string? department = null)
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity(City, role, department).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, user.Email!);
    }

    /// <summary>Seeds the plan and opens a round for a year of its own (rounds are one per plan and year).</summary>
    private async Task<int> OpenRoundAsync(Browser manager, int fiscalYear)
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var response = await manager.SubmitAsync($"/{City}/admin/plans/{Key}/rounds", new Dictionary<string, string>
        {
            ["Input.FiscalYear"] = fiscalYear.ToString(CultureInfo.InvariantCulture),
            ["Input.Deadline"] = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await Browser.ParseAsync(response)).QuerySelector(".error-summary")?.TextContent);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private Task<int> NodeIdAsync(string reference) => TestData.WithDbAsync(factory, db =>
        db.Set<PlanNode>().IgnoreQueryFilters().Where(n => n.Ref == reference && db.Set<Plan>().IgnoreQueryFilters().Any(p => p.Id == n.PlanId && p.Key == Key)).Select(n => n.Id).SingleAsync());

    private static Dictionary<string, string> Report(string done, string grade) => new() { ["Input.Done"] = done, ["Input.Grade"] = grade };

    [Fact]
    public async Task Departments_SeeExactlyTheirItems_AndCannotReportOnOthers()
    {
        var (manager, _) = await SignedInAsync(CityRole.PlanManager);
        var round = await OpenRoundAsync(manager, 2013);
        var (school, _) = await SignedInAsync(CityRole.DepartmentStaff, "学校教育課");
        var (_, mine) = await school.GetPageAsync($"/{City}/admin/reports");
        var refs = mine.QuerySelectorAll("main table tbody tr td:first-child").Select(td => td.TextContent).ToList();
        refs.ShouldContain("Ⅰ-(2)-⑪");
        refs.ShouldNotContain("Ⅰ-(1)-②");

        // An item of another department: refused, and nothing is written.
        var other = await NodeIdAsync("Ⅰ-(1)-②");
        var (_, page) = await school.GetPageAsync($"/{City}/admin/reports/{round}/{await NodeIdAsync("Ⅰ-(2)-⑪")}");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await school.Client.PostAsync($"/{City}/admin/reports/{round}/{other}?handler=Submit",
            new FormUrlEncodedContent(new Dictionary<string, string>(Report("やった", "A")) { ["__RequestVerificationToken"] = token }));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Browser.ParseAsync(refused)).QuerySelector("main .notice--warning")!.TextContent.ShouldContain("あなたの課の担当ではない");
        (await TestData.WithDbAsync(factory, db => db.Set<ProgressReport>().IgnoreQueryFilters().AnyAsync(r => r.RoundId == round && r.NodeId == other)))
            .ShouldBeFalse();
    }

    [Fact]
    public async Task Submit_WithoutDoneOrGrade_ShowsErrorsNextToTheFields_AndAfterTheDeadlineIsRefused()
    {
        var (manager, _) = await SignedInAsync(CityRole.PlanManager);
        var round = await OpenRoundAsync(manager, 2014);
        var (school, _) = await SignedInAsync(CityRole.DepartmentStaff, "学校教育課");
        var url = $"/{City}/admin/reports/{round}/{await NodeIdAsync("Ⅰ-(2)-⑪")}";
        var empty = await Browser.ParseAsync(await school.SubmitAsync(url, new Dictionary<string, string>(), "main form"));
        // The form's first button is 提出する; SubmitAsync posts to the form's action, so post the handler explicitly.
        var submit = await Browser.ParseAsync(await school.PostWithTokenAsync(url, url + "?handler=Submit", new Dictionary<string, string>()));
        submit.QuerySelector("#Input_Done-error")!.TextContent.ShouldContain("実施状況を入力");
        submit.QuerySelector("#Input_Grade-error")!.TextContent.ShouldContain("評価を選んで");

        await TestData.WithDbAsync(factory, db => db.Set<ReportingRound>().IgnoreQueryFilters().Where(r => r.Id == round)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Deadline, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)))));
        var late = await Browser.ParseAsync(await school.PostWithTokenAsync($"/{City}/admin/reports", url + "?handler=Submit", Report("実施した", "A")));
        (late.QuerySelector(".error-summary")?.TextContent ?? late.QuerySelector("main")!.TextContent).ShouldContain("期限");
        (await TestData.WithDbAsync(factory, db => db.Set<ProgressReport>().IgnoreQueryFilters().AnyAsync(r => r.RoundId == round))).ShouldBeFalse();
    }

    [Fact]
    public async Task WholeRound_ReportReturnResubmitAccept_CouncilEvaluates_ManagerPublishesVersions()
    {
        var (manager, _) = await SignedInAsync(CityRole.PlanManager);
        var round = await OpenRoundAsync(manager, 2015);
        var (school, schoolEmail) = await SignedInAsync(CityRole.DepartmentStaff, "学校教育課");
        var (collab, _) = await SignedInAsync(CityRole.DepartmentStaff, "協働推進課");

        // Reminders reach the departments with unsubmitted items.
        (await manager.SubmitAsync($"/{City}/admin/rounds/{round}", new Dictionary<string, string>(), "main form[action*=Remind]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.LastMailToAsync(factory, schoolEmail)).Subject.ShouldContain("期限が近づいています");

        var schoolItem = await NodeIdAsync("Ⅰ-(2)-⑪");
        var schoolUrl = $"/{City}/admin/reports/{round}/{schoolItem}";
        (await school.PostWithTokenAsync(schoolUrl, schoolUrl + "?handler=Save", Report("下書き", ""))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await school.PostWithTokenAsync(schoolUrl, schoolUrl + "?handler=Submit", Report("学校運営協議会を3校で設置した。", "B"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Submitted reports are locked.
        var (_, locked) = await school.GetPageAsync(schoolUrl);
        locked.QuerySelector("main form textarea").ShouldBeNull();

        // The manager returns it with a comment; the department is told and resubmits.
        var review = $"/{City}/admin/rounds/{round}/items/{schoolItem}";
        (await manager.SubmitAsync(review, new Dictionary<string, string> { ["Comment"] = "設置した学校名を書いてください。" }, "main form[action*=Return]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.LastMailToAsync(factory, schoolEmail)).Body.ShouldContain("設置した学校名を書いてください。");
        var (_, returned) = await school.GetPageAsync(schoolUrl);
        returned.QuerySelector("main .notice--warning")!.TextContent.ShouldContain("設置した学校名");
        (await school.PostWithTokenAsync(schoolUrl, schoolUrl + "?handler=Submit", Report("学校運営協議会を湯田小・大殿小・白石中で設置した。", "B"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await manager.SubmitAsync(review, new Dictionary<string, string>(), "main form[action*=Accept]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The other items are reported and accepted through the service (the journey above is the one under test).
        await AcceptAllOthersAsync(round, except: schoolItem);
        var (_, dashboard) = await manager.GetPageAsync($"/{City}/admin/rounds/{round}");
        dashboard.QuerySelector("main")!.TextContent.ShouldContain("山口市協働のまちづくり推進委員会の検証・評価");

        var (council, _) = await SignedInAsync(CityRole.CouncilMember);
        var (_, ready) = await council.GetPageAsync($"/{City}/admin/council");
        ready.QuerySelectorAll("main ul li a").Select(a => a.GetAttribute("href")).ShouldContain($"/{City}/admin/council/{round}");
        var policy = await NodeIdAsync("Ⅰ");
        var missing = await Browser.ParseAsync(await council.PostWithTokenAsync($"/{City}/admin/council/{round}", $"/{City}/admin/council/{round}", new Dictionary<string, string> { ["PolicyId"] = policy.ToString(CultureInfo.InvariantCulture) }));
        missing.QuerySelector($"#Evaluation-{policy}-error")!.TextContent.ShouldContain("評価を選んで");
        (await council.PostWithTokenAsync($"/{City}/admin/council/{round}", $"/{City}/admin/council/{round}", new Dictionary<string, string>
        { ["PolicyId"] = policy.ToString(CultureInfo.InvariantCulture), ["Evaluation"] = "おおむね順調", ["Opinion"] = "地域と学校の連携が進んだ。" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await manager.SubmitAsync($"/{City}/admin/rounds/{round}", new Dictionary<string, string> { ["CouncilOpinion"] = "協働の取組はおおむね順調に進んでいる。" }, "main form[action*=Opinion]"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var published = await manager.SubmitAsync($"/{City}/admin/rounds/{round}", new Dictionary<string, string>(), "main form[action*=Publish]");
        published.Headers.Location!.OriginalString.ShouldBe($"/{City}/plans/{Key}/reports/2015");

        var visitor = Browser.For(factory);
        var (_, report) = await visitor.GetPageAsync($"/{City}/plans/{Key}/reports/2015");
        var row = report.QuerySelectorAll("main table.published-items tbody tr").Single(r => r.Children.Length == 6 && r.Children[0].TextContent == "Ⅰ-(2)-⑪");
        row.Children[4].TextContent.ShouldContain("B");
        row.Children[5].TextContent.ShouldContain("湯田小");
        report.QuerySelector("main")!.TextContent.ShouldContain("協働の取組はおおむね順調に進んでいる。");
        report.QuerySelector("main")!.TextContent.ShouldContain("地域と学校の連携が進んだ。");

        // A correction after publication: version 2; version 1 stays as it was.
        await TestData.WithDbAsync(factory, db => db.Set<ReportingRound>().IgnoreQueryFilters().Where(r => r.Id == round)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CouncilOpinion, "訂正した答申。")));
        (await manager.SubmitAsync($"/{City}/admin/rounds/{round}", new Dictionary<string, string>(), "main form[action*=Publish]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await visitor.GetPageAsync($"/{City}/plans/{Key}/reports/2015")).Page.QuerySelector("main")!.TextContent.ShouldContain("訂正した答申。");
        var (_, first) = await visitor.GetPageAsync($"/{City}/plans/{Key}/reports/2015?version=1");
        first.QuerySelector("main")!.TextContent.ShouldContain("協働の取組はおおむね順調に進んでいる。");
        first.QuerySelector("main .notice--warning")!.TextContent.ShouldContain("以前の版");

        // The API gives the same published data.
        var api = System.Text.Json.Nodes.JsonNode.Parse(await visitor.Client.GetStringAsync($"/api/v1/{City}/plans/{Key}/reports/2015"))!;
        ((int)api["version"]!).ShouldBe(2);
        api["items"]!.AsArray().ShouldContain(i => (string)i!["ref"]! == "Ⅰ-(2)-⑪" && (string)i["grade"]! == "B");
        var plans = System.Text.Json.Nodes.JsonNode.Parse(await visitor.Client.GetStringAsync($"/api/v1/{City}/plans"))!.AsArray();
        plans.Single(p => (string)p!["key"]! == Key)!["publishedYears"]!.AsArray().Select(y => (int)y!).ShouldContain(2015);
    }

    [Fact]
    public async Task ReturnedAfterTheDeadline_TheDepartmentCanStillCorrectIt()
    {
        var (manager, _) = await SignedInAsync(CityRole.PlanManager);
        var round = await OpenRoundAsync(manager, 2017);
        var (school, _) = await SignedInAsync(CityRole.DepartmentStaff, "学校教育課");
        var item = await NodeIdAsync("Ⅰ-(2)-⑪");
        var url = $"/{City}/admin/reports/{round}/{item}";
        (await school.PostWithTokenAsync(url, url + "?handler=Submit", Report("実施した。", "A"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await TestData.WithDbAsync(factory, db => db.Set<ReportingRound>().IgnoreQueryFilters().Where(r => r.Id == round)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Deadline, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)))));
        (await manager.SubmitAsync($"/{City}/admin/rounds/{round}/items/{item}", new Dictionary<string, string> { ["Comment"] = "数字を入れてください。" }, "main form[action*=Return]"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await school.PostWithTokenAsync(url, url + "?handler=Submit", Report("3校で実施した。", "A"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<ProgressReport>().IgnoreQueryFilters().SingleAsync(r => r.RoundId == round && r.NodeId == item))).Status
            .ShouldBe(ReportStatus.Submitted);
    }

    [Fact]
    public async Task DailyReminders_WriteToDepartmentsWithUnsubmittedItems_OnceInThreeDays()
    {
        var (manager, _) = await SignedInAsync(CityRole.PlanManager);
        var round = await OpenRoundAsync(manager, 2016);
        var (_, email) = await SignedInAsync(CityRole.DepartmentStaff, "広報広聴課");
        await TestData.WithDbAsync(factory, db => db.Set<ReportingRound>().IgnoreQueryFilters().Where(r => r.Id == round)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Deadline, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(5)))));
        var job = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RoundReminders>().Single();
        await job.RunOnceAsync(CancellationToken.None);
        var count = await TestData.WithDbAsync(factory, db => db.OutboxMessages.CountAsync(m => m.To == email && m.Subject.Contains("期限が近づいています")));
        count.ShouldBe(1);
        await job.RunOnceAsync(CancellationToken.None);
        (await TestData.WithDbAsync(factory, db => db.OutboxMessages.CountAsync(m => m.To == email && m.Subject.Contains("期限が近づいています")))).ShouldBe(1);
    }

    private async Task AcceptAllOthersAsync(int roundId, int except)
    {
        await TestData.WithDbAsync(factory, async db =>
        {
            var round = await db.Set<ReportingRound>().IgnoreQueryFilters().SingleAsync(r => r.Id == roundId);
            var items = await db.Set<PlanNode>().IgnoreQueryFilters()
                .Where(n => n.PlanId == round.PlanId && n.Departments.Any() && !db.Set<PlanNode>().IgnoreQueryFilters().Any(c => c.ParentId == n.Id) && n.Id != except)
                .Select(n => n.Id).ToListAsync();
            foreach (var id in items)
                db.Add(new ProgressReport { CityId = round.CityId, RoundId = roundId, NodeId = id, Status = ReportStatus.Accepted, Done = "計画どおり実施した。", Grade = "A", UpdatedAt = DateTime.UtcNow, AcceptedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
    }
}

public class IndicatorOnlyRoundTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    /// <summary>
    /// Shimonoseki's 5th plan names no departments: the manager gives them all to one department, and publishes the year
    /// with its indicators and the council's opinion before any report is in, saying why.
    /// </summary>
    [Fact]
    public async Task PlanWithoutDepartments_IsPublishedWithItsSevenIndicatorCharts()
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var user = await TestData.CreateUserAsync(factory, u => u.InCity("shimonoseki", CityRole.PlanManager).ExemptFromTwoFactor());
        var manager = Browser.For(factory);
        await manager.SignInAsync(user.Email!);
        var leaves = await TestData.WithDbAsync(factory, db => db.Set<PlanNode>().IgnoreQueryFilters()
            .Where(n => db.Set<Plan>().IgnoreQueryFilters().Any(p => p.Id == n.PlanId && p.Key == "shiminkatsudo-5") && !db.Set<PlanNode>().IgnoreQueryFilters().Any(c => c.ParentId == n.Id))
            .Select(n => n.Id).ToListAsync());
        var assign = PlanForms.Assign(leaves, await TestData.FirstDepartmentIdAsync(factory, "shimonoseki"));
        (await manager.PostWithTokenAsync("/shimonoseki/admin/plans/shiminkatsudo-5/rounds", "/shimonoseki/admin/plans/shiminkatsudo-5/rounds?handler=Assign", assign))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var opened = await manager.SubmitAsync("/shimonoseki/admin/plans/shiminkatsudo-5/rounds", new Dictionary<string, string>
        { ["Input.FiscalYear"] = "2026", ["Input.Deadline"] = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var round = opened.Headers.Location!.OriginalString;
        var indicator = await TestData.WithDbAsync(factory, db => db.Set<Indicator>().IgnoreQueryFilters().Where(i => i.Name == "市民活動の経験").Select(i => i.Id).SingleAsync());
        (await manager.SubmitAsync("/shimonoseki/admin/plans/shiminkatsudo-5/indicators", new Dictionary<string, string> { ["IndicatorId"] = indicator.ToString(CultureInfo.InvariantCulture), ["Values[2026]"] = "41.0" }, $"main #indicator-{indicator} form"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await manager.SubmitAsync(round, new Dictionary<string, string> { ["CouncilOpinion"] = "市民活動の経験は着実に増えている。" }, "main form[action*=Opinion]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await manager.SubmitAsync(round, new Dictionary<string, string> { ["IncompleteReason"] = "指標のみ先に公表" }, "main form[action*=Publish]")).Headers.Location!.OriginalString
            .ShouldBe("/shimonoseki/plans/shiminkatsudo-5/reports/2026");
        var (_, page) = await Browser.For(factory).GetPageAsync("/shimonoseki/plans/shiminkatsudo-5/reports/2026");
        page.QuerySelectorAll("main section.indicator svg").Length.ShouldBe(7);
        page.QuerySelector("main section.indicator")!.TextContent.ShouldContain("41%");
        page.QuerySelector("main")!.TextContent.ShouldContain("市民活動の経験は着実に増えている。");
    }
}

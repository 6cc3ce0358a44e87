using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Features.Plans.Rounds;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

/// <summary>A whole year's round on Yamaguchi's transcribed plan, each role in its own browser.</summary>
public class PlanRoundJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Plan = "kyodo-jikko-h25";

    [Fact]
    public async Task Manager_Opens_TwoDepartmentsReport_OneReturned_CouncilEvaluates_ManagerPublishes()
    {
        using (var scope = app.Factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var manager = await TestData.CreateUserAsync(app.Factory, u => u.InCity("yamaguchi", CityRole.PlanManager).ExemptFromTwoFactor());
        var school = await TestData.CreateUserAsync(app.Factory, u => u.InCity("yamaguchi", CityRole.DepartmentStaff, "学校教育課").ExemptFromTwoFactor());
        var collab = await TestData.CreateUserAsync(app.Factory, u => u.InCity("yamaguchi", CityRole.DepartmentStaff, "協働推進課").ExemptFromTwoFactor());
        var council = await TestData.CreateUserAsync(app.Factory, u => u.InCity("yamaguchi", CityRole.CouncilMember).ExemptFromTwoFactor());

        // The plan manager opens the round for 平成29年度.
        var m = await SignedInAsync(manager.Email!);
        await m.GotoAsync("/yamaguchi/admin");
        await m.GetByRole(AriaRole.Link, new() { Name = "計画の管理" }).ClickAsync();
        await m.Locator($"main a[href=\"/yamaguchi/admin/plans/{Plan}/rounds\"]").ClickAsync();
        await m.AssertAccessibleAsync("r01-rounds");
        await m.GetByLabel("対象の年度").SelectOptionAsync("2017");
        await m.GetByRole(AriaRole.Button, new() { Name = "進捗調査を始める" }).ClickAsync();
        await m.AssertAccessibleAsync("r02-round");
        var roundId = int.Parse(m.Url.Split('/')[^1], CultureInfo.InvariantCulture);
        // Every other item is reported and accepted already; the two below are the ones this journey follows.
        await AcceptAllExceptAsync(roundId, "Ⅰ-(2)-⑪", "Ⅱ-(4)-②");

        // 学校教育課 reports on a phone.
        var s = await SignedInAsync(school.Email!, phone: true);
        await s.GotoAsync("/yamaguchi/admin/reports");
        await s.AssertAccessibleAsync("r03-my-reports-phone");
        await s.GetByRole(AriaRole.Link, new() { Name = "地域とともにある学校づくりの支援" }).ClickAsync();
        await s.GetByRole(AriaRole.Button, new() { Name = "提出する" }).ClickAsync();
        (await s.Locator(".error-summary").IsVisibleAsync()).ShouldBeTrue();
        await s.AssertAccessibleAsync("r04-report-errors-phone");
        await s.GetByLabel("実施状況").FillAsync("学校運営協議会を3校で設置した。");
        await s.GetByLabel("評価").SelectOptionAsync("B");
        await s.GetByLabel("事業協力・協定").CheckAsync();
        await s.GetByRole(AriaRole.Button, new() { Name = "提出する" }).ClickAsync();
        await s.WaitForURLAsync("**/admin/reports");

        // 協働推進課 reports on its survey item.
        var c = await SignedInAsync(collab.Email!);
        await c.GotoAsync("/yamaguchi/admin/reports");
        await c.GetByRole(AriaRole.Link, new() { Name = "市民活動団体の実態調査の実施" }).ClickAsync();
        await c.GetByLabel("実施状況").FillAsync("市民活動団体の実態調査を実施し、312団体から回答を得た。");
        await c.GetByLabel("評価").SelectOptionAsync("A");
        await c.GetByRole(AriaRole.Button, new() { Name = "提出する" }).ClickAsync();
        await c.WaitForURLAsync("**/admin/reports");

        // The manager returns the school's report; the department corrects it and submits again.
        await m.ReloadAsync();
        await m.GetByRole(AriaRole.Link, new() { Name = "地域とともにある学校づくりの支援" }).ClickAsync();
        await m.AssertAccessibleAsync("r05-review");
        await m.GetByLabel("差し戻しの理由").FillAsync("設置した学校名を書いてください。");
        await m.GetByRole(AriaRole.Button, new() { Name = "差し戻す" }).ClickAsync();
        await s.GotoAsync("/yamaguchi/admin/reports");
        await s.GetByRole(AriaRole.Link, new() { Name = "地域とともにある学校づくりの支援" }).ClickAsync();
        (await s.Locator(".notice--warning").TextContentAsync() ?? "").ShouldContain("設置した学校名を書いてください。");
        await s.GetByLabel("実施状況").FillAsync("学校運営協議会を湯田小・大殿小・白石中の3校で設置した。");
        await s.GetByRole(AriaRole.Button, new() { Name = "提出する" }).ClickAsync();
        await s.WaitForURLAsync("**/admin/reports");

        foreach (var item in new[] { "地域とともにある学校づくりの支援", "市民活動団体の実態調査の実施" })
        {
            await m.GotoAsync($"/yamaguchi/admin/rounds/{roundId}");
            await m.GetByRole(AriaRole.Link, new() { Name = item }).ClickAsync();
            await m.GetByRole(AriaRole.Button, new() { Name = "受理する" }).ClickAsync();
        }

        // A council member evaluates the first policy.
        var k = await SignedInAsync(council.Email!);
        await k.GotoAsync("/yamaguchi/admin/council");
        await k.GetByRole(AriaRole.Link, new() { Name = "山口市協働推進プラン 年度別実行計画・平成29年度" }).ClickAsync();
        await k.AssertAccessibleAsync("r06-council");
        var policy = k.Locator("section").Filter(new() { HasText = "参加しやすく、活動しやすい環境づくりを進めます" });
        await policy.GetByLabel("評価").SelectOptionAsync("おおむね順調");
        await policy.GetByLabel("意見").FillAsync("地域と学校の連携が進んだ。");
        await policy.GetByRole(AriaRole.Button).ClickAsync();

        // The manager records the council's opinion and publishes.
        await m.GotoAsync($"/yamaguchi/admin/rounds/{roundId}");
        await m.GetByLabel("山口市協働のまちづくり推進委員会の検証・評価").FillAsync("協働の取組はおおむね順調に進んでいる。");
        await m.GetByRole(AriaRole.Button, new() { Name = "検証・評価を記録する" }).ClickAsync();
        await m.GetByRole(AriaRole.Button, new() { Name = "年次報告を公表する" }).ClickAsync();
        await m.WaitForURLAsync($"**/yamaguchi/plans/{Plan}/reports/2017");

        // Anyone reads the year's results.
        var v = await app.NewPageAsync(width: 375, height: 800);
        await v.GotoAsync($"/yamaguchi/plans/{Plan}");
        await v.GetByRole(AriaRole.Link, new() { Name = "平成29年度の年次報告" }).ClickAsync();
        var main = await v.Locator("main").TextContentAsync() ?? "";
        main.ShouldContain("湯田小・大殿小・白石中");
        main.ShouldContain("312団体");
        main.ShouldContain("協働の取組はおおむね順調に進んでいる。");
        await v.AssertAccessibleAsync("r07-published-phone");

        // The PDF shows the same results: read back with poppler's pdftotext.
        var download = await v.RunAndWaitForDownloadAsync(() => v.GetByRole(AriaRole.Link, new() { Name = "PDFでダウンロード" }).ClickAsync());
        var pdf = Path.Combine(Path.GetTempPath(), $"tsunagu-e2e-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(pdf);
        var text = PdfText(pdf);
        text.ShouldContain("山口市協働推進プラン");
        text.ShouldContain("平成29年度");
        text.ShouldContain("湯田小");
        text.ShouldContain("協働の取組はおおむね順調に進んでいる。");
        File.Delete(pdf);
    }

    private static string PdfText(string file)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("pdftotext is missing: install poppler-utils (test.sh does).");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // Layout mode may break a long line; compare without the breaks and spaces it adds.
        return System.Text.RegularExpressions.Regex.Replace(text, @"\s+", "");
    }

    private async Task<IPage> SignedInAsync(string email, bool phone = false)
    {
        var page = phone ? await app.NewPageAsync(width: 375, height: 800) : await app.NewPageAsync();
        await page.SignInAsync(email);
        return page;
    }

    private Task<int> AcceptAllExceptAsync(int roundId, params string[] refs) => TestData.WithDbAsync(app.Factory, async db =>
    {
        var round = await db.Set<ReportingRound>().IgnoreQueryFilters().SingleAsync(r => r.Id == roundId);
        var items = await db.Set<PlanNode>().IgnoreQueryFilters()
            .Where(n => n.PlanId == round.PlanId && n.Departments.Any() && !db.Set<PlanNode>().IgnoreQueryFilters().Any(c => c.ParentId == n.Id) && !refs.Contains(n.Ref))
            .Select(n => n.Id).ToListAsync();
        foreach (var id in items)
            db.Add(new ProgressReport { CityId = round.CityId, RoundId = roundId, NodeId = id, Status = ReportStatus.Accepted, Done = "計画どおり実施した。", Grade = "A", UpdatedAt = DateTime.UtcNow, AcceptedAt = DateTime.UtcNow });
        return await db.SaveChangesAsync();
    });
}

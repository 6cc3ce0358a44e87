using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

/// <summary>
/// Issue 5's journey: a volunteer registers, sees a recommendation and applies; the group accepts; the shift happens; the
/// hours are recorded and confirmed; the certificate downloads; the matching shows in Shimonoseki's indicator.
/// </summary>
public class MatchingJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string City = "shimonoseki";

    [Fact]
    public async Task Volunteer_IsRecommended_Applies_IsAccepted_ConfirmsHours_AndTheMatchingIsCounted()
    {
        using (var scope = app.Factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var organiserUser = await TestData.CreateUserAsync(app.Factory);
        await TestData.CreateGroupAsync(app.Factory, City, g => g.AdministeredBy(organiserUser));

        // The group posts an opportunity that needs sign language.
        var organiser = await app.NewPageAsync();
        await organiser.SignInAsync(organiserUser.Email!);
        await organiser.GotoAsync($"/{City}/opportunities/new");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "掲載する" }).ClickAsync();
        (await organiser.Locator(".error-summary").IsVisibleAsync()).ShouldBeTrue();
        await organiser.AssertAccessibleAsync("m01-post-errors");
        await organiser.GetByLabel("タイトル").FillAsync("手話で道案内");
        await organiser.GetByLabel("活動の内容").FillAsync("駅前で、耳の聞こえない観光客に手話で道を案内します。");
        await organiser.GetByLabel("活動場所").FillAsync("下関駅前");
        await organiser.Locator("fieldset", new() { Has = organiser.GetByText("必要なスキル", new() { Exact = true }) }).GetByLabel("手話").CheckAsync();
        await organiser.Locator("fieldset", new() { Has = organiser.GetByText("活動分野", new() { Exact = true }) }).GetByLabel("まちづくり").CheckAsync();
        await organiser.GetByLabel("日付").FillAsync(DateTime.UtcNow.AddDays(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await organiser.GetByLabel("開始時刻").FillAsync("10:00");
        await organiser.GetByLabel("終了時刻").FillAsync("12:00");
        await organiser.GetByLabel("募集人数").FillAsync("2");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "掲載する" }).ClickAsync();
        await organiser.WaitForURLAsync("**/manage");
        var opportunityId = int.Parse(organiser.Url.Split('/')[^2], CultureInfo.InvariantCulture);
        await organiser.AssertAccessibleAsync("m02-manage");

        // A citizen registers as a volunteer on a phone, is recommended the opportunity and applies.
        var citizen = await TestData.CreateUserAsync(app.Factory);
        var phone = await app.NewPageAsync(width: 375, height: 800);
        await phone.SignInAsync(citizen.Email!);
        await phone.GotoAsync($"/{City}/volunteers/register");
        await phone.GetByLabel("年代").SelectOptionAsync("Age30s");
        await phone.GetByLabel("手話").CheckAsync();
        await phone.GetByLabel("まちづくり").CheckAsync();
        for (var day = 0; day < 7; day++)
            foreach (var period in new[] { "午前", "午後" })
                await phone.GetByLabel($"{"月火水木金土日"[day]}曜日 {period}").CheckAsync();
        await phone.AssertAccessibleAsync("m02a-register-filled-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await phone.WaitForURLAsync("**/volunteers/me");
        await phone.GetByRole(AriaRole.Link, new() { Name = "募集をさがす" }).First.ClickAsync();
        var forYou = phone.Locator("section[aria-labelledby=for-you]");
        (await forYou.TextContentAsync() ?? "").ShouldContain("手話で道案内");
        await phone.AssertAccessibleAsync("m03-for-you-phone");
        await forYou.GetByRole(AriaRole.Link, new() { Name = "手話で道案内" }).ClickAsync();
        (await phone.Locator("#fit").TextContentAsync() ?? "").ShouldContain("あなたとの一致度");
        await phone.AssertAccessibleAsync("m04-opportunity-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "この回に応募する" }).ClickAsync();
        await phone.WaitForURLAsync("**/volunteers/activities");
        (await phone.Locator("main").TextContentAsync() ?? "").ShouldContain("応募中（返事待ち）");
        await phone.AssertAccessibleAsync("m05-activities-phone");

        // The group accepts, and only then sees how to reach the volunteer.
        await organiser.ReloadAsync();
        (await organiser.Locator("main").TextContentAsync() ?? "").ShouldNotContain(citizen.Email!);
        await organiser.AssertAccessibleAsync("m05a-manage-applicant");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "受け入れる" }).ClickAsync();
        await organiser.WaitForURLAsync("**/manage");
        (await organiser.Locator("main").TextContentAsync() ?? "").ShouldContain(citizen.Email!);
        await organiser.AssertAccessibleAsync("m05b-manage-accepted-contact");

        // The shift happens; the organiser records two hours.
        var shiftId = await TestData.WithDbAsync(app.Factory, db => db.Set<Shift>().IgnoreQueryFilters().Where(s => s.OpportunityId == opportunityId).Select(s => s.Id).SingleAsync());
        await OpportunityTestData.PastAsync(app.Factory, shiftId);
        await organiser.ReloadAsync();
        await organiser.AssertAccessibleAsync("m05c-attendance-form");
        await organiser.GetByLabel("活動時間（時間）").FillAsync("2");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
        await organiser.WaitForURLAsync("**/manage");
        await organiser.AssertAccessibleAsync("m06-attendance");

        // The volunteer confirms the hours and downloads the certificate.
        await phone.ReloadAsync();
        await phone.AssertAccessibleAsync("m06a-hours-to-confirm-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "この活動時間で正しいことを確認する" }).ClickAsync();
        await phone.WaitForURLAsync("**/volunteers/activities");
        await phone.AssertAccessibleAsync("m07-hours-confirmed-phone");
        var download = await phone.RunAndWaitForDownloadAsync(() => phone.GetByRole(AriaRole.Link, new() { Name = "活動証明書（PDF）をダウンロードする" }).ClickAsync());
        var pdf = Path.Combine(Path.GetTempPath(), $"tsunagu-e2e-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(pdf);
        var text = PdfText(pdf);
        File.Delete(pdf);
        text.ShouldContain("ボランティア活動証明書");
        text.ShouldContain("手話で道案内");
        text.ShouldContain("2時間");
        text.ShouldContain("しものせき市民活動センター");

        // The matching counts in the 5th plan's indicator (15 → 30).
        await phone.GotoAsync($"/{City}/plans");
        await phone.AssertAccessibleAsync("m07a-plans-phone");
        var key = await TestData.WithDbAsync(app.Factory, db =>
            (from i in db.Set<Tsunagu.Web.Features.Plans.Indicator>().IgnoreQueryFilters()
             join p in db.Set<Tsunagu.Web.Features.Plans.Plan>().IgnoreQueryFilters() on i.PlanId equals p.Id
             where i.Source == "volunteer-matchings"
             select p.Key).SingleAsync());
        await phone.GotoAsync($"/{City}/plans/{key}");
        var indicator = phone.Locator("section.indicator", new() { HasText = "ボランティアギルド登録者とのマッチング件数" });
        (await indicator.TextContentAsync() ?? "").ShouldContain("の実績：1件");
        await indicator.ScrollIntoViewIfNeededAsync();
        await phone.AssertAccessibleAsync("m08-indicator-phone");

        // The volunteer writes to the organiser inside Tsunagu; the coordinator sees the year's matching.
        await phone.GotoAsync($"/{City}/volunteers/activities");
        await phone.GetByRole(AriaRole.Link, new() { Name = "主催者とのメッセージ" }).ClickAsync();
        await phone.GetByLabel("メッセージ").FillAsync("ありがとうございました。次回も参加したいです。");
        await phone.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        (await phone.Locator("main").TextContentAsync() ?? "").ShouldContain("次回も参加したいです");
        await phone.AssertAccessibleAsync("m09-messages-phone");
        var staffUser = await TestData.CreateUserAsync(app.Factory, u => u.InCity(City, Tsunagu.Web.Identity.CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = await app.NewPageAsync();
        await staff.SignInAsync(staffUser.Email!);
        await staff.GotoAsync($"/{City}/admin/volunteers/console");
        (await staff.Locator("#matchings").TextContentAsync() ?? "").ShouldContain("1件");
        await staff.AssertAccessibleAsync("m10-console");
    }

    private static string PdfText(string file)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("pdftotext is missing: install poppler-utils (test.sh does).");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return System.Text.RegularExpressions.Regex.Replace(text, @"\s+", "");
    }
}

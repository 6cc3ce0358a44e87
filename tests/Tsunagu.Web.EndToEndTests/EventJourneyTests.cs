using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

public class EventJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string City = "nagato";

    [Fact]
    public async Task Staff_CreateAFullCourse_ACitizenWaits_IsPromoted_ChecksInByCode_AndAnswersTheSurvey()
    {
        var staffUser = await TestData.CreateUserAsync(app.Factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = await app.NewPageAsync();
        await staff.SignInAsync(staffUser.Email!);
        await staff.GotoAsync($"/{City}/admin");
        await staff.GetByRole(AriaRole.Link, new() { Name = "講座・イベントの管理" }).ClickAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = "イベントを作成する" }).ClickAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "作成する", Exact = true }).ClickAsync();
        (await staff.Locator(".error-summary").IsVisibleAsync()).ShouldBeTrue();
        await staff.AssertAccessibleAsync("e01-event-errors");

        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var opens = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var closes = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await staff.Locator("#Input_Title").FillAsync("スマホ教室（入門）");
        await staff.GetByLabel("種類").SelectOptionAsync("Course");
        await staff.Locator("#Input_Description").FillAsync("スマートフォンの基本を学びます。");
        await staff.GetByLabel("会場", new() { Exact = true }).FillAsync("市民活動センター 会議室1");
        await staff.Locator("#Input_Capacity").FillAsync("1");
        await staff.Locator("#Input_OpensDate").FillAsync(opens);
        await staff.Locator("#Input_ClosesDate").FillAsync(closes);
        await staff.GetByLabel("手話通訳あり").CheckAsync();
        await staff.Locator("#Input_Meetings_0__Date").FillAsync(day);
        await staff.Locator("#Input_Meetings_0__StartTime").FillAsync("10:00");
        await staff.Locator("#Input_Meetings_0__EndTime").FillAsync("12:00");
        await staff.GetByRole(AriaRole.Button, new() { Name = "作成する", Exact = true }).ClickAsync();
        await staff.WaitForURLAsync($"**/{City}/admin/events");
        (await staff.Locator(".notice--success").TextContentAsync() ?? "").ShouldContain("作成しました");
        await staff.AssertAccessibleAsync("e02-admin-events");
        var id = await TestData.WithDbAsync(app.Factory, db => db.Set<Event>().IgnoreQueryFilters().Where(e => e.Title == "スマホ教室（入門）").Select(e => e.Id).SingleAsync());

        var firstUser = await TestData.CreateUserAsync(app.Factory);
        var first = await app.NewPageAsync();
        await first.SignInAsync(firstUser.Email!);
        await first.GotoAsync($"/{City}/events/{id}");
        await first.GetByRole(AriaRole.Button, new() { Name = "申し込む", Exact = true }).ClickAsync();
        (await first.Locator("main").TextContentAsync() ?? "").ShouldContain("参加が確定しています。");

        var citizen = await TestData.CreateUserAsync(app.Factory, u => u.DisplayName = "長門 さくら");
        var phone = await app.NewPageAsync(width: 375, height: 800);
        await phone.SignInAsync(citizen.Email!);
        await phone.GotoAsync($"/{City}");
        await phone.GetByRole(AriaRole.Link, new() { Name = "講座・イベント", Exact = true }).First.ClickAsync();
        await phone.AssertAccessibleAsync("e03-events-phone");
        await phone.GetByRole(AriaRole.Link, new() { Name = "スマホ教室（入門）" }).ClickAsync();
        await phone.AssertAccessibleAsync("e04-event-full-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "キャンセル待ちで申し込む" }).ClickAsync();
        (await phone.Locator("main").TextContentAsync() ?? "").ShouldContain("キャンセル待ちです（1番目）。");
        await phone.AssertAccessibleAsync("e05-waitlisted-phone");

        await first.GetByRole(AriaRole.Button, new() { Name = "申込を取り消す" }).ClickAsync();
        (await first.Locator(".notice--success").TextContentAsync() ?? "").ShouldContain("取り消しました");
        (await TestData.LastMailToAsync(app.Factory, citizen.Email!)).Subject.ShouldContain("参加が確定しました");

        await phone.ReloadAsync();
        (await phone.Locator("main").TextContentAsync() ?? "").ShouldContain("参加が確定しています。");
        await phone.GetByRole(AriaRole.Link, new() { Name = "受付コードを見る" }).ClickAsync();
        var code = (await phone.Locator(".registration-code").TextContentAsync())!.Trim();
        (await phone.Locator("main img").GetAttributeAsync("src"))!.ShouldStartWith("data:image/png;base64,");
        await phone.AssertAccessibleAsync("e06-my-registrations-phone");

        await staff.GotoAsync($"/{City}/admin/events/{id}/checkin");
        await staff.GetByLabel("受付コード").FillAsync(code);
        await staff.GetByRole(AriaRole.Button, new() { Name = "受付する" }).ClickAsync();
        (await staff.Locator(".notice--success").TextContentAsync() ?? "").ShouldContain("長門 さくらさんの受付をしました。");
        await staff.AssertAccessibleAsync("e07-checkin");

        // A plan of the city measures course satisfaction from Tsunagu's own surveys: no answers yet this year.
        var year = Tsunagu.Web.Calendar.FiscalYear.Of(DateTime.UtcNow.AddHours(9)).StartYear;
        await ImportPlanAsync($$"""
            { "format": "tsunagu-plan/1", "key": "satisfaction", "title": "講座の満足度を測る計画", "period": { "from": "FY{{year}}", "to": "FY{{year + 4}}" },
              "levels": ["方針"], "nodes": [ { "ref": "1", "title": "学びの機会をつくる" } ],
              "indicators": [ { "node": "1", "name": "講座参加者の満足度", "unit": "%", "direction": "higher",
                "baseline": { "year": "FY{{year - 1}}", "value": 80 }, "target": { "year": "FY{{year + 4}}", "value": 90 }, "source": "course-satisfaction" } ] }
            """);
        var thisYear = Tsunagu.Web.Features.Plans.PlanText.Year(year, english: false);
        var indicatorRow = phone.Locator("section.indicator tbody tr", new() { HasText = thisYear });
        await phone.GotoAsync($"/{City}/plans/satisfaction");
        (await indicatorRow.TextContentAsync() ?? "").ShouldNotContain("100%");

        await EventTestData.PastAsync(app.Factory, id);
        await phone.GotoAsync($"/{City}/events/{id}");
        await phone.GetByRole(AriaRole.Button, new() { Name = "回答する" }).ClickAsync();
        (await phone.Locator(".error-summary").IsVisibleAsync()).ShouldBeTrue();
        await phone.AssertAccessibleAsync("e08-survey-error-phone");
        await phone.GetByLabel("満足度").SelectOptionAsync("5");
        await phone.GetByLabel("ご意見・ご感想").FillAsync("ゆっくり教えてもらえて、よく分かりました。");
        await phone.GetByRole(AriaRole.Button, new() { Name = "回答する" }).ClickAsync();
        (await phone.Locator(".notice--success").TextContentAsync() ?? "").ShouldContain("ありがとうございました");
        await phone.AssertAccessibleAsync("e09-survey-answered-phone");

        // The one answer (5 = satisfied) moves the indicator: 100% satisfied this year.
        await phone.GotoAsync($"/{City}/plans/satisfaction");
        (await indicatorRow.TextContentAsync() ?? "").ShouldContain("100%");
        await indicatorRow.ScrollIntoViewIfNeededAsync();
        await phone.AssertAccessibleAsync("e10-satisfaction-indicator-phone");
    }

    /// <summary>Imports a plan for the city as its plan manager's upload would.</summary>
    private async Task ImportPlanAsync(string json)
    {
        await app.Factory.EnsurePreparedAsync();
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Data.TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Tenancy.CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == City));
        scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Audit.CurrentActor>().Set("e2e", "e2e@example.jp");
        var result = await scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Features.Plans.PlanImporter>().ImportAsync(System.Text.Encoding.UTF8.GetBytes(json));
        result.Ok.ShouldBeTrue(string.Join("; ", result.Problems.Select(p => p.Message)));
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Groups.Renewal;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Groups;

public class GroupRenewalTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task<(Browser Admin, int GroupId, string RepEmail)> PublishedGroupAsync(string city)
    {
        var user = await TestData.CreateUserAsync(factory);
        var rep = $"rep-{Guid.NewGuid():N}@example.jp";
        var aYearAgo = DateTime.UtcNow.AddYears(-1);
        var group = await TestData.CreateGroupAsync(factory, city, g => g.Named(TestData.Unique("更新の会"), "こうしんのかい")
            .Described("年次更新の試験をする団体です。").RepresentedBy("代表 次郎", rep).InFields(2)
            .Registered(aYearAgo).Confirmed(aYearAgo).AdministeredBy(user));
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, group.Id, rep);
    }

    private async Task<Browser> StaffAsync(string city)
    {
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(city, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        return browser;
    }

    private static string ThisFiscalYear => Web.Calendar.FiscalYear.Of(DateOnly.Parse(Today, CultureInfo.InvariantCulture)).StartYear.ToString(CultureInfo.InvariantCulture);

    private static string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Web.Shared.Display.TokyoZone)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task StartingARound_AsksEveryPublishedGroup_AndConfirmingClearsTheFlag()
    {
        const string city = "yamaguchi";
        var (admin, id, rep) = await PublishedGroupAsync(city);
        var staff = await StaffAsync(city);

        var started = await staff.SubmitAsync($"/{city}/admin/groups/renewal", new Dictionary<string, string>
        {
            ["Input.FiscalYear"] = ThisFiscalYear,
            ["Input.DueOn"] = DateOnly.Parse(Today, CultureInfo.InvariantCulture).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.GraceDays"] = "30",
        }, "main form[action*=Start]");
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mail = await TestData.LastMailToAsync(factory, rep);
        mail.Subject.ShouldContain("団体登録の更新をお願いします");
        mail.Body.ShouldContain($"/{city}/groups/mine");

        var (_, list) = await staff.GetPageAsync($"/{city}/admin/groups/renewal");
        list.QuerySelector("main table")!.TextContent.ShouldContain("確認待ち");

        // The same year cannot be started twice.
        var again = await staff.SubmitAsync($"/{city}/admin/groups/renewal", new Dictionary<string, string> { ["Input.FiscalYear"] = ThisFiscalYear, ["Input.DueOn"] = DateOnly.Parse(Today, CultureInfo.InvariantCulture).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.GraceDays"] = "30" }, "main form[action*=Start]");
        (await Browser.ParseAsync(again)).QuerySelector("#Input_FiscalYear-error")!.TextContent.ShouldContain("すでに始めています");

        var (_, mine) = await admin.GetPageAsync($"/{city}/groups/mine");
        mine.QuerySelector("main .notice--warning")!.TextContent.ShouldContain("年次更新");
        (await admin.SubmitAsync($"/{city}/groups/mine", new Dictionary<string, string>(), "main form[action*=Confirm]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetPageAsync($"/{city}/groups/mine")).Page.QuerySelector("main .notice--warning").ShouldBeNull();
        var (_, after) = await staff.GetPageAsync($"/{city}/admin/groups/renewal");
        (after.QuerySelector("main table")?.TextContent ?? "").ShouldNotContain("更新の会");
    }

    [Fact]
    public async Task Start_WithADueDateInThePastOrBadGrace_ShowsErrorsNextToTheFields()
    {
        var staff = await StaffAsync("shimonoseki");
        var page = await Browser.ParseAsync(await staff.SubmitAsync("/shimonoseki/admin/groups/renewal", new Dictionary<string, string>
        {
            ["Input.FiscalYear"] = ThisFiscalYear,
            ["Input.DueOn"] = "2020-04-30",
            ["Input.GraceDays"] = "-1",
        }, "main form[action*=Start]"));
        page.QuerySelector("#Input_GraceDays-error")!.TextContent.ShouldContain("0から365");
        var due = await Browser.ParseAsync(await staff.SubmitAsync("/shimonoseki/admin/groups/renewal", new Dictionary<string, string>
        {
            ["Input.FiscalYear"] = ThisFiscalYear,
            ["Input.DueOn"] = "2020-04-30",
            ["Input.GraceDays"] = "10",
        }, "main form[action*=Start]"));
        due.QuerySelector("#Input_DueOn-error")!.TextContent.ShouldContain("今日以降");
    }

    [Fact]
    public async Task AfterTheGracePeriod_UnconfirmedGroupsAreUnpublished_AndConfirmingPublishesThemAgain()
    {
        const string city = "nagato";
        var (admin, lapsing, rep) = await PublishedGroupAsync(city);
        var (confirmer, confirming, _) = await PublishedGroupAsync(city);
        // A round whose due date and grace period are over (as it would be weeks after it started).
        await TestData.WithDbAsync(factory, async db =>
        {
            var cityId = await db.Cities.Where(c => c.Slug == city).Select(c => c.Id).SingleAsync();
            db.Add(new RenewalRound { CityId = cityId, FiscalYear = 2026, StartedAt = DateTime.UtcNow.AddDays(-60), DueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-30)), GraceDays = 14 });
            await db.Groups.IgnoreQueryFilters().Where(g => g.Id == confirming).ExecuteUpdateAsync(s => s.SetProperty(g => g.ConfirmedAt, DateTime.UtcNow.AddDays(-40)));
            return await db.SaveChangesAsync();
        });
        var staff = await StaffAsync(city);
        var (_, flagged) = await staff.GetPageAsync($"/{city}/admin/groups/renewal");
        flagged.QuerySelector("main table")!.TextContent.ShouldContain("期限切れ（猶予期間中）");

        (await staff.SubmitAsync($"/{city}/admin/groups/renewal", new Dictionary<string, string>(), "main form[action*=Enforce]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Browser.For(factory).GetAsync($"/{city}/groups/{lapsing}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Browser.For(factory).GetAsync($"/{city}/groups/{confirming}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TestData.LastMailToAsync(factory, rep)).Subject.ShouldContain("公開を停止しました");
        var audit = await TestData.WithDbAsync(factory, db => db.AuditEntries.Where(a => a.EntityType == "Group" && a.EntityKey == lapsing.ToString(CultureInfo.InvariantCulture)).OrderBy(a => a.Id).Select(a => a.Changes).ToListAsync());
        audit.Last().ShouldContain("Unpublished");

        var (_, mine) = await admin.GetPageAsync($"/{city}/groups/mine");
        mine.QuerySelector("main .notice--warning")!.TextContent.ShouldContain("公開を停止しています");
        (await admin.SubmitAsync($"/{city}/groups/mine", new Dictionary<string, string>(), "main form[action*=Confirm]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Browser.For(factory).GetAsync($"/{city}/groups/{lapsing}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GroupWithoutAdministrator_StaysPublished_UntilTheCentreConfirmsForIt()
    {
        const string city = "shimonoseki";
        var (_, withoutAdmin, _) = await PublishedGroupAsync(city);
        await TestData.WithDbAsync(factory, db => db.Set<GroupAdministrator>().Where(a => a.GroupId == withoutAdmin).ExecuteDeleteAsync());
        await TestData.WithDbAsync(factory, async db =>
        {
            var cityId = await db.Cities.Where(c => c.Slug == city).Select(c => c.Id).SingleAsync();
            db.Add(new RenewalRound { CityId = cityId, FiscalYear = 2026, StartedAt = DateTime.UtcNow.AddDays(-60), DueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-30)), GraceDays = 0 });
            return await db.SaveChangesAsync();
        });
        var staff = await StaffAsync(city);
        (await staff.SubmitAsync($"/{city}/admin/groups/renewal", new Dictionary<string, string>(), "main form[action*=Enforce]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Browser.For(factory).GetAsync($"/{city}/groups/{withoutAdmin}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, page) = await staff.GetPageAsync($"/{city}/admin/groups/renewal");
        page.QuerySelector("main table")!.TextContent.ShouldContain("管理者なし");
        (await staff.SubmitAsync($"/{city}/admin/groups/renewal", new Dictionary<string, string>(), $"main form[action*='groupId={withoutAdmin}']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, after) = await staff.GetPageAsync($"/{city}/admin/groups/renewal");
        (after.QuerySelector("main table")?.TextContent ?? "").ShouldNotContain("管理者なし");
    }

    [Fact]
    public async Task SomeoneElse_CannotConfirmAGroupTheyDoNotAdminister()
    {
        var (_, id, _) = await PublishedGroupAsync("muroran");
        var stranger = Browser.For(factory);
        var user = await TestData.CreateUserAsync(factory);
        await stranger.SignInAsync(user.Email!);
        (await stranger.PostWithTokenAsync("/muroran/groups/mine", $"/muroran/groups/mine?handler=Confirm&id={id}", new Dictionary<string, string>()))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

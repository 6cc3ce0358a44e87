using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Admin;

public class StaffTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task<Browser> SignedInCityAdminAsync(string city)
    {
        var admin = await TestData.CreateUserAsync(factory, u => u.InCity(city, CityRole.CityAdmin).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(admin.Email!);
        return browser;
    }

    [Fact]
    public async Task CityAdmin_InvitesNewStaff_WhoGetsAnInvitationAndTheRole()
    {
        var browser = await SignedInCityAdminAsync("yamaguchi");
        var deptId = await TestData.FirstDepartmentIdAsync(factory, "yamaguchi");
        var email = $"staff-{Guid.NewGuid():N}@city.example.jp";
        var response = await browser.SubmitAsync("/yamaguchi/admin/staff", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "協働 一郎",
            ["Input.Role"] = "DepartmentStaff",
            ["Input.DepartmentId"] = deptId.ToString(CultureInfo.InvariantCulture),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var mail = await TestData.LastMailToAsync(factory, email);
        mail.Subject.ShouldContain("担当課職員");
        var invited = Browser.For(factory);
        var set = await invited.SubmitAsync(TestData.FirstLink(mail.Body), new Dictionary<string, string> { ["Password"] = "my-first-password" });
        (await set.Content.ReadAsStringAsync()).ShouldContain("パスワードを設定しました");
        await invited.SignInAsync(email, "my-first-password");

        var (_, page) = await browser.GetPageAsync("/yamaguchi/admin/staff");
        page.QuerySelector("main table")!.TextContent.ShouldContain(email);
    }

    [Fact]
    public async Task DepartmentStaff_WithoutDepartment_IsRefusedWithAMessage()
    {
        var browser = await SignedInCityAdminAsync("yamaguchi");
        var response = await browser.SubmitAsync("/yamaguchi/admin/staff", new Dictionary<string, string>
        {
            ["Input.Email"] = "nodept@example.jp",
            ["Input.DisplayName"] = "x",
            ["Input.Role"] = "DepartmentStaff",
            ["Input.DepartmentId"] = "",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(response)).QuerySelector("#Input_DepartmentId-error")!.TextContent.ShouldContain("担当課を選んでください");
    }

    [Fact]
    public async Task CityAdmin_CannotOpenAnotherCitysStaffPage()
    {
        var browser = await SignedInCityAdminAsync("shimonoseki");
        var response = await browser.GetAsync("/nagato/admin/staff");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
    }

    [Fact]
    public async Task CityAdmin_CannotRemoveAnotherCitysMembership_ByEditingTheId()
    {
        var nagatoStaff = await TestData.CreateUserAsync(factory, u => u.InCity("nagato", CityRole.CentreStaff));
        var membershipId = await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().Where(m => m.UserId == nagatoStaff.Id).Select(m => m.Id).SingleAsync());

        var browser = await SignedInCityAdminAsync("shimonoseki");
        var response = await browser.PostWithTokenAsync("/shimonoseki/admin/staff", "/shimonoseki/admin/staff?handler=Remove",
            new Dictionary<string, string> { ["membershipId"] = membershipId.ToString(CultureInfo.InvariantCulture) });
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().AnyAsync(m => m.Id == membershipId))).ShouldBeTrue();
    }

    [Fact]
    public async Task CityAdmin_CannotAssignAnotherCitysDepartment_ByEditingTheFormField()
    {
        var nagatoDept = await TestData.FirstDepartmentIdAsync(factory, "nagato");
        var browser = await SignedInCityAdminAsync("shimonoseki");
        var email = $"cross-{Guid.NewGuid():N}@example.jp";
        var response = await browser.SubmitAsync("/shimonoseki/admin/staff", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "越境 太郎",
            ["Input.Role"] = "DepartmentStaff",
            ["Input.DepartmentId"] = nagatoDept.ToString(CultureInfo.InvariantCulture),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("この都市の担当課を選んでください");
        (await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().AnyAsync(m => m.DepartmentId == nagatoDept && m.User!.Email == email))).ShouldBeFalse();
    }

    [Fact]
    public async Task GrantingARole_IsAudited_AndSearchableByTheCityAdmin()
    {
        var browser = await SignedInCityAdminAsync("muroran");
        var email = $"audited-{Guid.NewGuid():N}@example.jp";
        await browser.SubmitAsync("/muroran/admin/staff", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "記録 花子",
            ["Input.Role"] = "CentreStaff",
            ["Input.DepartmentId"] = "",
        });

        var entry = await TestData.WithDbAsync(factory, db => db.AuditEntries.Where(e => e.EntityType == "CityMembership" && e.Action == "create")
            .OrderByDescending(e => e.Id).FirstAsync());
        var muroranId = await TestData.WithDbAsync(factory, db => db.Cities.Where(c => c.Slug == "muroran").Select(c => c.Id).SingleAsync());
        entry.CityId.ShouldBe(muroranId);
        using (var changes = JsonDocument.Parse(entry.Changes))
            changes.RootElement.GetProperty("Role").GetProperty("new").GetString().ShouldBe("CentreStaff");

        var (_, page) = await browser.GetPageAsync("/muroran/admin/audit?Entity=CityMembership");
        page.QuerySelector("main table")!.TextContent.ShouldContain("CentreStaff");

        // Another city's administrator sees none of it.
        var other = await SignedInCityAdminAsync("nagato");
        var (_, otherPage) = await other.GetPageAsync("/nagato/admin/audit?Entity=CityMembership");
        (otherPage.QuerySelector("main table")?.TextContent ?? "").ShouldNotContain(email);
    }

    [Fact]
    public async Task RemovingARole_IsAuditedWithTheOldValues()
    {
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity("muroran", CityRole.PlanManager));
        var membershipId = await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().Where(m => m.UserId == staff.Id).Select(m => m.Id).SingleAsync());
        var browser = await SignedInCityAdminAsync("muroran");
        var response = await browser.PostWithTokenAsync("/muroran/admin/staff", "/muroran/admin/staff?handler=Remove", new Dictionary<string, string> { ["membershipId"] = membershipId.ToString(CultureInfo.InvariantCulture) });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var entry = await TestData.WithDbAsync(factory, db => db.AuditEntries.SingleAsync(e => e.EntityType == "CityMembership" && e.Action == "delete" && e.EntityKey == membershipId.ToString(CultureInfo.InvariantCulture)));
        entry.Changes.ShouldContain("\"old\":\"PlanManager\"");
    }

    [Fact]
    public async Task CityAdmin_CannotRemoveTheirOwnAdministratorRole()
    {
        var admin = await TestData.CreateUserAsync(factory, u => u.InCity("shimonoseki", CityRole.CityAdmin).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(admin.Email!);
        var membershipId = await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().Where(m => m.UserId == admin.Id).Select(m => m.Id).SingleAsync());
        var response = await browser.PostWithTokenAsync("/shimonoseki/admin/staff", "/shimonoseki/admin/staff?handler=Remove", new Dictionary<string, string> { ["membershipId"] = membershipId.ToString(CultureInfo.InvariantCulture) });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await browser.GetPageAsync("/shimonoseki/admin/staff");
        page.QuerySelector(".notice--warning")!.TextContent.ShouldContain("自分の市管理者の役割は外せません");
        (await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().AnyAsync(m => m.Id == membershipId))).ShouldBeTrue();
    }

    [Fact]
    public async Task AccountChanges_AreInThePlatformAuditLog_NotInACitys()
    {
        var user = await TestData.CreateUserAsync(factory);
        var userBrowser = Browser.For(factory);
        await userBrowser.SignInAsync(user.Email!);
        await userBrowser.SubmitAsync("/account/api-tokens", new Dictionary<string, string> { ["Name"] = "監査テスト" });

        var platform = await TestData.CreateUserAsync(factory, u => u.AsPlatformAdmin().ExemptFromTwoFactor());
        var platformBrowser = Browser.For(factory);
        await platformBrowser.SignInAsync(platform.Email!);
        var (_, page) = await platformBrowser.GetPageAsync($"/admin/audit?Entity=ApiToken&Who={Uri.EscapeDataString(user.Email!)}");
        page.QuerySelector("main table")!.TextContent.ShouldContain("監査テスト");

        var cityAdmin = await SignedInCityAdminAsync("nagato");
        var (_, cityPage) = await cityAdmin.GetPageAsync("/nagato/admin/audit?Entity=ApiToken");
        (cityPage.QuerySelector("main table")?.TextContent ?? "").ShouldNotContain("監査テスト");
    }
}

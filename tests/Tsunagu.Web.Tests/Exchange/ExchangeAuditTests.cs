using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Exchange;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Exchange;

/// <summary>Staff recording an introduction's outcome leave an audit entry: who, which introduction, from what to what.</summary>
public class ExchangeAuditTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A need of one group introduced by centre staff to another group: the introduction's id, and the staff member.</summary>
    private async Task<(int IntroductionId, Browser Staff, AppUser StaffUser)> IntroductionAsync()
    {
        var admin = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.GroupAdmin));
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.Named(TestData.Unique("子ども会")).InFields(13).AdministeredBy(admin))).Id;
        var otherAdmin = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.GroupAdmin));
        var otherId = (await TestData.CreateGroupAsync(factory, City, g => g.Named(TestData.Unique("町内会")).InFields(13).AdministeredBy(otherAdmin))).Id;
        var owner = Browser.For(factory);
        await owner.SignInAsync(admin.Email!);
        var posted = await owner.SubmitAsync($"/{City}/exchange/new", new Dictionary<string, string>
        {
            ["Input.GroupId"] = Id(groupId),
            ["Input.Direction"] = "Need",
            ["Input.Category"] = "Venue",
            ["Input.Title"] = "夏祭りの会場を探しています",
            ["Input.Details"] = "8月の土曜日に使える広場を探しています。",
            ["Input.Fields"] = "13",
        });
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var need = int.Parse(posted.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);

        var staffUser = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var staff = Browser.For(factory);
        await staff.SignInAsync(staffUser.Email!);
        var introduced = await staff.SubmitAsync($"/{City}/admin/exchange/introduce", new Dictionary<string, string>
        {
            ["Input.PostId"] = Id(need),
            ["Input.CounterpartGroupId"] = Id(otherId),
            ["Input.Note"] = "広場をお持ちの町内会です。",
        });
        introduced.StatusCode.ShouldBe(HttpStatusCode.Redirect, await introduced.Content.ReadAsStringAsync());
        var id = await TestData.WithDbAsync(factory, db => db.Set<ExchangeIntroduction>().IgnoreQueryFilters().Where(i => i.NeedPostId == need).Select(i => i.Id).SingleAsync());
        return (id, staff, staffUser);
    }

    private Task<List<Tsunagu.Web.Audit.AuditEntry>> OutcomeEntriesAsync(int introductionId) =>
        TestData.WithDbAsync(factory, async db =>
        {
            var key = Id(introductionId);
            var entries = await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(ExchangeIntroduction) && a.EntityKey == key && a.Action == "update").OrderBy(a => a.Id).ToListAsync();
            return entries.Where(a => a.Changes.Contains("\"Outcome\"")).ToList();
        });

    [Fact]
    public async Task RecordingAnOutcome_WritesAnAuditEntry_WithWhoAndWhatChanged()
    {
        var (id, staff, staffUser) = await IntroductionAsync();
        (await OutcomeEntriesAsync(id)).ShouldBeEmpty();
        var cityId = await TestData.CityIdAsync(factory, City);

        (await staff.SubmitAsync($"/{City}/admin/exchange/introductions/{id}", new Dictionary<string, string>
        {
            ["Input.Outcome"] = "Succeeded",
            ["Input.Note"] = "広場を貸してもらえることになった",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var entry = (await OutcomeEntriesAsync(id)).ShouldHaveSingleItem();
        entry.UserId.ShouldBe(staffUser.Id);
        entry.UserEmail.ShouldBe(staffUser.Email);
        entry.CityId.ShouldBe(cityId);
        entry.At.ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(-5));
        using (var changes = JsonDocument.Parse(entry.Changes))
        {
            changes.RootElement.GetProperty("Outcome").GetProperty("old").GetString().ShouldBe("Pending");
            changes.RootElement.GetProperty("Outcome").GetProperty("new").GetString().ShouldBe("Succeeded");
            changes.RootElement.GetProperty("OutcomeNote").GetProperty("new").GetString().ShouldBe("広場を貸してもらえることになった");
            changes.RootElement.TryGetProperty("OutcomeAt", out _).ShouldBeTrue();
        }

        // Changing the outcome later is audited again, from the recorded outcome.
        (await staff.SubmitAsync($"/{City}/admin/exchange/introductions/{id}", new Dictionary<string, string> { ["Input.Outcome"] = "NotSucceeded" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var entries = await OutcomeEntriesAsync(id);
        entries.Count.ShouldBe(2);
        using var second = JsonDocument.Parse(entries[1].Changes);
        second.RootElement.GetProperty("Outcome").GetProperty("old").GetString().ShouldBe("Succeeded");
        second.RootElement.GetProperty("Outcome").GetProperty("new").GetString().ShouldBe("NotSucceeded");
    }

    [Fact]
    public async Task AnOutcomeRefusedForMissingInput_WritesNoAuditEntry()
    {
        var (id, staff, _) = await IntroductionAsync();
        var response = await staff.SubmitAsync($"/{City}/admin/exchange/introductions/{id}", new Dictionary<string, string> { ["Input.Outcome"] = "" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await OutcomeEntriesAsync(id)).ShouldBeEmpty();
        (await TestData.WithDbAsync(factory, db => db.Set<ExchangeIntroduction>().IgnoreQueryFilters().SingleAsync(i => i.Id == id))).Outcome.ShouldBe(IntroductionOutcome.Pending);
    }
}

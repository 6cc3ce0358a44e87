using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Opportunities;

/// <summary>A shift is never overfilled: 200 volunteers apply at once through the API while the organiser accepts as fast as they arrive.</summary>
public class ApplicationConcurrencyTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "nagato";
    private const int Volunteers = 200;
    private const int Places = 5;

    [Fact]
    public async Task TwoHundredApplyAtOnce_ForFivePlaces_ExactlyFiveAreConfirmed_AndTheOthersAreToldItIsFull()
    {
        var organiserUser = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiserUser))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Places(Places));
        var tokens = (await OpportunityTestData.VolunteersWithTokensAsync(factory, City, Volunteers)).Select(v => v.Token).ToList();

        var organiser = Browser.For(factory);
        await organiser.SignInAsync(organiserUser.Email!);
        var manage = $"/{City}/opportunities/{id}/manage";
        var (_, page) = await organiser.GetPageAsync(manage);
        var antiforgery = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var applying = tokens.Select(async token =>
        {
            using var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await client.PostAsJsonAsync($"/api/v1/{City}/opportunities/{id}/shifts/{shifts[0]}/applications", new { message = "参加したいです" });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        var all = Task.WhenAll(applying);

        // Two organiser sessions accept whatever has arrived, until every request is answered and nothing is left waiting.
        async Task AcceptLoopAsync()
        {
            while (true)
            {
                var done = all.IsCompleted;
                var waiting = await TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters()
                    .Where(a => a.ShiftId == shifts[0] && a.Status == ApplicationStatus.Applied).Select(a => a.Id).ToListAsync());
                if (done && waiting.Count == 0) return;
                foreach (var applicationId in waiting)
                {
                    var response = await organiser.Client.PostAsync($"{manage}?handler=Accept", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["applicationId"] = applicationId.ToString(CultureInfo.InvariantCulture),
                        ["__RequestVerificationToken"] = antiforgery,
                    }));
                    response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
                }
                if (waiting.Count == 0) await Task.Delay(10);
            }
        }
        await Task.WhenAll(AcceptLoopAsync(), AcceptLoopAsync());
        var results = await all;

        results.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict);
        results.Where(r => r.StatusCode == HttpStatusCode.Conflict).ShouldAllBe(r => r.Body.Contains("定員"));
        var statuses = await TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters()
            .Where(a => a.ShiftId == shifts[0]).GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        statuses[ApplicationStatus.Confirmed].ShouldBe(Places);
        statuses.Keys.ShouldBeSubsetOf([ApplicationStatus.Confirmed, ApplicationStatus.Full]);
        statuses.Values.Sum().ShouldBe(results.Count(r => r.StatusCode == HttpStatusCode.Created));
        var shift = await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().SingleAsync(s => s.Id == shifts[0]));
        shift.Confirmed.ShouldBe(Places);
        // Everyone whose application was closed because the shift filled is told so by e-mail, once.
        var closedAsFull = await TestData.WithDbAsync(factory, db => (
            from a in db.Set<ShiftApplication>().IgnoreQueryFilters()
            join v in db.Set<Tsunagu.Web.Features.Volunteers.Volunteer>().IgnoreQueryFilters() on a.VolunteerId equals v.Id
            join u in db.Users on v.UserId equals u.Id
            where a.ShiftId == shifts[0] && a.Status == ApplicationStatus.Full
            select u.Email!).ToListAsync());
        var told = await TestData.WithDbAsync(factory, db => db.OutboxMessages.Where(m => closedAsFull.Contains(m.To) && m.Subject.Contains("定員に達しました"))
            .GroupBy(m => m.To).Select(g => g.Count()).ToListAsync());
        told.Count.ShouldBe(closedAsFull.Count);
        told.ShouldAllBe(n => n == 1);
    }

    [Fact]
    public async Task Api_RefusesASignInCookie_AndASecondApplication()
    {
        var organiserUser = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiserUser))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId));
        var user = await TestData.CreateUserAsync(factory);
        await TestData.CreateVolunteerAsync(factory, City, v => v.For(user));
        var url = $"/api/v1/{City}/opportunities/{id}/shifts/{shifts[0]}/applications";

        var cookie = Browser.For(factory);
        await cookie.SignInAsync(user.Email!);
        (await cookie.Client.PostAsJsonAsync(url, new { })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OpportunityTestData.ApiTokenAsync(factory, user.Id));
        (await client.PostAsJsonAsync(url, new { })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var twice = await client.PostAsJsonAsync(url, new { });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("すでに応募");
        (await client.PostAsJsonAsync($"/api/v1/{City}/opportunities/{id}/shifts/999999/applications", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var list = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/{City}/opportunities");
        list.GetProperty("items").EnumerateArray().ShouldContain(o => o.GetProperty("id").GetInt32() == id);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tsunagu.Web.Tests.Events;

/// <summary>A course is never overfilled: 1,000 people register at once through the API for 100 seats.</summary>
public class RegistrationConcurrencyTests(TsunaguFactory factory, ITestOutputHelper output) : IClassFixture<TsunaguFactory>
{
    private const string City = "nagato";
    private const int People = 1000;
    private const int Seats = 100;

    [Fact]
    public async Task ThousandRegisterAtOnce_ForAHundredSeats_ExactlyAHundredAreConfirmed_AndNineHundredWaitInArrivalOrder()
    {
        var id = (await TestData.CreateEventAsync(factory, City, e => e.Places(Seats))).Id;
        var tokens = await PeopleWithTokensAsync();
        var clock = Stopwatch.StartNew();

        var registering = tokens.Select(async token =>
        {
            using var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await client.PostAsync($"/api/v1/{City}/events/{id}/registrations", null);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var body = await response.Content.ReadFromJsonAsync<EventsApi.RegistrationJson>();
            return body!;
        }).ToList();
        var results = await Task.WhenAll(registering);
        output.WriteLine($"{People} registrations in {clock.Elapsed.TotalSeconds:0.0} s");

        results.Count(r => r.Status == "Confirmed").ShouldBe(Seats);
        results.Count(r => r.Status == "Waitlisted").ShouldBe(People - Seats);
        var rows = await TestData.WithDbAsync(factory, db => db.Set<EventRegistration>().IgnoreQueryFilters().Where(r => r.EventId == id).ToListAsync());
        rows.Count.ShouldBe(People);
        rows.Count(r => r.Status == RegistrationStatus.Confirmed).ShouldBe(Seats);
        rows.Where(r => r.Status == RegistrationStatus.Confirmed).ShouldAllBe(r => r.Position == null);
        // Positions 1..900, no gaps, no duplicates, and in the order the registrations were written.
        var waiting = rows.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.Position).ToList();
        waiting.Select(r => r.Position!.Value).ShouldBe(Enumerable.Range(1, People - Seats));
        waiting.Select(r => r.Id).ShouldBeInOrder(SortDirection.Ascending);
        rows.Select(r => r.Code).Distinct().Count().ShouldBe(People);
        var e = await TestData.WithDbAsync(factory, db => db.Set<Event>().IgnoreQueryFilters().SingleAsync(x => x.Id == id));
        e.Confirmed.ShouldBe(Seats);
        e.WaitlistIssued.ShouldBe(People - Seats);
    }

    [Fact]
    public async Task Api_RefusesASignInCookie_ASecondRegistration_AndAnUnknownEvent()
    {
        var id = (await TestData.CreateEventAsync(factory, City)).Id;
        var user = await TestData.CreateUserAsync(factory);
        var url = $"/api/v1/{City}/events/{id}/registrations";

        var cookie = Browser.For(factory);
        await cookie.SignInAsync(user.Email!);
        (await cookie.Client.PostAsync(url, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OpportunityTestData.ApiTokenAsync(factory, user.Id));
        var first = await client.PostAsync(url, null);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await first.Content.ReadFromJsonAsync<EventsApi.RegistrationJson>())!.Status.ShouldBe("Confirmed");
        var twice = await client.PostAsync(url, null);
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("すでに申し込んでいます");
        (await client.PostAsync($"/api/v1/{City}/events/999999/registrations", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostAsync($"/api/v1/shimonoseki/events/{id}/registrations", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var list = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/{City}/events");
        var item = list.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetInt32() == id);
        item.GetProperty("placesLeft").GetInt32().ShouldBe(9);
        item.TryGetProperty("onlineLink", out _).ShouldBeFalse();
    }

    private async Task<List<string>> PeopleWithTokensAsync()
    {
        var tokens = new List<string>();
        await TestData.WithDbAsync(factory, async db =>
        {
            // Accounts are written directly: these people sign in only with tokens, so no password hashing is needed.
            for (var i = 0; i < People; i++)
            {
                var email = $"event-load-{Guid.NewGuid():N}@example.jp";
                var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = $"参加者{i}", SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DateTime.UtcNow };
                db.Users.Add(user);
                var (secret, hash) = ApiToken.NewSecret();
                db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "load", TokenHash = hash, Prefix = secret[..12], CreatedAt = DateTime.UtcNow });
                tokens.Add(secret);
            }
            return await db.SaveChangesAsync();
        });
        return tokens;
    }
}

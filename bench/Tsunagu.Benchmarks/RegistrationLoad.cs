using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Identity;

namespace Tsunagu.Benchmarks;

/// <summary>
/// 1,000 people register at once, over loopback through the token API, for a course with 100 seats; repeated for
/// several courses. Reports registrations per second and the latency each person saw, and checks the outcome:
/// exactly 100 confirmed, 900 waitlisted with positions 1..900 in the order the rows were written.
///   dotnet run -c Release --project bench/Tsunagu.Benchmarks -- registration [--people 1000] [--seats 100] [--rounds 3] [--postgres "Host=…;Database=…"]
/// </summary>
public static class RegistrationLoad
{
    private const string City = "nagato";

    public static async Task<int> RunAsync(string[] args)
    {
        var people = int.Parse(BenchApp.Option(args, "--people") ?? "1000", CultureInfo.InvariantCulture);
        var seats = int.Parse(BenchApp.Option(args, "--seats") ?? "100", CultureInfo.InvariantCulture);
        var rounds = int.Parse(BenchApp.Option(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        await using var bench = await BenchApp.CreateAsync(args, "registration");
        var tokens = await PeopleWithTokensAsync(bench, people);
        var address = await bench.StartAsync();
        // One connection per person, as 1,000 phones would open; no client-side queue in front of the server.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = people }) { Timeout = TimeSpan.FromMinutes(2) };

        // Warm-up: one registration through the same path, so the first round does not pay for JIT and pools.
        await RegisterAsync(http, $"{address}/api/v1/{City}/events/{await CourseAsync(bench, seats)}/registrations", tokens[0]);

        var all = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var id = await CourseAsync(bench, seats);
            var url = $"{address}/api/v1/{City}/events/{id}/registrations";
            var wall = Stopwatch.StartNew();
            var times = await Task.WhenAll(tokens.Select(token => RegisterAsync(http, url, token)));
            wall.Stop();
            await CheckAsync(bench, id, people, seats);
            all.AddRange(times);
            Console.WriteLine($"round {round} ({bench.Provider}): {people} registrations at once for {seats} seats in {wall.Elapsed.TotalSeconds:0.00} s = {people / wall.Elapsed.TotalSeconds:0} registrations/s; {BenchApp.Percentiles([.. times])}; outcome checked");
        }
        Console.WriteLine($"all rounds ({bench.Provider}): {BenchApp.Percentiles(all)}");
        await bench.App.StopAsync();
        return 0;
    }

    private static async Task<double> RegisterAsync(HttpClient http, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var sw = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var elapsed = sw.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadFromJsonAsync<EventsApi.RegistrationJson>();
        return elapsed;
    }

    /// <summary>Exactly the seats confirmed, everyone else waitlisted 1..n in the order their rows were written.</summary>
    private static async Task CheckAsync(BenchApp bench, int eventId, int people, int seats)
    {
        using var scope = bench.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var rows = await db.Set<EventRegistration>().IgnoreQueryFilters().AsNoTracking().Where(r => r.EventId == eventId).ToListAsync();
        var waiting = rows.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.Position).ToList();
        var inOrder = waiting.Select(r => r.Position).SequenceEqual(Enumerable.Range(1, people - seats).Select(p => (int?)p))
            && waiting.Zip(waiting.Skip(1)).All(p => p.First.Id < p.Second.Id);
        if (rows.Count != people || rows.Count(r => r.Status == RegistrationStatus.Confirmed) != seats || !inOrder)
            throw new InvalidOperationException($"Wrong outcome: {rows.Count} rows, {rows.Count(r => r.Status == RegistrationStatus.Confirmed)} confirmed, waitlist in order: {inOrder}");
    }

    /// <summary>A published course with one meeting next week, registration open now.</summary>
    private static async Task<int> CourseAsync(BenchApp bench, int seats)
    {
        using var scope = bench.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var cityId = await db.Cities.Where(c => c.Slug == City).Select(c => c.Id).SingleAsync();
        var now = DateTime.UtcNow;
        var course = new Event
        {
            CityId = cityId,
            Title = "満席になる人気講座",
            Description = "負荷測定用の講座です。",
            Kind = EventKind.Course,
            Place = "市民活動センター 会議室1",
            Capacity = seats,
            RegistrationOpensAt = now.AddDays(-1),
            RegistrationClosesAt = now.AddDays(5),
            Status = EventStatus.Published,
            CreatedAt = now,
            UpdatedAt = now,
            Meetings = [new EventMeeting { CityId = cityId, StartsAt = now.AddDays(7), EndsAt = now.AddDays(7).AddHours(2) }],
        };
        db.Add(course);
        await db.SaveChangesAsync();
        return course.Id;
    }

    /// <summary>People who sign in only with API tokens, written directly (no password hashing needed).</summary>
    private static async Task<List<string>> PeopleWithTokensAsync(BenchApp bench, int people)
    {
        using var scope = bench.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var tokens = new List<string>();
        for (var i = 0; i < people; i++)
        {
            var email = $"bench-registrant-{i}@example.jp";
            var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = $"参加者{i}", SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DateTime.UtcNow };
            db.Users.Add(user);
            var (secret, hash) = ApiToken.NewSecret();
            db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "bench", TokenHash = hash, Prefix = secret[..12], CreatedAt = DateTime.UtcNow });
            tokens.Add(secret);
        }
        await db.SaveChangesAsync();
        return tokens;
    }
}

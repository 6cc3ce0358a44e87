using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Benchmarks;

/// <summary>
/// Ranking volunteers for an opportunity with 100,000 volunteers in the city, and a volunteer's "for you" list with 20,000 open
/// opportunities, as the manage page and the opportunities page do them (scores, then the shown rows from the database).
///   dotnet run -c Release --project bench/Tsunagu.Benchmarks -- matching [--volunteers 100000] [--opportunities 20000] [--postgres "Host=…;Database=…"]
/// </summary>
public static class MatchingLoad
{
    private const string City = "nagato";

    public static async Task<int> RunAsync(string[] args)
    {
        var volunteers = int.Parse(BenchApp.Option(args, "--volunteers") ?? "100000", CultureInfo.InvariantCulture);
        var opportunities = int.Parse(BenchApp.Option(args, "--opportunities") ?? "20000", CultureInfo.InvariantCulture);
        await using var bench = await BenchApp.CreateAsync(args, "matching");
        var app = bench.App;
        var clock = Stopwatch.StartNew();
        var (opportunityIds, volunteerIds) = await SeedAsync(app, volunteers, opportunities);
        Console.WriteLine($"{volunteers:N0} volunteers and {opportunities:N0} open opportunities seeded in {clock.Elapsed.TotalSeconds:0.0} s ({bench.Provider})");

        var random = new Random(7);
        await MeasureAsync(app, "rank 100k volunteers, top 20", async (services, ct) =>
        {
            var service = services.GetRequiredService<OpportunityService>();
            var o = await service.FindAsync(opportunityIds[random.Next(opportunityIds.Count)], ct) ?? throw new InvalidOperationException();
            var ranked = await service.RankVolunteersAsync(o, 20, ct: ct);
            var ids = ranked.Select(r => r.VolunteerId).ToList();
            // The rows the manage page then shows.
            return await services.GetRequiredService<TsunaguDb>().Set<Volunteer>().AsNoTracking().Include(v => v.Skills).Where(v => ids.Contains(v.Id)).CountAsync(ct);
        });
        await MeasureAsync(app, "for you among 20k opportunities, top 5", async (services, ct) =>
        {
            var userId = volunteerIds[random.Next(volunteerIds.Count)];
            var me = await services.GetRequiredService<VolunteerService>().MineAsync(userId, ct) ?? throw new InvalidOperationException();
            var service = services.GetRequiredService<OpportunityService>();
            var picks = await service.ForYouAsync(me, 5, ct);
            return (await service.ListingsAsync(picks.Select(p => p.OpportunityId).ToList(), ct)).Count;
        });
        return 0;
    }

    /// <summary>The first call builds the in-memory index (reported apart); then 300 calls, each in a request's own scope.</summary>
    private static async Task MeasureAsync(WebApplication app, string label, Func<IServiceProvider, CancellationToken, Task<int>> work)
    {
        async Task<(double Ms, int Rows)> OnceAsync()
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
            scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == City));
            var sw = Stopwatch.StartNew();
            var rows = await work(scope.ServiceProvider, CancellationToken.None);
            return (sw.Elapsed.TotalMilliseconds, rows);
        }
        var (first, _) = await OnceAsync();
        for (var i = 0; i < 30; i++) await OnceAsync();
        var times = new List<double>();
        var rows = 0;
        for (var i = 0; i < 300; i++)
        {
            var (ms, r) = await OnceAsync();
            times.Add(ms);
            rows = r;
        }
        Console.WriteLine($"{label,-42} first call (index build) {first:0} ms; 300 calls: {BenchApp.Percentiles(times)} ({rows} rows shown)");
    }

    private static async Task<(List<int> Opportunities, List<string> VolunteerUsers)> SeedAsync(WebApplication app, int volunteers, int opportunities)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == City);
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(city);
        // No actor is set: seeding is nobody's change, so no audit entries for half a million rows.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var skills = (await scope.ServiceProvider.GetRequiredService<VolunteerService>().SkillsAsync()).Select(s => s.Id).ToArray();
        var districts = await db.Districts.Select(d => d.Id).ToArrayAsync();
        var groups = await db.Groups.Where(g => g.Status == GroupStatus.Approved).Select(g => g.Id).ToArrayAsync();
        var random = new Random(42);
        // Registered over the past year: the rows are older than the index's look-back, as in a city that has run a while.
        var past = DateTime.UtcNow.AddDays(-1);
        var userIds = new List<string>(volunteers);
        const int Batch = 5000;
        for (var start = 0; start < volunteers; start += Batch)
        {
            for (var i = start; i < Math.Min(volunteers, start + Batch); i++)
            {
                var email = $"bench-volunteer-{i}@example.jp";
                var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = $"ボランティア{i}", SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = past };
                db.Users.Add(user);
                userIds.Add(user.Id);
                var v = new Volunteer
                {
                    UserId = user.Id,
                    AgeBand = (AgeBand)(1 + random.Next(6)),
                    Availability = random.Next(1 << 21),
                    Status = VolunteerStatus.Active,
                    Notify = NotifyPreference.None,
                    ShiftsRecorded = random.Next(6),
                    CreatedAt = past,
                    UpdatedAt = past,
                };
                v.ShiftsAttended = random.Next(v.ShiftsRecorded + 1);
                foreach (var s in skills.OrderBy(_ => random.Next()).Take(1 + random.Next(3))) v.Skills.Add(new VolunteerSkillChoice { SkillId = s });
                foreach (var f in Enumerable.Range(1, 20).OrderBy(_ => random.Next()).Take(1 + random.Next(3))) v.Interests.Add(new VolunteerInterest { Field = f });
                foreach (var d in districts.OrderBy(_ => random.Next()).Take(1 + random.Next(2))) v.Districts.Add(new VolunteerDistrict { DistrictId = d });
                db.Add(v);
            }
            await SaveAsync(db);
        }
        var ids = new List<int>(opportunities);
        for (var start = 0; start < opportunities; start += Batch)
        {
            var batch = new List<Opportunity>();
            for (var i = start; i < Math.Min(opportunities, start + Batch); i++)
            {
                var o = new Opportunity
                {
                    Title = $"ベンチマークの募集{i}",
                    Description = "地域の行事の運営を手伝います。",
                    OrganiserKind = OrganiserKind.Group,
                    GroupId = groups[random.Next(groups.Length)],
                    DistrictId = random.Next(4) == 0 ? null : districts[random.Next(districts.Length)],
                    Online = random.Next(10) == 0,
                    Place = "公民館",
                    MinAge = random.Next(5) == 0 ? 18 : null,
                    Status = OpportunityStatus.Open,
                    CreatedAt = past,
                    UpdatedAt = past,
                    NotifiedAt = past,
                    SearchText = $"ベンチマークの募集{i}",
                };
                foreach (var s in skills.OrderBy(_ => random.Next()).Take(random.Next(3))) o.Skills.Add(new OpportunitySkill { SkillId = s, Required = random.Next(2) == 0 });
                o.Fields.Add(new OpportunityField { Field = 1 + random.Next(20) });
                var first = DateTime.UtcNow.AddDays(1 + random.Next(60)).Date.AddHours(random.Next(0, 12));
                for (var k = 0; k < 1 + random.Next(4); k++) o.Shifts.Add(new Shift { StartsAt = first.AddDays(7 * k), EndsAt = first.AddDays(7 * k).AddHours(2), Places = 1 + random.Next(10) });
                db.Add(o);
                batch.Add(o);
            }
            await SaveAsync(db);
            ids.AddRange(batch.Select(o => o.Id));
        }
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return (ids, userIds);
    }

    private static async Task SaveAsync(TsunaguDb db)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}

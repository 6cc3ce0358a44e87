using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Shared;

namespace Tsunagu.Benchmarks;

/// <summary>
/// The public week grid of a centre with 20 rooms, each booked three times a day for eight weeks, served by the real
/// application over loopback: 100 warm-up requests, then 300.
///   dotnet run -c Release --project bench/Tsunagu.Benchmarks -- spaces [--rooms 20] [--postgres "Host=…;Database=…"]
/// </summary>
public static class SpacesLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rooms = int.Parse(BenchApp.Option(args, "--rooms") ?? "20", CultureInfo.InvariantCulture);
        await using var bench = await BenchApp.CreateAsync(args, "spaces");
        var monday = await SeedAsync(bench.App, rooms);
        var address = await bench.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Console.WriteLine($"week grid, {rooms} rooms ({bench.Provider}), 300 requests: {await BenchApp.MeasureGetAsync(http, $"{address}/nagato/spaces?week={monday:yyyy-MM-dd}")}");
        await bench.App.StopAsync();
        return 0;
    }

    private static async Task<DateOnly> SeedAsync(Microsoft.AspNetCore.Builder.WebApplication app, int rooms)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == "nagato");
        var today = Display.Today(TimeProvider.System);
        var monday = today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7));
        for (var r = 0; r < rooms; r++)
        {
            var room = new Room { CityId = city.Id, Name = $"ベンチ室{r + 1:00}", Capacity = 10 + r, Facilities = "ホワイトボード", SortOrder = 100 + r };
            db.Add(room);
            await db.SaveChangesAsync();
            for (var d = 0; d < 56; d++)
                foreach (var (from, to) in new[] { (9, 11), (13, 15), (18, 20) })
                {
                    var day = monday.AddDays(d - 14);
                    db.Add(new Booking
                    {
                        CityId = city.Id,
                        RoomId = room.Id,
                        Purpose = "定例会",
                        StartsAt = Tsunagu.Web.Shared.Display.ToUtc(day, new TimeOnly(from, 0)),
                        EndsAt = Tsunagu.Web.Shared.Display.ToUtc(day, new TimeOnly(to, 0)),
                        Status = (d + from) % 3 == 0 ? BookingStatus.Provisional : BookingStatus.Confirmed,
                        FeeYen = 400,
                        ConfirmBy = DateTime.UtcNow.AddDays(7),
                        CreatedAt = DateTime.UtcNow,
                    });
                }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return monday;
    }
}

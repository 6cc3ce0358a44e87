using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Groups.Transfer;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Benchmarks;

/// <summary>
/// Load benchmarks of the group directory and the group import, against the real application on a real
/// database (a fresh SQLite file, or a PostgreSQL database named by --postgres), over loopback only.
///   dotnet run -c Release --project bench/Tsunagu.Benchmarks -- directory [--groups 20000] [--postgres "Host=…;Database=…"]
///   dotnet run -c Release --project bench/Tsunagu.Benchmarks -- import [--rows 10000] [--postgres "…"]
/// </summary>
public static class DirectoryLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args[0];
        await using var bench = await BenchApp.CreateAsync(args, "directory", settings: "--Tsunagu:RateLimits:AccountFormsPerMinute=100000");
        return mode == "import"
            ? await ImportAsync(bench.App, int.Parse(BenchApp.Option(args, "--rows") ?? "10000", CultureInfo.InvariantCulture), bench.Provider)
            : await DirectoryAsync(bench.App, int.Parse(BenchApp.Option(args, "--groups") ?? "20000", CultureInfo.InvariantCulture), bench.Provider);
    }

    private static async Task<int> DirectoryAsync(WebApplication app, int count, string provider)
    {
        var seedClock = Stopwatch.StartNew();
        await SeedGroupsAsync(app, count);
        Console.WriteLine($"Seeded {count:N0} groups in Nagato ({provider}) in {seedClock.Elapsed.TotalSeconds:0.0} s");

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        int districtId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
            districtId = await db.Districts.IgnoreQueryFilters().Where(d => d.Name == "湊").Select(d => d.Id).SingleAsync();
        }
        // Words (one partial, in katakana against hiragana furigana) and two filters, as a person would search.
        var url = $"{address}/nagato/groups?q={Uri.EscapeDataString("ショクドウ")}&field=13&district={districtId}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        // Warm-up: a running server has compiled its code paths (tiered JIT) and filled its caches.
        for (var i = 0; i < 300; i++) (await http.GetAsync(url)).EnsureSuccessStatusCode();

        if (Environment.GetEnvironmentVariable("BENCH_BREAKDOWN") == "1")
        {
            foreach (var probe in new[] { $"{address}/nagato/groups", $"{address}/nagato/groups?q={Uri.EscapeDataString("ショクドウ")}", $"{address}/nagato/groups?field=13&district={districtId}", $"{address}/nagato" })
            {
                var t = new List<double>();
                for (var i = 0; i < 100; i++) { var sw0 = Stopwatch.StartNew(); (await http.GetAsync(probe)).EnsureSuccessStatusCode(); t.Add(sw0.Elapsed.TotalMilliseconds); }
                t.Sort();
                Console.WriteLine($"  {probe}: p50 {t[50]:0.0} ms");
            }
            using var scope = app.Services.CreateScope();
            var city = scope.ServiceProvider.GetRequiredService<CityDirectory>();
            scope.ServiceProvider.GetRequiredService<CurrentCity>().Set((await city.FindAsync("nagato"))!);
            var dir = scope.ServiceProvider.GetRequiredService<GroupDirectory>();
            var t2 = new List<double>();
            for (var i = 0; i < 100; i++) { var sw0 = Stopwatch.StartNew(); await dir.SearchAsync(new GroupDirectory.Query("ショクドウ", 13, districtId, null, false, null, 1)); t2.Add(sw0.Elapsed.TotalMilliseconds); }
            t2.Sort();
            Console.WriteLine($"  service only: p50 {t2[50]:0.0} ms");
        }

        var times = new List<double>();
        for (var i = 0; i < 500; i++)
        {
            var sw = Stopwatch.StartNew();
            var response = await http.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double P(double q) => times[(int)Math.Ceiling(q * times.Count) - 1];
        Console.WriteLine($"Single user, 500 requests: p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms, max {times[^1]:0.0} ms");

        // 32 concurrent connections for 10 seconds.
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 32 };
        using var concurrent = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var done = 0;
        var failed = 0;
        var until = DateTime.UtcNow.AddSeconds(10);
        var workers = Enumerable.Range(0, 32).Select(async _ =>
        {
            while (DateTime.UtcNow < until)
            {
                var r = await concurrent.GetAsync(url);
                await r.Content.ReadAsByteArrayAsync();
                if (r.IsSuccessStatusCode) Interlocked.Increment(ref done); else Interlocked.Increment(ref failed);
            }
        });
        var total = Stopwatch.StartNew();
        await Task.WhenAll(workers);
        Console.WriteLine($"32 connections, {total.Elapsed.TotalSeconds:0.0} s: {done:N0} responses ({done / total.Elapsed.TotalSeconds:0} per second), {failed} failed");
        await app.StopAsync();
        return failed == 0 ? 0 : 1;
    }

    private static async Task SeedGroupsAsync(WebApplication app, int count)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var city = await db.Cities.SingleAsync(c => c.Slug == "nagato");
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(city);
        var districts = await db.Districts.Select(d => d.Id).ToListAsync();
        var themes = new[] { ("子ども食堂", "こどもしょくどう", 13), ("海岸清掃", "かいがんせいそう", 7), ("見守り", "みまもり", 9), ("読み聞かせ", "よみきかせ", 2), ("防災", "ぼうさい", 8) };
        var random = new Random(352110);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var start = 0; start < count; start += 2000)
        {
            for (var i = start; i < Math.Min(count, start + 2000); i++)
            {
                var (name, kana, field) = themes[i % themes.Length];
                var g = new Group
                {
                    Name = $"{name}の会{i:00000}",
                    NameKana = $"{kana}のかい{i:00000}",
                    Type = GroupType.VolunteerGroup,
                    Description = $"{name}の活動をしています。ベンチマーク用の架空の団体です。",
                    RepresentativeName = "代表",
                    RepresentativeEmail = $"bench{i}@example.jp",
                    Status = GroupStatus.Approved,
                    IsDemo = true,
                    ApprovedAt = DateTime.UtcNow,
                    CreatedAt = DateTime.UtcNow,
                };
                g.Fields.Add(new GroupActivityField { Field = field });
                g.Fields.Add(new GroupActivityField { Field = 1 + random.Next(20) is var f && f != field ? f : 3 });
                g.Districts.Add(new GroupDistrict { DistrictId = districts[random.Next(districts.Count)] });
                g.SearchText = SearchText.Of(g.Name, g.NameKana, g.Description);
                db.Groups.Add(g);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        // A city's directory grows over years, and PostgreSQL's autovacuum keeps its statistics current; right after a
        // bulk load it has none yet, so the benchmark gathers them as autovacuum would within a minute.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    private static async Task<int> ImportAsync(WebApplication app, int rows, string provider)
    {
        var csv = new StringBuilder(string.Join(",", GroupTable.Headings)).Append("\r\n");
        for (var i = 0; i < rows; i++)
            csv.Append(CultureInfo.InvariantCulture, $"取込ベンチ団体{i:00000},とりこみべんちだんたい{i:00000},ボランティア団体,環境保全、まちづくり,湊,海岸を清掃しています。,毎月第1日曜日,仙崎海岸,12,2015-04-01,なし,https://example.jp,,はい,事務局,info{i}@example.jp,,代表 一郎,rep{i}@example.jp,0837-22-2111,759-4101,長門市東深川,登録済み（公開中）\r\n");
        var content = Encoding.UTF8.GetBytes(csv.ToString());

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == "nagato"));
        // A signed-in staff member imports, so every row is also written to the audit log, as in the app.
        scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Audit.CurrentActor>().Set("bench-user", "bench@example.jp");
        var importer = scope.ServiceProvider.GetRequiredService<GroupImporter>();

        var sw = Stopwatch.StartNew();
        var checkedOnly = await importer.CheckAsync(content);
        var check = sw.Elapsed;
        var result = await importer.CommitAsync(content);
        var total = sw.Elapsed;
        Console.WriteLine($"Import of {rows:N0} rows ({provider}): preview check {check.TotalSeconds:0.00} s; commit (check again + write) {(total - check).TotalSeconds:0.00} s; " +
                          $"{(result.Ok ? "all written" : $"{result.Problems.Count} problems")}; {checkedOnly.Groups.Count:N0} groups");
        return result.Ok ? 0 : 1;
    }
}

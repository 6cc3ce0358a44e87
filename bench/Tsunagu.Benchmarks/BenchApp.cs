using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web;

namespace Tsunagu.Benchmarks;

/// <summary>
/// The real application as the load modes run it: production settings, a loopback port of its own, and either a
/// throwaway SQLite file (deleted afterwards) or the PostgreSQL database given with --postgres.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    private readonly string? sqliteFile;

    public WebApplication App { get; }
    public string Provider { get; }

    private BenchApp(WebApplication app, string provider, string? sqliteFile) => (App, Provider, this.sqliteFile) = (app, provider, sqliteFile);

    /// <summary>Builds the app and migrates its database; the demo cities are loaded unless <paramref name="demo"/> is false.</summary>
    public static async Task<BenchApp> CreateAsync(string[] args, string name, bool demo = true, params string[] settings)
    {
        var postgres = Option(args, "--postgres");
        var sqliteFile = postgres is null ? Path.Combine(Path.GetTempPath(), $"tsunagu-bench-{name}-{Guid.NewGuid():N}.db") : null;
        var provider = postgres is null ? "Sqlite" : "Postgres";
        var app = TsunaguApp.Build(
        [
            "--environment", "Production", "--urls", "http://127.0.0.1:0",
            $"--Tsunagu:Database:Provider={provider}", $"--ConnectionStrings:Tsunagu={postgres ?? $"Data Source={sqliteFile}"}",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
            $"--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command={Environment.GetEnvironmentVariable("BENCH_SQL") ?? "Warning"}",
            $"--Tsunagu:SeedDemo={demo}", "--Tsunagu:SeedDemoAccounts=false", "--Tsunagu:PublicBaseUrl=http://127.0.0.1",
            .. settings,
        ]);
        await TsunaguApp.PrepareDatabaseAsync(app);
        return new BenchApp(app, provider, sqliteFile);
    }

    /// <summary>Starts serving and returns the loopback address it listens on.</summary>
    public async Task<string> StartAsync()
    {
        await App.StartAsync();
        return App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    /// <summary>100 warm-up GETs of a page, then 300 timed one after another: "p50 …, p95 …, max … (size)".</summary>
    public static async Task<string> MeasureGetAsync(HttpClient http, string url)
    {
        for (var i = 0; i < 100; i++) (await http.GetAsync(url)).EnsureSuccessStatusCode();
        var times = new List<double>();
        long bytes = 0;
        for (var i = 0; i < 300; i++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var body = await (await http.GetAsync(url)).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
            times.Add(sw.Elapsed.TotalMilliseconds);
            bytes = body.Length;
        }
        return $"{Percentiles(times)} ({bytes / 1024} KiB)";
    }

    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Sorted latencies in milliseconds as "p50 …, p95 …, max …".</summary>
    public static string Percentiles(List<double> times)
    {
        times.Sort();
        double At(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        return $"p50 {At(0.50):0.0} ms, p95 {At(0.95):0.0} ms, max {times[^1]:0.0} ms";
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (sqliteFile is not null) foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }) File.Delete(f);
    }
}

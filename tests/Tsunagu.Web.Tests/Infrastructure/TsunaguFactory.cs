using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>
/// The real application on a real, empty database of its own: a SQLite file, or a fresh PostgreSQL
/// database when TSUNAGU_TEST_DATABASE=Postgres (test.sh runs the suite once on each).
/// </summary>
public class TsunaguFactory : WebApplicationFactory<Program>
{
    private readonly string _connection;
    private readonly string? _sqliteFile;
    private readonly string? _postgresDatabase;
    private readonly Dictionary<string, string?> _settings;

    static TsunaguFactory()
    {
        // Every app a test starts would watch appsettings*.json and its web root (asp-append-version) with inotify
        // instances: with dozens of apps alive at once (and the other database's run beside this one) the user's limit
        // of 128 is reached and pages fail. Settings are not watched; the web root is polled.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public static DatabaseProvider Provider =>
        string.Equals(Environment.GetEnvironmentVariable("TSUNAGU_TEST_DATABASE"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public TsunaguFactory() : this([]) { }

    /// <summary>A factory whose settings differ from the test defaults (e.g. the real rate limit).</summary>
    public static TsunaguFactory WithSettings(Dictionary<string, string?> settings) => new(settings);

    /// <summary>A factory that keeps every message the app logs, at every level (<see cref="Logs"/>), to check what is never logged.</summary>
    public static TsunaguFactory CapturingLogs() => new([]) { Logs = new LogCapture() };

    public LogCapture? Logs { get; private init; }

    private TsunaguFactory(Dictionary<string, string?> settings)
    {
        _settings = settings;
        (_connection, _sqliteFile, _postgresDatabase) = CreateDatabase();
    }

    public static (string Connection, string? SqliteFile, string? PostgresDatabase) CreateDatabase()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"tsunagu-test-{Guid.NewGuid():N}.db");
            return ($"Data Source={file};Pooling=false", file, null);
        }
        var server = Environment.GetEnvironmentVariable("TSUNAGU_TEST_POSTGRES")
            ?? throw new InvalidOperationException("TSUNAGU_TEST_POSTGRES must name the test PostgreSQL server.");
        var name = $"tsunagu_test_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(server + ";Database=postgres"))
        {
            admin.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            cmd.ExecuteNonQuery();
        }
        return ($"{server};Database={name}", null, name);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string?>
        {
            ["Tsunagu:Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Tsunagu"] = _connection,
            // Program's own start-up seeding runs beside the tests; the tests seed what they need themselves.
            ["Tsunagu:SeedDemo"] = "false",
            ["Tsunagu:SeedDemoAccounts"] = "false",
            ["Tsunagu:PrintDemoAccounts"] = "false",
            ["Tsunagu:RateLimits:AccountFormsPerMinute"] = "100000",
            ["Tsunagu:RateLimits:GroupInvitationsPerHour"] = "100000",
            ["Tsunagu:PublicBaseUrl"] = "http://localhost",
        };
        foreach (var (k, v) in _settings) settings[k] = v;
        // UseSetting, not ConfigureAppConfiguration: services read some settings while they are registered.
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (Logs is { } logs)
            builder.ConfigureLogging(l => l.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Trace));
    }

    private bool _prepared;
    private readonly SemaphoreSlim _prepareLock = new(1, 1);

    /// <summary>Migrates and loads the demo cities once per factory (what Program does on start).</summary>
    public async Task EnsurePreparedAsync()
    {
        if (_prepared) return;
        await _prepareLock.WaitAsync();
        try
        {
            if (_prepared) return;
            using var scope = Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
            await DatabaseRegistration.MigrateAsync(db);
            await scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Data.Demo.DemoSeeder>().SeedCitiesAsync();
            _prepared = true;
        }
        finally
        {
            _prepareLock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (_sqliteFile is not null)
        {
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                try { File.Delete(f); } catch (IOException) { }
        }
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("TSUNAGU_TEST_POSTGRES") + ";Database=postgres");
            admin.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", admin);
            cmd.ExecuteNonQuery();
        }
    }
}

/// <summary>Every message logged, with its arguments, at every level and in every category.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var arguments = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {arguments} {exception}");
        }
    }
}

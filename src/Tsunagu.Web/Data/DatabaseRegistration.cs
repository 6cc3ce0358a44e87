using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tsunagu.Web.Audit;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseRegistration
{
    public const string DefaultSqliteConnection = "Data Source=data/tsunagu.db";

    public static DatabaseProvider Provider(IConfiguration config) =>
        string.Equals(config["Tsunagu:Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static IServiceCollection AddTsunaguData(this IServiceCollection services, IConfiguration config)
    {
        var provider = Provider(config);
        var connection = config.GetConnectionString("Tsunagu");
        if (provider == DatabaseProvider.Sqlite)
        {
            connection = PrepareSqlite(string.IsNullOrWhiteSpace(connection) ? DefaultSqliteConnection : connection);
        }
        else if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException("ConnectionStrings__Tsunagu is required when Tsunagu__Database__Provider=Postgres.");
        }

        services.AddScoped<CurrentCity>();
        services.AddScoped<CurrentActor>();
        services.AddDbContext<TsunaguDb>(options => Configure(options, provider, connection!));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connection)
    {
        if (provider == DatabaseProvider.Postgres)
            options.UseNpgsql(connection, o => o.MigrationsHistoryTable("__EFMigrationsHistory"));
        else
            options.UseSqlite(connection);
        // Migrations are written by hand (no design-time tools here), so there is no model snapshot;
        // SchemaMatchesModel tests prove the migrations and the model agree instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>Creates the folder of the SQLite file so the first run needs nothing prepared.</summary>
    private static string PrepareSqlite(string connection)
    {
        var builder = new SqliteConnectionStringBuilder(connection);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        return builder.ToString();
    }

    /// <summary>Applies pending migrations; on SQLite also switches the file to WAL so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(TsunaguDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Audit;
using Tsunagu.Web.Data;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Data;

/// <summary>
/// The migrations are written by hand, so this proves they build exactly the schema the EF model
/// describes: one empty database is migrated, another is created from the model, and their tables,
/// columns, types, nullability, keys and indexes are compared (on the provider of this test run).
/// </summary>
public class SchemaMatchesModelTests
{
    [Fact]
    public async Task MigratedDatabase_MatchesTheModel()
    {
        var (migratedConnection, migratedFile, migratedPg) = TsunaguFactory.CreateDatabase();
        var (createdConnection, createdFile, createdPg) = TsunaguFactory.CreateDatabase();
        try
        {
            await using (var migrated = NewContext(migratedConnection))
                await DatabaseRegistration.MigrateAsync(migrated);
            await using (var created = NewContext(createdConnection))
                await created.Database.EnsureCreatedAsync();

            var fromMigrations = await DescribeAsync(NewContext(migratedConnection));
            var fromModel = await DescribeAsync(NewContext(createdConnection));
            var onlyInMigrated = fromMigrations.Except(fromModel).ToList();
            var onlyInModel = fromModel.Except(fromMigrations).ToList();
            onlyInMigrated.ShouldBeEmpty("the migrations create these, the model does not");
            onlyInModel.ShouldBeEmpty("the model has these, the migrations do not create them");
            fromModel.Count.ShouldBeGreaterThan(20);
        }
        finally
        {
            foreach (var f in new[] { migratedFile, createdFile }.OfType<string>()) File.Delete(f);
            foreach (var db in new[] { migratedPg, createdPg }.OfType<string>()) await DropPostgresAsync(db);
        }
    }

    [Fact]
    public async Task Migrate_IsRepeatable()
    {
        var (connection, file, pg) = TsunaguFactory.CreateDatabase();
        try
        {
            await using var db = NewContext(connection);
            await DatabaseRegistration.MigrateAsync(db);
            await DatabaseRegistration.MigrateAsync(db);
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        }
        finally
        {
            if (file is not null) File.Delete(file);
            if (pg is not null) await DropPostgresAsync(pg);
        }
    }

    private static TsunaguDb NewContext(string connection)
    {
        var options = new DbContextOptionsBuilder<TsunaguDb>();
        DatabaseRegistration.Configure(options, TsunaguFactory.Provider, connection);
        return new TsunaguDb(options.Options, new CurrentCity(), new CurrentActor());
    }

    /// <summary>One line per column, index and constraint, in a stable order.</summary>
    private static async Task<List<string>> DescribeAsync(TsunaguDb db)
    {
        await using var _ = db;
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        var lines = new List<string>();
        if (TsunaguFactory.Provider == DatabaseProvider.Sqlite)
        {
            var tables = await QueryAsync(conn, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' ORDER BY name");
            foreach (var t in tables.Select(r => r[0]))
            {
                foreach (var c in await QueryAsync(conn, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{t}') ORDER BY name"))
                    lines.Add($"column {t}.{c[0]} {c[1]} notnull={c[2]} pk={c[3]}");
                foreach (var i in await QueryAsync(conn, $"SELECT name, \"unique\", origin FROM pragma_index_list('{t}') ORDER BY name"))
                {
                    var cols = await QueryAsync(conn, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                    lines.Add($"index {t}.{i[0]} unique={i[1]} origin={i[2]} ({string.Join(",", cols.Select(r => r[0]))})");
                }
                foreach (var f in await QueryAsync(conn, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{t}') ORDER BY \"from\""))
                    lines.Add($"fk {t}.{f[1]} -> {f[0]}.{f[2]} {f[3]}");
                var sql = (await QueryAsync(conn, $"SELECT sql FROM sqlite_master WHERE name='{t}'"))[0][0];
                lines.Add($"autoincrement {t} {sql.Contains("AUTOINCREMENT")}");
            }
        }
        else
        {
            foreach (var c in await QueryAsync(conn, """
                SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable,
                       coalesce(numeric_precision::text, ''), coalesce(numeric_scale::text, ''), is_identity, coalesce(column_default, '')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '__EFMigrations%'
                ORDER BY table_name, column_name
                """))
                lines.Add("column " + string.Join(" ", c));
            foreach (var i in await QueryAsync(conn, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '__EFMigrations%' ORDER BY tablename, indexname"))
                lines.Add("index " + string.Join(" ", i));
            foreach (var f in await QueryAsync(conn, """
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '"__EFMigrations%'
                ORDER BY 1, 2
                """))
                lines.Add("constraint " + string.Join(" ", f));
        }
        return lines;
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++) row[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            rows.Add(row);
        }
        return rows;
    }

    private static async Task DropPostgresAsync(string name)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var admin = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("TSUNAGU_TEST_POSTGRES") + ";Database=postgres");
        await admin.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await cmd.ExecuteNonQueryAsync();
    }
}

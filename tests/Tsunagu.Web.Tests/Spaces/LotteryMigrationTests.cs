using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tsunagu.Web.Audit;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Spaces;

/// <summary>The migration to committed seeds keeps what lotteries drawn before it recorded (on the provider of this run).</summary>
public class LotteryMigrationTests
{
    private const string Migration = "20261206000031_LotteryCommitment";

    [Fact]
    public async Task Migrating_KeepsTheSeedOfALotteryDrawnBefore_AsItsLegacySeed_AndLeavesAnOpenOneToBeCommitted()
    {
        var (connection, file, pg) = TsunaguFactory.CreateDatabase();
        try
        {
            await using (var db = NewContext(connection))
            {
                var migrations = db.Database.GetMigrations().ToList();
                await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.IndexOf(Migration) - 1]);
                // A city, a room and two lotteries as the schema before had them: one drawn with seed 777, one still open.
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "Cities" ("Slug", "Code", "Name", "NameEn", "Prefecture", "CentreName", "CentreNameEn")
                    VALUES ('old', '000000', '旧市', 'Old', '山口県', '旧市市民活動センター', 'Old Civic Centre')
                    """);
                var cityId = await db.Database.SqlQueryRaw<int>("SELECT \"Id\" AS \"Value\" FROM \"Cities\" WHERE \"Slug\" = 'old'").SingleAsync();
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Rooms" ("CityId", "Name", "Capacity", "SortOrder", "IsDemo") VALUES ({cityId}, '会議室', 20, 0, {false})
                    """);
                var roomId = await db.Database.SqlQueryRaw<int>("SELECT \"Id\" AS \"Value\" FROM \"Rooms\"").SingleAsync();
                var now = DateTime.UtcNow;
                foreach (var (title, status, seed, log) in new[] { ("抽選済み", "Drawn", (int?)777, "1. #1 当選\n"), ("受付中", "Open", null, null) })
                    await db.Database.ExecuteSqlAsync($"""
                        INSERT INTO "Lotteries" ("CityId", "RoomId", "Title", "From", "To", "EntriesCloseAt", "Status", "Seed", "DrawnAt", "Log", "CreatedAt")
                        VALUES ({cityId}, {roomId}, {title}, {now}, {now.AddDays(7)}, {now.AddDays(-1)}, {status}, {seed}, {(seed is null ? null : now)}, {log}, {now})
                        """);
            }

            await using (var db = NewContext(connection))
                await DatabaseRegistration.MigrateAsync(db);

            await using (var db = NewContext(connection))
            {
                var lotteries = await db.Set<Lottery>().IgnoreQueryFilters().AsNoTracking().OrderBy(l => l.Id).ToListAsync();
                var drawn = lotteries.Single(l => l.Status == LotteryStatus.Drawn);
                (drawn.LegacySeed, drawn.Seed, drawn.SeedHash, drawn.Log).ShouldBe(((int?)777, (string?)null, (string?)null, (string?)"1. #1 当選\n"));
                var open = lotteries.Single(l => l.Status == LotteryStatus.Open);
                (open.LegacySeed, open.Seed, open.SeedHash).ShouldBe(((int?)null, (string?)null, (string?)null), "its seed is made by the app when it is first shown");
            }
        }
        finally
        {
            if (file is not null) File.Delete(file);
            if (pg is not null)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await using var admin = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("TSUNAGU_TEST_POSTGRES") + ";Database=postgres");
                await admin.OpenAsync();
                await using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pg}\" WITH (FORCE)", admin);
                await cmd.ExecuteNonQueryAsync();
            }
        }
    }

    private static TsunaguDb NewContext(string connection)
    {
        var options = new DbContextOptionsBuilder<TsunaguDb>();
        DatabaseRegistration.Configure(options, TsunaguFactory.Provider, connection);
        return new TsunaguDb(options.Options, new CurrentCity(), new CurrentActor());
    }
}

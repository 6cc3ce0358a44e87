using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>
/// Lotteries commit to their seed: a secret 32-byte seed (hex) chosen when the lottery is created, its SHA-256 published
/// from then on (with the time it was published), the seed revealed at the draw. The whole-number seed of lotteries drawn
/// before becomes LegacySeed, kept as it was, so those draws still verify. Lotteries still open get their seed from the
/// application the first time they are shown (LotteryService.CommitSeedAsync): neither database can make a
/// CSPRNG seed and its SHA-256 in SQL alike.
/// </summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261206000031_LotteryCommitment")]
public class LotteryCommitment : Migration
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // RENAME COLUMN, the same statement on both (SQLite 3.25 and later): the values stay.
        migrationBuilder.Sql("ALTER TABLE \"Lotteries\" RENAME COLUMN \"Seed\" TO \"LegacySeed\";");
        migrationBuilder.AddColumn<string>(name: "Seed", table: "Lotteries", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<string>(name: "SeedHash", table: "Lotteries", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "SeedHashPublishedAt", table: "Lotteries", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var column in new[] { "Seed", "SeedHash", "SeedHashPublishedAt" })
        {
            if (migrationBuilder.ActiveProvider == Postgres) migrationBuilder.DropColumn(name: column, table: "Lotteries");
            else migrationBuilder.Sql($"ALTER TABLE \"Lotteries\" DROP COLUMN \"{column}\";");
        }
        migrationBuilder.Sql("ALTER TABLE \"Lotteries\" RENAME COLUMN \"LegacySeed\" TO \"Seed\";");
    }
}

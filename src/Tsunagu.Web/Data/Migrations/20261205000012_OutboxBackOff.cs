using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>A message that failed waits before its next attempt (Email/OutboxDelivery.cs), so it never holds up the queue.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261205000012_OutboxBackOff")]
public class OutboxBackOff : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateTime>(name: "NextAttemptAt", table: "OutboxMessages", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL") migrationBuilder.DropColumn(name: "NextAttemptAt", table: "OutboxMessages");
        else migrationBuilder.Sql("ALTER TABLE \"OutboxMessages\" DROP COLUMN \"NextAttemptAt\";");
    }
}

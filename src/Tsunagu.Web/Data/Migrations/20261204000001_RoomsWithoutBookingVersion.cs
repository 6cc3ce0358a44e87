using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>
/// Rooms and equipment items lose BookingVersion: bookings now take the room's and the items' rows in turn
/// (Data/Turns.cs) instead of bumping a counter kept only to lock them.
/// </summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261204000001_RoomsWithoutBookingVersion")]
public class RoomsWithoutBookingVersion : Migration
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "Rooms", "EquipmentItems" })
        {
            // EF's SQLite DropColumn rebuilds the table from the migration's target model, which hand-written migrations do
            // not have; SQLite (3.35 and later) drops a plain column itself.
            if (migrationBuilder.ActiveProvider == Postgres) migrationBuilder.DropColumn(name: "BookingVersion", table: table);
            else migrationBuilder.Sql($"ALTER TABLE \"{table}\" DROP COLUMN \"BookingVersion\";");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "BookingVersion", table: "Rooms", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>(name: "BookingVersion", table: "EquipmentItems", nullable: false, defaultValue: 0);
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>
/// Events get the revision of their calendar entries (SEQUENCE in the iCalendar feeds), raised whenever a meeting's time,
/// the place or the status changes. Existing events start at 0, as calendars that never saw a SEQUENCE assume.
/// </summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261205000001_EventCalendarSequence")]
public class EventCalendarSequence : Migration
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "Sequence", table: "Events", nullable: false, defaultValue: 0);
        // The default only fills the existing rows; the model has none, and PostgreSQL keeps a default unless it is dropped.
        if (migrationBuilder.ActiveProvider == Postgres)
            migrationBuilder.Sql("ALTER TABLE \"Events\" ALTER COLUMN \"Sequence\" DROP DEFAULT;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider == Postgres) migrationBuilder.DropColumn(name: "Sequence", table: "Events");
        else migrationBuilder.Sql("ALTER TABLE \"Events\" DROP COLUMN \"Sequence\";");
    }
}

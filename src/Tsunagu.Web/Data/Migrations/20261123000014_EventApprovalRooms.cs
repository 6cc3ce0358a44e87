using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>
/// Events, part 2: groups' proposals with the centre's approval (organising group, review comment), a room booked per
/// meeting, who may register, cancellation with a reason, and the day-before reminders sent (one row per registration
/// and meeting).
/// </summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000014_EventApprovalRooms")]
public class EventApprovalRooms : Migration
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Foreign keys on added columns: SQLite adds them only with the column itself (ALTER TABLE … ADD … REFERENCES).
        AddReference(migrationBuilder, "Events", "RoomId", "Rooms");
        AddReference(migrationBuilder, "Events", "GroupId", "Groups");
        AddReference(migrationBuilder, "Events", "EligibleGroupId", "Groups");
        AddReference(migrationBuilder, "EventMeetings", "BookingId", "Bookings");
        // Existing events are open to anyone and registrations declared nothing; the defaults only fill them and are dropped on PostgreSQL, as the model has none.
        migrationBuilder.AddColumn<string>(name: "Eligibility", table: "Events", maxLength: 20, nullable: false, defaultValue: "Anyone");
        migrationBuilder.AddColumn<bool>(name: "DeclaredResident", table: "EventRegistrations", nullable: false, defaultValue: false);
        if (migrationBuilder.ActiveProvider == Postgres)
        {
            migrationBuilder.Sql("ALTER TABLE \"Events\" ALTER COLUMN \"Eligibility\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"EventRegistrations\" ALTER COLUMN \"DeclaredResident\" DROP DEFAULT;");
        }
        migrationBuilder.AddColumn<string>(name: "ReviewComment", table: "Events", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ReviewedAt", table: "Events", nullable: true);
        migrationBuilder.AddColumn<string>(name: "CancellationReason", table: "Events", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "CancelledAt", table: "Events", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Events_RoomId", table: "Events", column: "RoomId");
        migrationBuilder.CreateIndex(name: "IX_Events_GroupId", table: "Events", column: "GroupId");
        migrationBuilder.CreateIndex(name: "IX_Events_EligibleGroupId", table: "Events", column: "EligibleGroupId");
        migrationBuilder.CreateIndex(name: "IX_EventMeetings_BookingId", table: "EventMeetings", column: "BookingId");

        migrationBuilder.CreateTable(
            name: "EventReminders",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                RegistrationId = table.Column<int>(nullable: false),
                MeetingId = table.Column<int>(nullable: false),
                MeetingStartsAt = table.Column<DateTime>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EventReminders", x => x.Id);
                table.ForeignKey(
                    name: "FK_EventReminders_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_EventReminders_EventMeetings_MeetingId",
                    column: x => x.MeetingId,
                    principalTable: "EventMeetings",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_EventReminders_EventRegistrations_RegistrationId",
                    column: x => x.RegistrationId,
                    principalTable: "EventRegistrations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_EventReminders_CityId", table: "EventReminders", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_EventReminders_MeetingId", table: "EventReminders", column: "MeetingId");
        migrationBuilder.CreateIndex(name: "IX_EventReminders_RegistrationId_MeetingId_MeetingStartsAt", table: "EventReminders",
            columns: new[] { "RegistrationId", "MeetingId", "MeetingStartsAt" }, unique: true);
    }

    /// <summary>A nullable integer column referring to another table's Id, set to null when that row goes.</summary>
    private static void AddReference(MigrationBuilder migrationBuilder, string table, string column, string principal)
    {
        if (migrationBuilder.ActiveProvider == Postgres)
        {
            migrationBuilder.AddColumn<int>(name: column, table: table, nullable: true);
            migrationBuilder.AddForeignKey(name: $"FK_{table}_{principal}_{column}", table: table, column: column,
                principalTable: principal, principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        }
        else
        {
            migrationBuilder.Sql($"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" INTEGER NULL REFERENCES \"{principal}\" (\"Id\") ON DELETE SET NULL;");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "EventReminders");
        migrationBuilder.DropIndex(name: "IX_EventMeetings_BookingId", table: "EventMeetings");
        migrationBuilder.DropIndex(name: "IX_Events_EligibleGroupId", table: "Events");
        migrationBuilder.DropIndex(name: "IX_Events_GroupId", table: "Events");
        migrationBuilder.DropIndex(name: "IX_Events_RoomId", table: "Events");
        foreach (var (table, column) in new[]
        {
            ("Events", "RoomId"), ("Events", "GroupId"), ("Events", "EligibleGroupId"), ("EventMeetings", "BookingId"), ("Events", "Eligibility"),
            ("EventRegistrations", "DeclaredResident"), ("Events", "ReviewComment"), ("Events", "ReviewedAt"), ("Events", "CancellationReason"), ("Events", "CancelledAt"),
        })
        {
            if (migrationBuilder.ActiveProvider == Postgres && column is "RoomId" or "GroupId" or "EligibleGroupId" or "BookingId")
                migrationBuilder.DropForeignKey(name: $"FK_{table}_{(column == "RoomId" ? "Rooms" : column == "BookingId" ? "Bookings" : "Groups")}_{column}", table: table);
            migrationBuilder.DropColumn(name: column, table: table);
        }
    }
}

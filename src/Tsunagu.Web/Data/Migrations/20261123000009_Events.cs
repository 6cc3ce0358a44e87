using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>Courses and events: events with their meetings (回), registrations with a waitlist, and satisfaction survey answers.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000009_Events")]
public class Events : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Events",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 100, nullable: false),
                Description = table.Column<string>(maxLength: 4000, nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                Place = table.Column<string>(maxLength: 200, nullable: true),
                OnlineLink = table.Column<string>(maxLength: 500, nullable: true),
                Capacity = table.Column<int>(nullable: false),
                Confirmed = table.Column<int>(nullable: false),
                WaitlistIssued = table.Column<int>(nullable: false),
                RegistrationOpensAt = table.Column<DateTime>(nullable: false),
                RegistrationClosesAt = table.Column<DateTime>(nullable: false),
                SignLanguage = table.Column<bool>(nullable: false),
                Captioning = table.Column<bool>(nullable: false),
                Childcare = table.Column<bool>(nullable: false),
                Fee = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                IsDemo = table.Column<bool>(nullable: false),
                CreatedByUserId = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Events", x => x.Id);
                table.ForeignKey(
                    name: "FK_Events_AspNetUsers_CreatedByUserId",
                    column: x => x.CreatedByUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Events_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "EventMeetings",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                EventId = table.Column<int>(nullable: false),
                StartsAt = table.Column<DateTime>(nullable: false),
                EndsAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EventMeetings", x => x.Id);
                table.ForeignKey(
                    name: "FK_EventMeetings_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_EventMeetings_Events_EventId",
                    column: x => x.EventId,
                    principalTable: "Events",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "EventRegistrations",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                EventId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Position = table.Column<int?>(nullable: true),
                Code = table.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                PromotedAt = table.Column<DateTime?>(nullable: true),
                CancelledAt = table.Column<DateTime?>(nullable: true),
                CheckedInAt = table.Column<DateTime?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EventRegistrations", x => x.Id);
                table.ForeignKey(
                    name: "FK_EventRegistrations_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_EventRegistrations_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_EventRegistrations_Events_EventId",
                    column: x => x.EventId,
                    principalTable: "Events",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "EventSurveyAnswers",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                EventId = table.Column<int>(nullable: false),
                RegistrationId = table.Column<int?>(nullable: true),
                Satisfaction = table.Column<int>(nullable: false),
                Comment = table.Column<string>(maxLength: 1000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EventSurveyAnswers", x => x.Id);
                table.ForeignKey(
                    name: "FK_EventSurveyAnswers_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_EventSurveyAnswers_EventRegistrations_RegistrationId",
                    column: x => x.RegistrationId,
                    principalTable: "EventRegistrations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_EventSurveyAnswers_Events_EventId",
                    column: x => x.EventId,
                    principalTable: "Events",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_EventMeetings_CityId_StartsAt", table: "EventMeetings", columns: new[] { "CityId", "StartsAt" });
        migrationBuilder.CreateIndex(name: "IX_EventMeetings_EventId_StartsAt", table: "EventMeetings", columns: new[] { "EventId", "StartsAt" });
        migrationBuilder.CreateIndex(name: "IX_EventRegistrations_CityId", table: "EventRegistrations", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_EventRegistrations_EventId_Code", table: "EventRegistrations", columns: new[] { "EventId", "Code" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_EventRegistrations_EventId_Status_Position", table: "EventRegistrations", columns: new[] { "EventId", "Status", "Position" });
        migrationBuilder.CreateIndex(name: "IX_EventRegistrations_EventId_UserId", table: "EventRegistrations", columns: new[] { "EventId", "UserId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_EventRegistrations_UserId", table: "EventRegistrations", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_Events_CityId_Status", table: "Events", columns: new[] { "CityId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_Events_CreatedByUserId", table: "Events", column: "CreatedByUserId");
        migrationBuilder.CreateIndex(name: "IX_EventSurveyAnswers_CityId_CreatedAt", table: "EventSurveyAnswers", columns: new[] { "CityId", "CreatedAt" });
        migrationBuilder.CreateIndex(name: "IX_EventSurveyAnswers_EventId", table: "EventSurveyAnswers", column: "EventId");
        migrationBuilder.CreateIndex(name: "IX_EventSurveyAnswers_RegistrationId", table: "EventSurveyAnswers", column: "RegistrationId", unique: true);

    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "EventSurveyAnswers");
        migrationBuilder.DropTable(name: "EventRegistrations");
        migrationBuilder.DropTable(name: "EventMeetings");
        migrationBuilder.DropTable(name: "Events");
    }
}

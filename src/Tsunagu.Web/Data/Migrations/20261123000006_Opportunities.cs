using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>Opportunities: programmes, opportunities with their shifts, applications (matchings) and messages; volunteers' reliability counters.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000006_Opportunities")]
public class Opportunities : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Existing volunteers start with no history; the defaults only fill them and are dropped on PostgreSQL, as the model has none.
        migrationBuilder.AddColumn<int>(name: "ShiftsRecorded", table: "Volunteers", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>(name: "ShiftsAttended", table: "Volunteers", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateTime>(name: "DigestSentAt", table: "Volunteers", nullable: true);
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            migrationBuilder.Sql("ALTER TABLE \"Volunteers\" ALTER COLUMN \"ShiftsRecorded\" DROP DEFAULT, ALTER COLUMN \"ShiftsAttended\" DROP DEFAULT;");
        migrationBuilder.CreateIndex(name: "IX_Volunteers_CityId_UpdatedAt", table: "Volunteers", columns: ["CityId", "UpdatedAt"]);

        migrationBuilder.CreateTable(
            name: "Programmes",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: true),
                SortOrder = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Programmes", x => x.Id);
                table.ForeignKey(
                    name: "FK_Programmes_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Opportunities",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 100, nullable: false),
                Description = table.Column<string>(maxLength: 2000, nullable: false),
                OrganiserKind = table.Column<string>(maxLength: 20, nullable: false),
                GroupId = table.Column<int?>(nullable: true),
                DepartmentName = table.Column<string>(maxLength: 100, nullable: true),
                CreatedByUserId = table.Column<string>(nullable: true),
                Place = table.Column<string>(maxLength: 200, nullable: true),
                DistrictId = table.Column<int?>(nullable: true),
                Online = table.Column<bool>(nullable: false),
                MinAge = table.Column<int?>(nullable: true),
                MaxAge = table.Column<int?>(nullable: true),
                InsuranceCovered = table.Column<bool>(nullable: false),
                ProgrammeId = table.Column<int?>(nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                IsDemo = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                NotifiedAt = table.Column<DateTime?>(nullable: true),
                SearchText = table.Column<string>(maxLength: 4000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Opportunities", x => x.Id);
                table.ForeignKey(
                    name: "FK_Opportunities_AspNetUsers_CreatedByUserId",
                    column: x => x.CreatedByUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Opportunities_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Opportunities_Districts_DistrictId",
                    column: x => x.DistrictId,
                    principalTable: "Districts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Opportunities_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Opportunities_Programmes_ProgrammeId",
                    column: x => x.ProgrammeId,
                    principalTable: "Programmes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "OpportunityFields",
            columns: table => new
            {
                OpportunityId = table.Column<int>(nullable: false),
                Field = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OpportunityFields", x => new { x.OpportunityId, x.Field });
                table.ForeignKey(
                    name: "FK_OpportunityFields_Opportunities_OpportunityId",
                    column: x => x.OpportunityId,
                    principalTable: "Opportunities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OpportunitySkills",
            columns: table => new
            {
                OpportunityId = table.Column<int>(nullable: false),
                SkillId = table.Column<int>(nullable: false),
                Required = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OpportunitySkills", x => new { x.OpportunityId, x.SkillId });
                table.ForeignKey(
                    name: "FK_OpportunitySkills_Opportunities_OpportunityId",
                    column: x => x.OpportunityId,
                    principalTable: "Opportunities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_OpportunitySkills_VolunteerSkills_SkillId",
                    column: x => x.SkillId,
                    principalTable: "VolunteerSkills",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Shifts",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                OpportunityId = table.Column<int>(nullable: false),
                StartsAt = table.Column<DateTime>(nullable: false),
                EndsAt = table.Column<DateTime>(nullable: false),
                Places = table.Column<int>(nullable: false),
                Confirmed = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Shifts", x => x.Id);
                table.ForeignKey(
                    name: "FK_Shifts_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Shifts_Opportunities_OpportunityId",
                    column: x => x.OpportunityId,
                    principalTable: "Opportunities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ShiftApplications",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                ShiftId = table.Column<int>(nullable: false),
                OpportunityId = table.Column<int>(nullable: false),
                VolunteerId = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Invited = table.Column<bool>(nullable: false),
                Message = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                DecidedAt = table.Column<DateTime?>(nullable: true),
                MatchedAt = table.Column<DateTime?>(nullable: true),
                GroupId = table.Column<int?>(nullable: true),
                ProgrammeId = table.Column<int?>(nullable: true),
                DistrictId = table.Column<int?>(nullable: true),
                Attended = table.Column<bool?>(nullable: true),
                Hours = table.Column<decimal?>(precision: 5, scale: 2, nullable: true),
                AttendanceRecordedAt = table.Column<DateTime?>(nullable: true),
                VolunteerConfirmedAt = table.Column<DateTime?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ShiftApplications", x => x.Id);
                table.ForeignKey(
                    name: "FK_ShiftApplications_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ShiftApplications_Opportunities_OpportunityId",
                    column: x => x.OpportunityId,
                    principalTable: "Opportunities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ShiftApplications_Shifts_ShiftId",
                    column: x => x.ShiftId,
                    principalTable: "Shifts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ShiftApplications_Volunteers_VolunteerId",
                    column: x => x.VolunteerId,
                    principalTable: "Volunteers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ApplicationMessages",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                ApplicationId = table.Column<int>(nullable: false),
                FromOrganiser = table.Column<bool>(nullable: false),
                SenderUserId = table.Column<string>(nullable: false),
                Body = table.Column<string>(maxLength: 2000, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApplicationMessages", x => x.Id);
                table.ForeignKey(
                    name: "FK_ApplicationMessages_AspNetUsers_SenderUserId",
                    column: x => x.SenderUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ApplicationMessages_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ApplicationMessages_ShiftApplications_ApplicationId",
                    column: x => x.ApplicationId,
                    principalTable: "ShiftApplications",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_ApplicationMessages_ApplicationId_CreatedAt", table: "ApplicationMessages", columns: new[] { "ApplicationId", "CreatedAt" });
        migrationBuilder.CreateIndex(name: "IX_ApplicationMessages_CityId", table: "ApplicationMessages", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_ApplicationMessages_SenderUserId", table: "ApplicationMessages", column: "SenderUserId");
        migrationBuilder.CreateIndex(name: "IX_Opportunities_CityId_Status_CreatedAt", table: "Opportunities", columns: new[] { "CityId", "Status", "CreatedAt" });
        migrationBuilder.CreateIndex(name: "IX_Opportunities_CityId_UpdatedAt", table: "Opportunities", columns: new[] { "CityId", "UpdatedAt" });
        migrationBuilder.CreateIndex(name: "IX_Opportunities_CreatedByUserId", table: "Opportunities", column: "CreatedByUserId");
        migrationBuilder.CreateIndex(name: "IX_Opportunities_DistrictId", table: "Opportunities", column: "DistrictId");
        migrationBuilder.CreateIndex(name: "IX_Opportunities_GroupId", table: "Opportunities", column: "GroupId");
        migrationBuilder.CreateIndex(name: "IX_Opportunities_ProgrammeId", table: "Opportunities", column: "ProgrammeId");
        migrationBuilder.CreateIndex(name: "IX_OpportunitySkills_SkillId", table: "OpportunitySkills", column: "SkillId");
        migrationBuilder.CreateIndex(name: "IX_Programmes_CityId_Name", table: "Programmes", columns: new[] { "CityId", "Name" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_ShiftApplications_CityId_MatchedAt", table: "ShiftApplications", columns: new[] { "CityId", "MatchedAt" });
        migrationBuilder.CreateIndex(name: "IX_ShiftApplications_OpportunityId_Status", table: "ShiftApplications", columns: new[] { "OpportunityId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_ShiftApplications_ShiftId_VolunteerId", table: "ShiftApplications", columns: new[] { "ShiftId", "VolunteerId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_ShiftApplications_VolunteerId_Status", table: "ShiftApplications", columns: new[] { "VolunteerId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_Shifts_CityId_StartsAt", table: "Shifts", columns: new[] { "CityId", "StartsAt" });
        migrationBuilder.CreateIndex(name: "IX_Shifts_OpportunityId_StartsAt", table: "Shifts", columns: new[] { "OpportunityId", "StartsAt" });

    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ApplicationMessages");
        migrationBuilder.DropTable(name: "ShiftApplications");
        migrationBuilder.DropTable(name: "Shifts");
        migrationBuilder.DropTable(name: "OpportunityFields");
        migrationBuilder.DropTable(name: "OpportunitySkills");
        migrationBuilder.DropTable(name: "Opportunities");
        migrationBuilder.DropTable(name: "Programmes");
        migrationBuilder.DropIndex(name: "IX_Volunteers_CityId_UpdatedAt", table: "Volunteers");
        migrationBuilder.DropColumn(name: "ShiftsRecorded", table: "Volunteers");
        migrationBuilder.DropColumn(name: "ShiftsAttended", table: "Volunteers");
        migrationBuilder.DropColumn(name: "DigestSentAt", table: "Volunteers");
    }
}

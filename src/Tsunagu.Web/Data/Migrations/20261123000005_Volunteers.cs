using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>Volunteers: the city's skill list and each volunteer's skills, interests, districts and availability.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000005_Volunteers")]
public class Volunteers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "VolunteerSkills",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 50, nullable: false),
                SortOrder = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_VolunteerSkills", x => x.Id);
                table.ForeignKey(
                    name: "FK_VolunteerSkills_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Volunteers",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                AgeBand = table.Column<string>(maxLength: 20, nullable: false),
                Availability = table.Column<int>(nullable: false),
                FreeSkills = table.Column<string>(maxLength: 500, nullable: true),
                Languages = table.Column<string>(maxLength: 200, nullable: true),
                Qualifications = table.Column<string>(maxLength: 500, nullable: true),
                Phone = table.Column<string>(maxLength: 20, nullable: true),
                Notify = table.Column<string>(maxLength: 20, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                GuardianName = table.Column<string>(maxLength: 100, nullable: true),
                GuardianConsentAt = table.Column<DateTime?>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Volunteers", x => x.Id);
                table.ForeignKey(
                    name: "FK_Volunteers_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Volunteers_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "VolunteerDistricts",
            columns: table => new
            {
                VolunteerId = table.Column<int>(nullable: false),
                DistrictId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_VolunteerDistricts", x => new { x.VolunteerId, x.DistrictId });
                table.ForeignKey(
                    name: "FK_VolunteerDistricts_Districts_DistrictId",
                    column: x => x.DistrictId,
                    principalTable: "Districts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_VolunteerDistricts_Volunteers_VolunteerId",
                    column: x => x.VolunteerId,
                    principalTable: "Volunteers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "VolunteerInterests",
            columns: table => new
            {
                VolunteerId = table.Column<int>(nullable: false),
                Field = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_VolunteerInterests", x => new { x.VolunteerId, x.Field });
                table.ForeignKey(
                    name: "FK_VolunteerInterests_Volunteers_VolunteerId",
                    column: x => x.VolunteerId,
                    principalTable: "Volunteers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "VolunteerSkillChoices",
            columns: table => new
            {
                VolunteerId = table.Column<int>(nullable: false),
                SkillId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_VolunteerSkillChoices", x => new { x.VolunteerId, x.SkillId });
                table.ForeignKey(
                    name: "FK_VolunteerSkillChoices_VolunteerSkills_SkillId",
                    column: x => x.SkillId,
                    principalTable: "VolunteerSkills",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_VolunteerSkillChoices_Volunteers_VolunteerId",
                    column: x => x.VolunteerId,
                    principalTable: "Volunteers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_VolunteerDistricts_DistrictId_VolunteerId", table: "VolunteerDistricts", columns: new[] { "DistrictId", "VolunteerId" });
        migrationBuilder.CreateIndex(name: "IX_VolunteerInterests_Field_VolunteerId", table: "VolunteerInterests", columns: new[] { "Field", "VolunteerId" });
        migrationBuilder.CreateIndex(name: "IX_Volunteers_CityId_Status", table: "Volunteers", columns: new[] { "CityId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_Volunteers_CityId_UserId", table: "Volunteers", columns: new[] { "CityId", "UserId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_Volunteers_UserId", table: "Volunteers", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_VolunteerSkillChoices_SkillId_VolunteerId", table: "VolunteerSkillChoices", columns: new[] { "SkillId", "VolunteerId" });
        migrationBuilder.CreateIndex(name: "IX_VolunteerSkills_CityId_Name", table: "VolunteerSkills", columns: new[] { "CityId", "Name" }, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("VolunteerDistricts");
        migrationBuilder.DropTable("VolunteerInterests");
        migrationBuilder.DropTable("VolunteerSkillChoices");
        migrationBuilder.DropTable("Volunteers");
        migrationBuilder.DropTable("VolunteerSkills");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>The group registry: groups, their activity fields, districts and administrators.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261122000002_Groups")]
public class Groups : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {

        migrationBuilder.CreateTable(
            name: "Groups",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                NameKana = table.Column<string>(maxLength: 200, nullable: false),
                Type = table.Column<string>(maxLength: 30, nullable: false),
                CouncilDistrictId = table.Column<int?>(nullable: true),
                Description = table.Column<string>(maxLength: 2000, nullable: false),
                MeetingSchedule = table.Column<string>(maxLength: 200, nullable: true),
                MeetingPlace = table.Column<string>(maxLength: 200, nullable: true),
                MemberCount = table.Column<int?>(nullable: true),
                FoundedOn = table.Column<DateOnly?>(nullable: true),
                Fees = table.Column<string>(maxLength: 200, nullable: true),
                Website = table.Column<string>(maxLength: 300, nullable: true),
                SocialLinks = table.Column<string>(maxLength: 1000, nullable: true),
                RecruitingVolunteers = table.Column<bool>(nullable: false),
                IsDemo = table.Column<bool>(nullable: false),
                PublicContactName = table.Column<string>(maxLength: 100, nullable: true),
                PublicEmail = table.Column<string>(maxLength: 256, nullable: true),
                PublicPhone = table.Column<string>(maxLength: 20, nullable: true),
                RepresentativeName = table.Column<string>(maxLength: 100, nullable: false),
                RepresentativeEmail = table.Column<string>(maxLength: 256, nullable: false),
                RepresentativePhone = table.Column<string>(maxLength: 20, nullable: true),
                RepresentativePostalCode = table.Column<string>(maxLength: 8, nullable: true),
                RepresentativeAddress = table.Column<string>(maxLength: 200, nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                ReviewComment = table.Column<string>(maxLength: 1000, nullable: true),
                ApplicantUserId = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                SubmittedAt = table.Column<DateTime?>(nullable: true),
                ApprovedAt = table.Column<DateTime?>(nullable: true),
                ConfirmedAt = table.Column<DateTime?>(nullable: true),
                SearchText = table.Column<string>(maxLength: 4000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Groups", x => x.Id);
                table.ForeignKey(
                    name: "FK_Groups_AspNetUsers_ApplicantUserId",
                    column: x => x.ApplicantUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Groups_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Groups_Districts_CouncilDistrictId",
                    column: x => x.CouncilDistrictId,
                    principalTable: "Districts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "GroupActivityFields",
            columns: table => new
            {
                GroupId = table.Column<int>(nullable: false),
                Field = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GroupActivityFields", x => new { x.GroupId, x.Field });
                table.ForeignKey(
                    name: "FK_GroupActivityFields_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "GroupAdministrators",
            columns: table => new
            {
                GroupId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GroupAdministrators", x => new { x.GroupId, x.UserId });
                table.ForeignKey(
                    name: "FK_GroupAdministrators_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_GroupAdministrators_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "GroupDistricts",
            columns: table => new
            {
                GroupId = table.Column<int>(nullable: false),
                DistrictId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GroupDistricts", x => new { x.GroupId, x.DistrictId });
                table.ForeignKey(
                    name: "FK_GroupDistricts_Districts_DistrictId",
                    column: x => x.DistrictId,
                    principalTable: "Districts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_GroupDistricts_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_GroupActivityFields_Field", table: "GroupActivityFields", column: "Field");
        migrationBuilder.CreateIndex(name: "IX_GroupAdministrators_UserId", table: "GroupAdministrators", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_GroupDistricts_DistrictId", table: "GroupDistricts", column: "DistrictId");
        migrationBuilder.CreateIndex(name: "IX_Groups_ApplicantUserId", table: "Groups", column: "ApplicantUserId");
        migrationBuilder.CreateIndex(name: "IX_Groups_CityId_Name", table: "Groups", columns: new[] { "CityId", "Name" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_Groups_CityId_Status", table: "Groups", columns: new[] { "CityId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_Groups_CouncilDistrictId", table: "Groups", column: "CouncilDistrictId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("GroupActivityFields");
        migrationBuilder.DropTable("GroupDistricts");
        migrationBuilder.DropTable("GroupAdministrators");
        migrationBuilder.DropTable("Groups");
    }
}

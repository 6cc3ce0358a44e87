using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>The talent bank (人材バンク): entries with their fields and districts, and requests made through the centre.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000007_TalentBank")]
public class TalentBank : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "TalentEntries",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: true),
                GroupId = table.Column<int?>(nullable: true),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                DisplayName = table.Column<string>(maxLength: 100, nullable: false),
                Subjects = table.Column<string>(maxLength: 500, nullable: false),
                Profile = table.Column<string>(maxLength: 2000, nullable: false),
                FeeText = table.Column<string>(maxLength: 200, nullable: false),
                FeeYen = table.Column<int?>(nullable: true),
                CityWide = table.Column<bool>(nullable: false),
                Online = table.Column<bool>(nullable: false),
                Times = table.Column<string>(maxLength: 200, nullable: false),
                ContactPhone = table.Column<string>(maxLength: 20, nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                IsDemo = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                PublishedAt = table.Column<DateTime?>(nullable: true),
                SearchText = table.Column<string>(maxLength: 4000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TalentEntries", x => x.Id);
                table.ForeignKey(
                    name: "FK_TalentEntries_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_TalentEntries_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_TalentEntries_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TalentEntryDistricts",
            columns: table => new
            {
                EntryId = table.Column<int>(nullable: false),
                DistrictId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TalentEntryDistricts", x => new { x.EntryId, x.DistrictId });
                table.ForeignKey(
                    name: "FK_TalentEntryDistricts_Districts_DistrictId",
                    column: x => x.DistrictId,
                    principalTable: "Districts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_TalentEntryDistricts_TalentEntries_EntryId",
                    column: x => x.EntryId,
                    principalTable: "TalentEntries",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TalentEntryFields",
            columns: table => new
            {
                EntryId = table.Column<int>(nullable: false),
                Field = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TalentEntryFields", x => new { x.EntryId, x.Field });
                table.ForeignKey(
                    name: "FK_TalentEntryFields_TalentEntries_EntryId",
                    column: x => x.EntryId,
                    principalTable: "TalentEntries",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TalentRequests",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                EntryId = table.Column<int>(nullable: false),
                RequesterUserId = table.Column<string>(nullable: false),
                GroupId = table.Column<int?>(nullable: true),
                Purpose = table.Column<string>(maxLength: 200, nullable: false),
                PreferredDates = table.Column<string>(maxLength: 200, nullable: false),
                Participants = table.Column<int?>(nullable: true),
                Message = table.Column<string>(maxLength: 2000, nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                StaffNote = table.Column<string>(maxLength: 1000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TalentRequests", x => x.Id);
                table.ForeignKey(
                    name: "FK_TalentRequests_AspNetUsers_RequesterUserId",
                    column: x => x.RequesterUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_TalentRequests_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_TalentRequests_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_TalentRequests_TalentEntries_EntryId",
                    column: x => x.EntryId,
                    principalTable: "TalentEntries",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_TalentEntries_CityId_Status", table: "TalentEntries", columns: new[] { "CityId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_TalentEntries_GroupId", table: "TalentEntries", column: "GroupId");
        migrationBuilder.CreateIndex(name: "IX_TalentEntries_UserId", table: "TalentEntries", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_TalentEntryDistricts_DistrictId_EntryId", table: "TalentEntryDistricts", columns: new[] { "DistrictId", "EntryId" });
        migrationBuilder.CreateIndex(name: "IX_TalentEntryFields_Field_EntryId", table: "TalentEntryFields", columns: new[] { "Field", "EntryId" });
        migrationBuilder.CreateIndex(name: "IX_TalentRequests_CityId_Status", table: "TalentRequests", columns: new[] { "CityId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_TalentRequests_EntryId", table: "TalentRequests", column: "EntryId");
        migrationBuilder.CreateIndex(name: "IX_TalentRequests_GroupId", table: "TalentRequests", column: "GroupId");
        migrationBuilder.CreateIndex(name: "IX_TalentRequests_RequesterUserId", table: "TalentRequests", column: "RequesterUserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("TalentRequests");
        migrationBuilder.DropTable("TalentEntryDistricts");
        migrationBuilder.DropTable("TalentEntryFields");
        migrationBuilder.DropTable("TalentEntries");
    }
}

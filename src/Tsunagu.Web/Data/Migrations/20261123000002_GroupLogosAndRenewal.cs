using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>Covering indexes for the directory's filters, group logos, the yearly renewal rounds with the groups they unpublished, and demo consultations.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000002_GroupLogosAndRenewal")]
public class GroupLogosAndRenewal : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_GroupActivityFields_Field", table: "GroupActivityFields");
        migrationBuilder.CreateIndex(name: "IX_GroupActivityFields_Field_GroupId", table: "GroupActivityFields", columns: new[] { "Field", "GroupId" });
        migrationBuilder.DropIndex(name: "IX_GroupDistricts_DistrictId", table: "GroupDistricts");
        migrationBuilder.CreateIndex(name: "IX_GroupDistricts_DistrictId_GroupId", table: "GroupDistricts", columns: new[] { "DistrictId", "GroupId" });
        migrationBuilder.AddColumn<DateTime>(name: "LapsedAt", table: "Groups", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "LogoUpdatedAt", table: "Groups", nullable: true);
        // Existing cases are real ones; the default only fills them and is dropped again, as the model has none
        // (SQLite cannot drop a default without rebuilding the table, and nothing there reads it).
        migrationBuilder.AddColumn<bool>(name: "IsDemo", table: "Consultations", nullable: false, defaultValue: false);
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            migrationBuilder.Sql("ALTER TABLE \"Consultations\" ALTER COLUMN \"IsDemo\" DROP DEFAULT;");

        migrationBuilder.CreateTable(
            name: "RenewalRounds",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                FiscalYear = table.Column<int>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                GraceDays = table.Column<int>(nullable: false),
                EnforcedAt = table.Column<DateTime?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RenewalRounds", x => x.Id);
                table.ForeignKey(
                    name: "FK_RenewalRounds_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "GroupLogos",
            columns: table => new
            {
                GroupId = table.Column<int>(nullable: false),
                ContentType = table.Column<string>(maxLength: 20, nullable: false),
                Content = table.Column<byte[]>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GroupLogos", x => x.GroupId);
                table.ForeignKey(
                    name: "FK_GroupLogos_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_RenewalRounds_CityId_FiscalYear", table: "RenewalRounds", columns: new[] { "CityId", "FiscalYear" }, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("GroupLogos");
        migrationBuilder.DropTable("RenewalRounds");
        migrationBuilder.DropColumn(name: "LogoUpdatedAt", table: "Groups");
        migrationBuilder.DropColumn(name: "LapsedAt", table: "Groups");
        migrationBuilder.DropColumn(name: "IsDemo", table: "Consultations");
        migrationBuilder.DropIndex(name: "IX_GroupDistricts_DistrictId_GroupId", table: "GroupDistricts");
        migrationBuilder.CreateIndex(name: "IX_GroupDistricts_DistrictId", table: "GroupDistricts", column: "DistrictId");
        migrationBuilder.DropIndex(name: "IX_GroupActivityFields_Field_GroupId", table: "GroupActivityFields");
        migrationBuilder.CreateIndex(name: "IX_GroupActivityFields_Field", table: "GroupActivityFields", column: "Field");
    }
}

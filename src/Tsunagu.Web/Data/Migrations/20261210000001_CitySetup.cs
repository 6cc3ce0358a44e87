using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>
/// A city sets itself up: its terms (the evaluating body and what its evaluation is called, whether its centre exists
/// yet and the desk that stands in, what it calls its districts); departments with 部 and 課・室 and the period they
/// exist, merged into a successor; districts' population figures by year; and the reason a manager published a round
/// that was not complete.
/// </summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261210000001_CitySetup")]
public class CitySetup : Migration
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "HasCentre", table: "Cities", nullable: false, defaultValue: true);
        migrationBuilder.AddColumn<string>(name: "DeskName", table: "Cities", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: "DeskNameEn", table: "Cities", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: "EvaluatingBodyName", table: "Cities", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: "EvaluatingBodyNameEn", table: "Cities", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: "EvaluationTerm", table: "Cities", maxLength: 20, nullable: true);
        migrationBuilder.AddColumn<string>(name: "EvaluationTermEn", table: "Cities", maxLength: 50, nullable: true);
        migrationBuilder.AddColumn<string>(name: "DistrictTerm", table: "Cities", maxLength: 10, nullable: true);

        migrationBuilder.AddColumn<string>(name: "Bureau", table: "Departments", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>(name: "Section", table: "Departments", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<DateOnly>(name: "ActiveFrom", table: "Departments", nullable: true);
        migrationBuilder.AddColumn<DateOnly>(name: "ActiveTo", table: "Departments", nullable: true);
        // Foreign keys on added columns: SQLite adds them only with the column itself (ALTER TABLE … ADD … REFERENCES).
        if (migrationBuilder.ActiveProvider == Postgres)
        {
            migrationBuilder.AddColumn<int>(name: "SuccessorId", table: "Departments", nullable: true);
            migrationBuilder.AddForeignKey(name: "FK_Departments_Departments_SuccessorId", table: "Departments", column: "SuccessorId",
                principalTable: "Departments", principalColumn: "Id", onDelete: ReferentialAction.NoAction);
        }
        else
        {
            migrationBuilder.Sql("ALTER TABLE \"Departments\" ADD COLUMN \"SuccessorId\" INTEGER NULL REFERENCES \"Departments\" (\"Id\");");
        }
        migrationBuilder.CreateIndex(name: "IX_Departments_SuccessorId", table: "Departments", column: "SuccessorId");

        migrationBuilder.CreateTable(
            name: "DistrictPopulations",
            columns: table => new
            {
                DistrictId = table.Column<int>(nullable: false),
                Year = table.Column<int>(nullable: false),
                Population = table.Column<int?>(nullable: true),
                Population65Plus = table.Column<int?>(nullable: true),
                Households = table.Column<int?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DistrictPopulations", x => new { x.DistrictId, x.Year });
                table.ForeignKey(
                    name: "FK_DistrictPopulations_Districts_DistrictId",
                    column: x => x.DistrictId,
                    principalTable: "Districts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.AddColumn<string>(name: "IncompleteReason", table: "PublishedReports", maxLength: 500, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "IncompleteReason", table: "PublishedReports");
        migrationBuilder.DropTable("DistrictPopulations");
        migrationBuilder.DropIndex(name: "IX_Departments_SuccessorId", table: "Departments");
        foreach (var column in new[] { "SuccessorId", "ActiveTo", "ActiveFrom", "Section", "Bureau" })
            migrationBuilder.DropColumn(name: column, table: "Departments");
        foreach (var column in new[] { "DistrictTerm", "EvaluationTermEn", "EvaluationTerm", "EvaluatingBodyNameEn", "EvaluatingBodyName", "DeskNameEn", "DeskName", "HasCentre" })
            migrationBuilder.DropColumn(name: column, table: "Cities");
    }
}

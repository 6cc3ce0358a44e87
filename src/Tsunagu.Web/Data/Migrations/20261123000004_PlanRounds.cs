using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>The yearly cycle of a plan: reporting rounds, department reports, council evaluations, published reports.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000004_PlanRounds")]
public class PlanRounds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ReportingRounds",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                PlanId = table.Column<int>(nullable: false),
                FiscalYear = table.Column<int>(nullable: false),
                Deadline = table.Column<DateOnly>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                OpenedAt = table.Column<DateTime>(nullable: false),
                RemindedAt = table.Column<DateTime?>(nullable: true),
                CouncilOpinion = table.Column<string>(maxLength: 4000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReportingRounds", x => x.Id);
                table.ForeignKey(
                    name: "FK_ReportingRounds_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ReportingRounds_Plans_PlanId",
                    column: x => x.PlanId,
                    principalTable: "Plans",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CouncilEvaluations",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                RoundId = table.Column<int>(nullable: false),
                NodeId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                Evaluation = table.Column<string>(maxLength: 20, nullable: false),
                Opinion = table.Column<string>(maxLength: 4000, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CouncilEvaluations", x => x.Id);
                table.ForeignKey(
                    name: "FK_CouncilEvaluations_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_CouncilEvaluations_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_CouncilEvaluations_PlanNodes_NodeId",
                    column: x => x.NodeId,
                    principalTable: "PlanNodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.NoAction);
                table.ForeignKey(
                    name: "FK_CouncilEvaluations_ReportingRounds_RoundId",
                    column: x => x.RoundId,
                    principalTable: "ReportingRounds",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ProgressReports",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                RoundId = table.Column<int>(nullable: false),
                NodeId = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Done = table.Column<string>(maxLength: 4000, nullable: true),
                Grade = table.Column<string>(maxLength: 10, nullable: true),
                Figures = table.Column<string>(maxLength: 1000, nullable: true),
                Problems = table.Column<string>(maxLength: 2000, nullable: true),
                NextYear = table.Column<string>(maxLength: 2000, nullable: true),
                Partners = table.Column<string>(maxLength: 1000, nullable: true),
                Forms = table.Column<string>(maxLength: 300, nullable: true),
                ReturnComment = table.Column<string>(maxLength: 1000, nullable: true),
                UpdatedByUserId = table.Column<string>(nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                SubmittedAt = table.Column<DateTime?>(nullable: true),
                AcceptedAt = table.Column<DateTime?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProgressReports", x => x.Id);
                table.ForeignKey(
                    name: "FK_ProgressReports_AspNetUsers_UpdatedByUserId",
                    column: x => x.UpdatedByUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_ProgressReports_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ProgressReports_PlanNodes_NodeId",
                    column: x => x.NodeId,
                    principalTable: "PlanNodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.NoAction);
                table.ForeignKey(
                    name: "FK_ProgressReports_ReportingRounds_RoundId",
                    column: x => x.RoundId,
                    principalTable: "ReportingRounds",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PublishedReports",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                RoundId = table.Column<int>(nullable: false),
                PlanId = table.Column<int>(nullable: false),
                FiscalYear = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
                PublishedAt = table.Column<DateTime>(nullable: false),
                PublishedByUserId = table.Column<string>(nullable: true),
                Snapshot = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PublishedReports", x => x.Id);
                table.ForeignKey(
                    name: "FK_PublishedReports_AspNetUsers_PublishedByUserId",
                    column: x => x.PublishedByUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_PublishedReports_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_PublishedReports_Plans_PlanId",
                    column: x => x.PlanId,
                    principalTable: "Plans",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.NoAction);
                table.ForeignKey(
                    name: "FK_PublishedReports_ReportingRounds_RoundId",
                    column: x => x.RoundId,
                    principalTable: "ReportingRounds",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_CouncilEvaluations_CityId", table: "CouncilEvaluations", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_CouncilEvaluations_NodeId", table: "CouncilEvaluations", column: "NodeId");
        migrationBuilder.CreateIndex(name: "IX_CouncilEvaluations_RoundId_NodeId_UserId", table: "CouncilEvaluations", columns: new[] { "RoundId", "NodeId", "UserId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_CouncilEvaluations_UserId", table: "CouncilEvaluations", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_ProgressReports_CityId", table: "ProgressReports", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_ProgressReports_NodeId", table: "ProgressReports", column: "NodeId");
        migrationBuilder.CreateIndex(name: "IX_ProgressReports_RoundId_NodeId", table: "ProgressReports", columns: new[] { "RoundId", "NodeId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_ProgressReports_UpdatedByUserId", table: "ProgressReports", column: "UpdatedByUserId");
        migrationBuilder.CreateIndex(name: "IX_PublishedReports_CityId", table: "PublishedReports", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_PublishedReports_PlanId_FiscalYear_Version", table: "PublishedReports", columns: new[] { "PlanId", "FiscalYear", "Version" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_PublishedReports_PublishedByUserId", table: "PublishedReports", column: "PublishedByUserId");
        migrationBuilder.CreateIndex(name: "IX_PublishedReports_RoundId", table: "PublishedReports", column: "RoundId");
        migrationBuilder.CreateIndex(name: "IX_ReportingRounds_CityId", table: "ReportingRounds", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_ReportingRounds_PlanId_FiscalYear", table: "ReportingRounds", columns: new[] { "PlanId", "FiscalYear" }, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("PublishedReports");
        migrationBuilder.DropTable("CouncilEvaluations");
        migrationBuilder.DropTable("ProgressReports");
        migrationBuilder.DropTable("ReportingRounds");
    }
}

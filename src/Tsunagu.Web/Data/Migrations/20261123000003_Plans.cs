using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>Plans: the tree of policies and measures, yearly plans, 【再掲】 places, and indicators with their actuals.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000003_Plans")]
public class Plans : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Plans",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Key = table.Column<string>(maxLength: 50, nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                StartYear = table.Column<int>(nullable: false),
                EndYear = table.Column<int>(nullable: false),
                Levels = table.Column<string>(maxLength: 200, nullable: false),
                Grades = table.Column<string>(maxLength: 1000, nullable: true),
                Source = table.Column<string>(maxLength: 500, nullable: true),
                IsDemo = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Plans", x => x.Id);
                table.ForeignKey(
                    name: "FK_Plans_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PlanNodes",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                PlanId = table.Column<int>(nullable: false),
                ParentId = table.Column<int?>(nullable: true),
                Depth = table.Column<int>(nullable: false),
                SortOrder = table.Column<int>(nullable: false),
                Ref = table.Column<string>(maxLength: 50, nullable: false),
                Title = table.Column<string>(maxLength: 500, nullable: false),
                Aim = table.Column<string>(maxLength: 2000, nullable: true),
                Kind = table.Column<string>(maxLength: 10, nullable: true),
                Actors = table.Column<int>(nullable: false),
                Purpose = table.Column<string>(maxLength: 2000, nullable: true),
                Content = table.Column<string>(maxLength: 4000, nullable: true),
                Completion = table.Column<string>(maxLength: 2000, nullable: true),
                Priority = table.Column<bool>(nullable: false),
                Pillars = table.Column<string>(maxLength: 200, nullable: true),
                Roles = table.Column<string>(maxLength: 4000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PlanNodes", x => x.Id);
                table.ForeignKey(
                    name: "FK_PlanNodes_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_PlanNodes_PlanNodes_ParentId",
                    column: x => x.ParentId,
                    principalTable: "PlanNodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.NoAction);
                table.ForeignKey(
                    name: "FK_PlanNodes_Plans_PlanId",
                    column: x => x.PlanId,
                    principalTable: "Plans",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Indicators",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                PlanId = table.Column<int>(nullable: false),
                NodeId = table.Column<int?>(nullable: true),
                SortOrder = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Unit = table.Column<string>(maxLength: 20, nullable: false),
                Direction = table.Column<string>(maxLength: 10, nullable: false),
                BaselineYear = table.Column<int>(nullable: false),
                BaselineValue = table.Column<decimal>(precision: 18, scale: 3, nullable: false),
                TargetYear = table.Column<int>(nullable: false),
                TargetValue = table.Column<decimal>(precision: 18, scale: 3, nullable: false),
                Source = table.Column<string>(maxLength: 50, nullable: false),
                Note = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Indicators", x => x.Id);
                table.ForeignKey(
                    name: "FK_Indicators_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Indicators_PlanNodes_NodeId",
                    column: x => x.NodeId,
                    principalTable: "PlanNodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.NoAction);
                table.ForeignKey(
                    name: "FK_Indicators_Plans_PlanId",
                    column: x => x.PlanId,
                    principalTable: "Plans",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PlanNodeDepartments",
            columns: table => new
            {
                NodeId = table.Column<int>(nullable: false),
                DepartmentId = table.Column<int>(nullable: false),
                SortOrder = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PlanNodeDepartments", x => new { x.NodeId, x.DepartmentId });
                table.ForeignKey(
                    name: "FK_PlanNodeDepartments_Departments_DepartmentId",
                    column: x => x.DepartmentId,
                    principalTable: "Departments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_PlanNodeDepartments_PlanNodes_NodeId",
                    column: x => x.NodeId,
                    principalTable: "PlanNodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PlanNodeRepeats",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                NodeId = table.Column<int>(nullable: false),
                ParentId = table.Column<int>(nullable: false),
                SortOrder = table.Column<int>(nullable: false),
                ListedRef = table.Column<string>(maxLength: 50, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PlanNodeRepeats", x => x.Id);
                table.ForeignKey(
                    name: "FK_PlanNodeRepeats_PlanNodes_NodeId",
                    column: x => x.NodeId,
                    principalTable: "PlanNodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_PlanNodeRepeats_PlanNodes_ParentId",
                    column: x => x.ParentId,
                    principalTable: "PlanNodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.NoAction);
            });

        migrationBuilder.CreateTable(
            name: "PlanNodeYears",
            columns: table => new
            {
                NodeId = table.Column<int>(nullable: false),
                FiscalYear = table.Column<int>(nullable: false),
                Word = table.Column<string>(maxLength: 20, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PlanNodeYears", x => new { x.NodeId, x.FiscalYear });
                table.ForeignKey(
                    name: "FK_PlanNodeYears_PlanNodes_NodeId",
                    column: x => x.NodeId,
                    principalTable: "PlanNodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "IndicatorActuals",
            columns: table => new
            {
                IndicatorId = table.Column<int>(nullable: false),
                FiscalYear = table.Column<int>(nullable: false),
                Value = table.Column<decimal>(precision: 18, scale: 3, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IndicatorActuals", x => new { x.IndicatorId, x.FiscalYear });
                table.ForeignKey(
                    name: "FK_IndicatorActuals_Indicators_IndicatorId",
                    column: x => x.IndicatorId,
                    principalTable: "Indicators",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_Indicators_CityId", table: "Indicators", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_Indicators_NodeId", table: "Indicators", column: "NodeId");
        migrationBuilder.CreateIndex(name: "IX_Indicators_PlanId", table: "Indicators", column: "PlanId");
        migrationBuilder.CreateIndex(name: "IX_PlanNodeDepartments_DepartmentId", table: "PlanNodeDepartments", column: "DepartmentId");
        migrationBuilder.CreateIndex(name: "IX_PlanNodeRepeats_NodeId", table: "PlanNodeRepeats", column: "NodeId");
        migrationBuilder.CreateIndex(name: "IX_PlanNodeRepeats_ParentId", table: "PlanNodeRepeats", column: "ParentId");
        migrationBuilder.CreateIndex(name: "IX_PlanNodes_CityId", table: "PlanNodes", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_PlanNodes_ParentId", table: "PlanNodes", column: "ParentId");
        migrationBuilder.CreateIndex(name: "IX_PlanNodes_PlanId_Ref", table: "PlanNodes", columns: new[] { "PlanId", "Ref" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_Plans_CityId_Key", table: "Plans", columns: new[] { "CityId", "Key" }, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("IndicatorActuals");
        migrationBuilder.DropTable("Indicators");
        migrationBuilder.DropTable("PlanNodeRepeats");
        migrationBuilder.DropTable("PlanNodeYears");
        migrationBuilder.DropTable("PlanNodeDepartments");
        migrationBuilder.DropTable("PlanNodes");
        migrationBuilder.DropTable("Plans");
    }
}

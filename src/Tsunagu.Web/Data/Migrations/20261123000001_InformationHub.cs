using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>The centre's information hub: news, grant notices and case studies with their groups, fields and forms.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000001_InformationHub")]
public class InformationHub : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CaseStudies",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                Summary = table.Column<string>(maxLength: 500, nullable: false),
                Body = table.Column<string>(maxLength: 10000, nullable: false),
                FiscalYear = table.Column<int>(nullable: false),
                PublishedOn = table.Column<DateOnly>(nullable: false),
                IsPublished = table.Column<bool>(nullable: false),
                IsDemo = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                SearchText = table.Column<string>(maxLength: 12000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseStudies", x => x.Id);
                table.ForeignKey(
                    name: "FK_CaseStudies_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "GrantNotices",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Funder = table.Column<string>(maxLength: 200, nullable: false),
                AmountMaxYen = table.Column<int?>(nullable: true),
                AmountNote = table.Column<string>(maxLength: 200, nullable: true),
                Deadline = table.Column<DateOnly>(nullable: false),
                Eligibility = table.Column<string>(maxLength: 2000, nullable: false),
                Description = table.Column<string>(maxLength: 10000, nullable: false),
                LinkUrl = table.Column<string>(maxLength: 500, nullable: true),
                PublishedOn = table.Column<DateOnly>(nullable: false),
                IsPublished = table.Column<bool>(nullable: false),
                IsDemo = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                SearchText = table.Column<string>(maxLength: 14000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GrantNotices", x => x.Id);
                table.ForeignKey(
                    name: "FK_GrantNotices_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CaseStudyFields",
            columns: table => new
            {
                CaseStudyId = table.Column<int>(nullable: false),
                Field = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseStudyFields", x => new { x.CaseStudyId, x.Field });
                table.ForeignKey(
                    name: "FK_CaseStudyFields_CaseStudies_CaseStudyId",
                    column: x => x.CaseStudyId,
                    principalTable: "CaseStudies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CaseStudyForms",
            columns: table => new
            {
                CaseStudyId = table.Column<int>(nullable: false),
                Form = table.Column<string>(maxLength: 30, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseStudyForms", x => new { x.CaseStudyId, x.Form });
                table.ForeignKey(
                    name: "FK_CaseStudyForms_CaseStudies_CaseStudyId",
                    column: x => x.CaseStudyId,
                    principalTable: "CaseStudies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CaseStudyGroups",
            columns: table => new
            {
                CaseStudyId = table.Column<int>(nullable: false),
                GroupId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseStudyGroups", x => new { x.CaseStudyId, x.GroupId });
                table.ForeignKey(
                    name: "FK_CaseStudyGroups_CaseStudies_CaseStudyId",
                    column: x => x.CaseStudyId,
                    principalTable: "CaseStudies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_CaseStudyGroups_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "NewsItems",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Body = table.Column<string>(maxLength: 10000, nullable: false),
                PublishedOn = table.Column<DateOnly>(nullable: false),
                IsPublished = table.Column<bool>(nullable: false),
                GroupId = table.Column<int?>(nullable: true),
                IsDemo = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                SearchText = table.Column<string>(maxLength: 12000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_NewsItems", x => x.Id);
                table.ForeignKey(
                    name: "FK_NewsItems_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_NewsItems_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex(name: "IX_CaseStudies_CityId_IsPublished_PublishedOn", table: "CaseStudies", columns: new[] { "CityId", "IsPublished", "PublishedOn" });
        migrationBuilder.CreateIndex(name: "IX_CaseStudyFields_Field", table: "CaseStudyFields", column: "Field");
        migrationBuilder.CreateIndex(name: "IX_CaseStudyForms_Form", table: "CaseStudyForms", column: "Form");
        migrationBuilder.CreateIndex(name: "IX_CaseStudyGroups_GroupId", table: "CaseStudyGroups", column: "GroupId");
        migrationBuilder.CreateIndex(name: "IX_GrantNotices_CityId_IsPublished_Deadline", table: "GrantNotices", columns: new[] { "CityId", "IsPublished", "Deadline" });
        migrationBuilder.CreateIndex(name: "IX_NewsItems_CityId_IsPublished_PublishedOn", table: "NewsItems", columns: new[] { "CityId", "IsPublished", "PublishedOn" });
        migrationBuilder.CreateIndex(name: "IX_NewsItems_GroupId", table: "NewsItems", column: "GroupId");

    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("CaseStudyForms");
        migrationBuilder.DropTable("CaseStudyFields");
        migrationBuilder.DropTable("CaseStudyGroups");
        migrationBuilder.DropTable("CaseStudies");
        migrationBuilder.DropTable("GrantNotices");
        migrationBuilder.DropTable("NewsItems");
    }
}

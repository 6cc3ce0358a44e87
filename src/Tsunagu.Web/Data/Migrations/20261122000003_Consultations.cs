using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>The consultation desk: cases, their dated notes and follow-ups.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261122000003_Consultations")]
public class Consultations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {

        migrationBuilder.CreateTable(
            name: "Consultations",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Topic = table.Column<string>(maxLength: 30, nullable: false),
                Channel = table.Column<string>(maxLength: 20, nullable: false),
                PreferredContact = table.Column<string>(maxLength: 20, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Question = table.Column<string>(maxLength: 4000, nullable: false),
                RequesterName = table.Column<string>(maxLength: 100, nullable: false),
                RequesterEmail = table.Column<string>(maxLength: 256, nullable: true),
                RequesterPhone = table.Column<string>(maxLength: 20, nullable: true),
                RequesterUserId = table.Column<string>(nullable: true),
                GroupId = table.Column<int?>(nullable: true),
                AssigneeUserId = table.Column<string>(nullable: true),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                ClosedAt = table.Column<DateTime?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Consultations", x => x.Id);
                table.ForeignKey(
                    name: "FK_Consultations_AspNetUsers_AssigneeUserId",
                    column: x => x.AssigneeUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Consultations_AspNetUsers_RequesterUserId",
                    column: x => x.RequesterUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Consultations_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Consultations_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "ConsultationFollowUps",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConsultationId = table.Column<int>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                Text = table.Column<string>(maxLength: 1000, nullable: false),
                DoneAt = table.Column<DateTime?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationFollowUps", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConsultationFollowUps_Consultations_ConsultationId",
                    column: x => x.ConsultationId,
                    principalTable: "Consultations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConsultationNotes",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConsultationId = table.Column<int>(nullable: false),
                AuthorUserId = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Text = table.Column<string>(maxLength: 4000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationNotes", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConsultationNotes_AspNetUsers_AuthorUserId",
                    column: x => x.AuthorUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ConsultationNotes_Consultations_ConsultationId",
                    column: x => x.ConsultationId,
                    principalTable: "Consultations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_ConsultationFollowUps_ConsultationId", table: "ConsultationFollowUps", column: "ConsultationId");
        migrationBuilder.CreateIndex(name: "IX_ConsultationNotes_AuthorUserId", table: "ConsultationNotes", column: "AuthorUserId");
        migrationBuilder.CreateIndex(name: "IX_ConsultationNotes_ConsultationId", table: "ConsultationNotes", column: "ConsultationId");
        migrationBuilder.CreateIndex(name: "IX_Consultations_AssigneeUserId", table: "Consultations", column: "AssigneeUserId");
        migrationBuilder.CreateIndex(name: "IX_Consultations_CityId_ReceivedAt", table: "Consultations", columns: new[] { "CityId", "ReceivedAt" });
        migrationBuilder.CreateIndex(name: "IX_Consultations_CityId_Status", table: "Consultations", columns: new[] { "CityId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_Consultations_GroupId", table: "Consultations", column: "GroupId");
        migrationBuilder.CreateIndex(name: "IX_Consultations_RequesterUserId", table: "Consultations", column: "RequesterUserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ConsultationNotes");
        migrationBuilder.DropTable("ConsultationFollowUps");
        migrationBuilder.DropTable("Consultations");
    }
}

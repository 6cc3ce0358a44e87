using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>Lectures: the on-request lecture catalogue (出前講座) and its requests.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000011_Lectures")]
public class Lectures : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "LectureTopics",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Description = table.Column<string>(maxLength: 2000, nullable: false),
                Speaker = table.Column<string>(maxLength: 200, nullable: false),
                Minutes = table.Column<int>(nullable: false),
                Audience = table.Column<string>(maxLength: 200, nullable: true),
                Active = table.Column<bool>(nullable: false),
                IsDemo = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LectureTopics", x => x.Id);
                table.ForeignKey(
                    name: "FK_LectureTopics_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "LectureRequests",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                TopicId = table.Column<int>(nullable: false),
                RequesterUserId = table.Column<string>(nullable: false),
                Organisation = table.Column<string>(maxLength: 200, nullable: false),
                PreferredDates = table.Column<string>(maxLength: 500, nullable: false),
                Place = table.Column<string>(maxLength: 200, nullable: false),
                Participants = table.Column<int>(nullable: false),
                Message = table.Column<string>(maxLength: 1000, nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                ScheduledAt = table.Column<DateTime?>(nullable: true),
                StaffNote = table.Column<string>(maxLength: 1000, nullable: true),
                Attended = table.Column<int?>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LectureRequests", x => x.Id);
                table.ForeignKey(
                    name: "FK_LectureRequests_AspNetUsers_RequesterUserId",
                    column: x => x.RequesterUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_LectureRequests_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_LectureRequests_LectureTopics_TopicId",
                    column: x => x.TopicId,
                    principalTable: "LectureTopics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_LectureRequests_CityId_Status", table: "LectureRequests", columns: new[] { "CityId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_LectureRequests_RequesterUserId", table: "LectureRequests", column: "RequesterUserId");
        migrationBuilder.CreateIndex(name: "IX_LectureRequests_TopicId", table: "LectureRequests", column: "TopicId");
        migrationBuilder.CreateIndex(name: "IX_LectureTopics_CityId", table: "LectureTopics", column: "CityId");

    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "LectureRequests");
        migrationBuilder.DropTable(name: "LectureTopics");
    }
}

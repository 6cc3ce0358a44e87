using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>Uploaded import files, kept between preview and commit.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261122000004_ImportUploads")]
public class ImportUploads : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ImportUploads",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CityId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                FileName = table.Column<string>(maxLength: 260, nullable: false),
                Content = table.Column<byte[]>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CommittedAt = table.Column<DateTime?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ImportUploads", x => x.Id);
                table.ForeignKey(
                    name: "FK_ImportUploads_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ImportUploads_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_ImportUploads_CityId", table: "ImportUploads", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_ImportUploads_UserId", table: "ImportUploads", column: "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("ImportUploads");
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>
/// Lockers and mailboxes rented by groups for a fiscal year (a locker in one live rental per year, a group in one live
/// rental per kind and year: both unique indexes), and rooms' photos kept in the database.
/// </summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000013_LockersRoomPhotos")]
public class LockersRoomPhotos : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Lockers",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Label = table.Column<string>(maxLength: 20, nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                Notes = table.Column<string>(maxLength: 200, nullable: true),
                AnnualFeeYen = table.Column<int>(nullable: false),
                Active = table.Column<bool>(nullable: false),
                IsDemo = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Lockers", x => x.Id);
                table.ForeignKey(
                    name: "FK_Lockers_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "RoomPhotos",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                RoomId = table.Column<int>(nullable: false),
                ContentType = table.Column<string>(maxLength: 20, nullable: false),
                Content = table.Column<byte[]>(nullable: false),
                Length = table.Column<int>(nullable: false),
                Alt = table.Column<string>(maxLength: 200, nullable: false),
                SortOrder = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RoomPhotos", x => x.Id);
                table.ForeignKey(
                    name: "FK_RoomPhotos_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_RoomPhotos_Rooms_RoomId",
                    column: x => x.RoomId,
                    principalTable: "Rooms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "LockerRentals",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                GroupId = table.Column<int>(nullable: false),
                ApplicantUserId = table.Column<string>(nullable: true),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                FiscalYear = table.Column<int>(nullable: false),
                LockerId = table.Column<int?>(nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                FeeYen = table.Column<int>(nullable: false),
                Note = table.Column<string>(maxLength: 200, nullable: true),
                AppliedAt = table.Column<DateTime>(nullable: false),
                PaidOn = table.Column<DateOnly?>(nullable: true),
                ConfirmedAt = table.Column<DateTime?>(nullable: true),
                CancelledAt = table.Column<DateTime?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LockerRentals", x => x.Id);
                table.ForeignKey(
                    name: "FK_LockerRentals_AspNetUsers_ApplicantUserId",
                    column: x => x.ApplicantUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_LockerRentals_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_LockerRentals_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_LockerRentals_Lockers_LockerId",
                    column: x => x.LockerId,
                    principalTable: "Lockers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(name: "IX_LockerRentals_ApplicantUserId", table: "LockerRentals", column: "ApplicantUserId");
        migrationBuilder.CreateIndex(name: "IX_LockerRentals_CityId_FiscalYear_Status", table: "LockerRentals", columns: new[] { "CityId", "FiscalYear", "Status" });
        migrationBuilder.CreateIndex(name: "IX_LockerRentals_Live_Group_Kind_Year", table: "LockerRentals", columns: new[] { "GroupId", "Kind", "FiscalYear" }, unique: true, filter: "\"Status\" <> 'Cancelled'");
        migrationBuilder.CreateIndex(name: "IX_LockerRentals_Live_Locker_Year", table: "LockerRentals", columns: new[] { "LockerId", "FiscalYear" }, unique: true, filter: "\"LockerId\" IS NOT NULL AND \"Status\" <> 'Cancelled'");
        migrationBuilder.CreateIndex(name: "IX_Lockers_CityId_Label", table: "Lockers", columns: new[] { "CityId", "Label" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_RoomPhotos_CityId", table: "RoomPhotos", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_RoomPhotos_RoomId_SortOrder", table: "RoomPhotos", columns: new[] { "RoomId", "SortOrder" });

    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "LockerRentals");
        migrationBuilder.DropTable(name: "RoomPhotos");
        migrationBuilder.DropTable(name: "Lockers");
    }
}

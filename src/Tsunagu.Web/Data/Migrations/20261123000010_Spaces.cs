using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>Spaces: the centre's rooms, the city's booking rules, bookings (with staff blocks), and lotteries for popular rooms.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000010_Spaces")]
public class Spaces : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Rooms",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Capacity = table.Column<int>(nullable: false),
                Facilities = table.Column<string>(maxLength: 500, nullable: true),
                AccessibilityNotes = table.Column<string>(maxLength: 500, nullable: true),
                SortOrder = table.Column<int>(nullable: false),
                IsDemo = table.Column<bool>(nullable: false),
                BookingVersion = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Rooms", x => x.Id);
                table.ForeignKey(
                    name: "FK_Rooms_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SpaceRules",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Opens = table.Column<TimeOnly>(nullable: false),
                Closes = table.Column<TimeOnly>(nullable: false),
                ClosedWeekdays = table.Column<int>(nullable: false),
                GroupHorizonDays = table.Column<int>(nullable: false),
                OtherHorizonDays = table.Column<int>(nullable: false),
                ProvisionalDays = table.Column<int>(nullable: false),
                GroupFeePerHour = table.Column<int>(nullable: false),
                OtherFeePerHour = table.Column<int>(nullable: false),
                FreeCancellationDays = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SpaceRules", x => x.Id);
                table.ForeignKey(
                    name: "FK_SpaceRules_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Bookings",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                RoomId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: true),
                GroupId = table.Column<int?>(nullable: true),
                Purpose = table.Column<string>(maxLength: 200, nullable: false),
                StartsAt = table.Column<DateTime>(nullable: false),
                EndsAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                SeriesId = table.Column<Guid?>(nullable: true),
                FeeYen = table.Column<int>(nullable: false),
                ConfirmBy = table.Column<DateTime>(nullable: false),
                PaidAt = table.Column<DateTime?>(nullable: true),
                CancelledAt = table.Column<DateTime?>(nullable: true),
                LateCancellation = table.Column<bool>(nullable: false),
                People = table.Column<int?>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Bookings", x => x.Id);
                table.ForeignKey(
                    name: "FK_Bookings_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Bookings_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Bookings_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Bookings_Rooms_RoomId",
                    column: x => x.RoomId,
                    principalTable: "Rooms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_Bookings_CityId_StartsAt", table: "Bookings", columns: new[] { "CityId", "StartsAt" });
        migrationBuilder.CreateIndex(name: "IX_Bookings_GroupId", table: "Bookings", column: "GroupId");
        migrationBuilder.CreateIndex(name: "IX_Bookings_RoomId_StartsAt", table: "Bookings", columns: new[] { "RoomId", "StartsAt" });
        migrationBuilder.CreateIndex(name: "IX_Bookings_Status_ConfirmBy", table: "Bookings", columns: new[] { "Status", "ConfirmBy" });
        migrationBuilder.CreateIndex(name: "IX_Bookings_UserId", table: "Bookings", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_Rooms_CityId_Name", table: "Rooms", columns: new[] { "CityId", "Name" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_SpaceRules_CityId", table: "SpaceRules", column: "CityId", unique: true);

        migrationBuilder.CreateTable(
            name: "Lotteries",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                RoomId = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                From = table.Column<DateTime>(nullable: false),
                To = table.Column<DateTime>(nullable: false),
                EntriesCloseAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Seed = table.Column<int?>(nullable: true),
                DrawnAt = table.Column<DateTime?>(nullable: true),
                Log = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Lotteries", x => x.Id);
                table.ForeignKey(
                    name: "FK_Lotteries_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Lotteries_Rooms_RoomId",
                    column: x => x.RoomId,
                    principalTable: "Rooms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "LotteryEntries",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                LotteryId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                GroupId = table.Column<int?>(nullable: true),
                Purpose = table.Column<string>(maxLength: 200, nullable: false),
                StartsAt = table.Column<DateTime>(nullable: false),
                EndsAt = table.Column<DateTime>(nullable: false),
                Result = table.Column<string>(maxLength: 20, nullable: false),
                BookingId = table.Column<int?>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LotteryEntries", x => x.Id);
                table.ForeignKey(
                    name: "FK_LotteryEntries_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_LotteryEntries_Bookings_BookingId",
                    column: x => x.BookingId,
                    principalTable: "Bookings",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_LotteryEntries_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_LotteryEntries_Lotteries_LotteryId",
                    column: x => x.LotteryId,
                    principalTable: "Lotteries",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_Lotteries_CityId", table: "Lotteries", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_Lotteries_RoomId_Status", table: "Lotteries", columns: new[] { "RoomId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_LotteryEntries_BookingId", table: "LotteryEntries", column: "BookingId");
        migrationBuilder.CreateIndex(name: "IX_LotteryEntries_CityId", table: "LotteryEntries", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_LotteryEntries_LotteryId_UserId_StartsAt", table: "LotteryEntries", columns: new[] { "LotteryId", "UserId", "StartsAt" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_LotteryEntries_UserId", table: "LotteryEntries", column: "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "LotteryEntries");
        migrationBuilder.DropTable(name: "Lotteries");
        migrationBuilder.DropTable(name: "Bookings");
        migrationBuilder.DropTable(name: "SpaceRules");
        migrationBuilder.DropTable(name: "Rooms");
    }
}

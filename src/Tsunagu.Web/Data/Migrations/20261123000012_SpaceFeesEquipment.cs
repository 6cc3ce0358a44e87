using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>Spaces, second part: fee bands (午前・午後・夜間 …, city-wide or per room) and equipment (備品) lent with bookings.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000012_SpaceFeesEquipment")]
public class SpaceFeesEquipment : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "EquipmentItems",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Quantity = table.Column<int>(nullable: false),
                FeePerBooking = table.Column<int>(nullable: false),
                Notes = table.Column<string>(maxLength: 500, nullable: true),
                Active = table.Column<bool>(nullable: false),
                SortOrder = table.Column<int>(nullable: false),
                IsDemo = table.Column<bool>(nullable: false),
                BookingVersion = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EquipmentItems", x => x.Id);
                table.ForeignKey(
                    name: "FK_EquipmentItems_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "FeeBands",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                RoomId = table.Column<int?>(nullable: true),
                Name = table.Column<string>(maxLength: 20, nullable: false),
                Starts = table.Column<TimeOnly>(nullable: false),
                Ends = table.Column<TimeOnly>(nullable: false),
                GroupFeePerHour = table.Column<int>(nullable: false),
                OtherFeePerHour = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_FeeBands", x => x.Id);
                table.ForeignKey(
                    name: "FK_FeeBands_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_FeeBands_Rooms_RoomId",
                    column: x => x.RoomId,
                    principalTable: "Rooms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "BookingEquipment",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                BookingId = table.Column<int>(nullable: false),
                EquipmentItemId = table.Column<int>(nullable: false),
                Quantity = table.Column<int>(nullable: false),
                FeeYen = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BookingEquipment", x => x.Id);
                table.ForeignKey(
                    name: "FK_BookingEquipment_Bookings_BookingId",
                    column: x => x.BookingId,
                    principalTable: "Bookings",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_BookingEquipment_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_BookingEquipment_EquipmentItems_EquipmentItemId",
                    column: x => x.EquipmentItemId,
                    principalTable: "EquipmentItems",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_BookingEquipment_BookingId", table: "BookingEquipment", column: "BookingId");
        migrationBuilder.CreateIndex(name: "IX_BookingEquipment_CityId", table: "BookingEquipment", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_BookingEquipment_EquipmentItemId_BookingId", table: "BookingEquipment", columns: new[] { "EquipmentItemId", "BookingId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_EquipmentItems_CityId_Name", table: "EquipmentItems", columns: new[] { "CityId", "Name" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_FeeBands_CityId_RoomId_Starts", table: "FeeBands", columns: new[] { "CityId", "RoomId", "Starts" });
        migrationBuilder.CreateIndex(name: "IX_FeeBands_RoomId", table: "FeeBands", column: "RoomId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "BookingEquipment");
        migrationBuilder.DropTable(name: "FeeBands");
        migrationBuilder.DropTable(name: "EquipmentItems");
    }
}

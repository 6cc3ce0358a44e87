using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>
/// Invitations to become a group's administrator (Features/Groups/GroupAdministratorInvitation.cs): nobody is made an
/// administrator without accepting. Only the SHA-256 of each link's token is stored.
/// </summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261206000041_GroupAdministratorInvitations")]
public class GroupAdministratorInvitations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "GroupAdministratorInvitations",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                GroupId = table.Column<int>(nullable: false),
                Email = table.Column<string>(maxLength: 256, nullable: false),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: false),
                InvitedByUserId = table.Column<string>(nullable: true),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                AcceptedAt = table.Column<DateTime>(nullable: true),
                DeclinedAt = table.Column<DateTime>(nullable: true),
                RevokedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GroupAdministratorInvitations", x => x.Id);
                table.ForeignKey(
                    name: "FK_GroupAdministratorInvitations_AspNetUsers_InvitedByUserId",
                    column: x => x.InvitedByUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_GroupAdministratorInvitations_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_GroupAdministratorInvitations_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_GroupAdministratorInvitations_CityId", table: "GroupAdministratorInvitations", column: "CityId");
        migrationBuilder.CreateIndex(name: "IX_GroupAdministratorInvitations_GroupId_NormalizedEmail", table: "GroupAdministratorInvitations", columns: new[] { "GroupId", "NormalizedEmail" });
        migrationBuilder.CreateIndex(name: "IX_GroupAdministratorInvitations_InvitedByUserId", table: "GroupAdministratorInvitations", column: "InvitedByUserId");
        migrationBuilder.CreateIndex(name: "IX_GroupAdministratorInvitations_NormalizedEmail", table: "GroupAdministratorInvitations", column: "NormalizedEmail");
        migrationBuilder.CreateIndex(name: "IX_GroupAdministratorInvitations_TokenHash", table: "GroupAdministratorInvitations", column: "TokenHash", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable("GroupAdministratorInvitations");
}

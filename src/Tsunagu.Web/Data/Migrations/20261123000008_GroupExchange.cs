using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>Needs and offers between groups (ニーズとシーズ), their activity fields, and the introductions the centre brokers.</summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261123000008_GroupExchange")]
public class GroupExchange : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ExchangePosts",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                GroupId = table.Column<int>(nullable: false),
                Direction = table.Column<string>(maxLength: 10, nullable: false),
                Category = table.Column<string>(maxLength: 20, nullable: false),
                Title = table.Column<string>(maxLength: 100, nullable: false),
                Details = table.Column<string>(maxLength: 2000, nullable: false),
                DistrictId = table.Column<int?>(nullable: true),
                Status = table.Column<string>(maxLength: 10, nullable: false),
                IsDemo = table.Column<bool>(nullable: false),
                PostedByUserId = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                SearchText = table.Column<string>(maxLength: 4000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ExchangePosts", x => x.Id);
                table.ForeignKey(
                    name: "FK_ExchangePosts_AspNetUsers_PostedByUserId",
                    column: x => x.PostedByUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_ExchangePosts_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ExchangePosts_Districts_DistrictId",
                    column: x => x.DistrictId,
                    principalTable: "Districts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_ExchangePosts_Groups_GroupId",
                    column: x => x.GroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ExchangeIntroductions",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CityId = table.Column<int>(nullable: false),
                NeedGroupId = table.Column<int>(nullable: false),
                OfferGroupId = table.Column<int>(nullable: false),
                NeedPostId = table.Column<int?>(nullable: true),
                OfferPostId = table.Column<int?>(nullable: true),
                RequestedByUserId = table.Column<string>(nullable: true),
                RequestedAt = table.Column<DateTime?>(nullable: true),
                RequestMessage = table.Column<string>(maxLength: 1000, nullable: true),
                BrokerUserId = table.Column<string>(nullable: true),
                Note = table.Column<string>(maxLength: 1000, nullable: true),
                IntroducedAt = table.Column<DateTime?>(nullable: true),
                Outcome = table.Column<string>(maxLength: 20, nullable: false),
                OutcomeNote = table.Column<string>(maxLength: 1000, nullable: true),
                OutcomeAt = table.Column<DateTime?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ExchangeIntroductions", x => x.Id);
                table.ForeignKey(
                    name: "FK_ExchangeIntroductions_AspNetUsers_BrokerUserId",
                    column: x => x.BrokerUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_ExchangeIntroductions_AspNetUsers_RequestedByUserId",
                    column: x => x.RequestedByUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_ExchangeIntroductions_Cities_CityId",
                    column: x => x.CityId,
                    principalTable: "Cities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ExchangeIntroductions_ExchangePosts_NeedPostId",
                    column: x => x.NeedPostId,
                    principalTable: "ExchangePosts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ExchangeIntroductions_ExchangePosts_OfferPostId",
                    column: x => x.OfferPostId,
                    principalTable: "ExchangePosts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ExchangeIntroductions_Groups_NeedGroupId",
                    column: x => x.NeedGroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ExchangeIntroductions_Groups_OfferGroupId",
                    column: x => x.OfferGroupId,
                    principalTable: "Groups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ExchangePostFields",
            columns: table => new
            {
                PostId = table.Column<int>(nullable: false),
                Field = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ExchangePostFields", x => new { x.PostId, x.Field });
                table.ForeignKey(
                    name: "FK_ExchangePostFields_ExchangePosts_PostId",
                    column: x => x.PostId,
                    principalTable: "ExchangePosts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_ExchangeIntroductions_BrokerUserId", table: "ExchangeIntroductions", column: "BrokerUserId");
        migrationBuilder.CreateIndex(name: "IX_ExchangeIntroductions_CityId_Outcome_OutcomeAt", table: "ExchangeIntroductions", columns: new[] { "CityId", "Outcome", "OutcomeAt" });
        migrationBuilder.CreateIndex(name: "IX_ExchangeIntroductions_NeedGroupId", table: "ExchangeIntroductions", column: "NeedGroupId");
        migrationBuilder.CreateIndex(name: "IX_ExchangeIntroductions_NeedPostId", table: "ExchangeIntroductions", column: "NeedPostId");
        migrationBuilder.CreateIndex(name: "IX_ExchangeIntroductions_OfferGroupId", table: "ExchangeIntroductions", column: "OfferGroupId");
        migrationBuilder.CreateIndex(name: "IX_ExchangeIntroductions_OfferPostId", table: "ExchangeIntroductions", column: "OfferPostId");
        migrationBuilder.CreateIndex(name: "IX_ExchangeIntroductions_RequestedByUserId", table: "ExchangeIntroductions", column: "RequestedByUserId");
        migrationBuilder.CreateIndex(name: "IX_ExchangePostFields_Field_PostId", table: "ExchangePostFields", columns: new[] { "Field", "PostId" });
        migrationBuilder.CreateIndex(name: "IX_ExchangePosts_CityId_Status_Direction", table: "ExchangePosts", columns: new[] { "CityId", "Status", "Direction" });
        migrationBuilder.CreateIndex(name: "IX_ExchangePosts_DistrictId", table: "ExchangePosts", column: "DistrictId");
        migrationBuilder.CreateIndex(name: "IX_ExchangePosts_GroupId", table: "ExchangePosts", column: "GroupId");
        migrationBuilder.CreateIndex(name: "IX_ExchangePosts_PostedByUserId", table: "ExchangePosts", column: "PostedByUserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ExchangeIntroductions");
        migrationBuilder.DropTable("ExchangePostFields");
        migrationBuilder.DropTable("ExchangePosts");
    }
}

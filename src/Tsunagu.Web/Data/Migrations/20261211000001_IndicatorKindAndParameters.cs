using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tsunagu.Web.Data.Migrations;

/// <summary>
/// Indicators carry their kind (count, percentage, amount in yen: the planned path of a count is in whole units), their
/// source's parameters ("type=NPO法人;field=福祉") and when they were retired. The kind of an existing indicator is read
/// from its unit, as the importer reads it when a file does not say (IndicatorKinds.FromUnit).
/// </summary>
[DbContext(typeof(TsunaguDb))]
[Migration("20261211000001_IndicatorKindAndParameters")]
public class IndicatorKindAndParameters : Migration
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";
    private static readonly string[] Columns = ["Kind", "SourceParameters", "RetiredAt"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // The default only fills the existing rows and is dropped on PostgreSQL, as the model has none.
        migrationBuilder.AddColumn<string>(name: "Kind", table: "Indicators", maxLength: 12, nullable: false, defaultValue: "Count");
        if (migrationBuilder.ActiveProvider == Postgres) migrationBuilder.Sql("ALTER TABLE \"Indicators\" ALTER COLUMN \"Kind\" DROP DEFAULT;");
        migrationBuilder.AddColumn<string>(name: "SourceParameters", table: "Indicators", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "RetiredAt", table: "Indicators", nullable: true);
        // The same statements on both databases.
        migrationBuilder.Sql("UPDATE \"Indicators\" SET \"Kind\" = 'Percentage' WHERE TRIM(\"Unit\") IN ('%', '％', 'パーセント');");
        migrationBuilder.Sql("UPDATE \"Indicators\" SET \"Kind\" = 'Yen' WHERE TRIM(\"Unit\") IN ('円', '千円', '万円');");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var column in Columns)
        {
            if (migrationBuilder.ActiveProvider == Postgres) migrationBuilder.DropColumn(name: column, table: "Indicators");
            else migrationBuilder.Sql($"ALTER TABLE \"Indicators\" DROP COLUMN \"{column}\";");
        }
    }
}

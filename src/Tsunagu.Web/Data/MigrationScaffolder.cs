using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Tsunagu.Web.Data;

/// <summary>
/// Design-time tools (dotnet-ef) are not available here, so this prints, as provider-neutral C#,
/// the CreateTable/CreateIndex calls for the tables of the current model that <paramref name="onlyTables"/>
/// names (all when empty). A developer pastes them into a new hand-written migration;
/// the SchemaMatchesModel tests then prove the result on SQLite and PostgreSQL.
/// Run: dotnet run --project src/Tsunagu.Web -- scaffold-migration [Table ...]
/// </summary>
public static class MigrationScaffolder
{
    public static string Scaffold(TsunaguDb db, IReadOnlyCollection<string> onlyTables)
    {
        var differ = db.GetService<IMigrationsModelDiffer>();
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var operations = differ.GetDifferences(null, model)
            .Where(o => onlyTables.Count == 0 || onlyTables.Contains(TableOf(o)));
        var sb = new StringBuilder();
        foreach (var op in operations)
        {
            switch (op)
            {
                case CreateTableOperation t: WriteTable(sb, t); break;
                case CreateIndexOperation i: WriteIndex(sb, i); break;
            }
        }
        return sb.ToString();
    }

    private static string TableOf(MigrationOperation o) => o switch
    {
        CreateTableOperation t => t.Name,
        CreateIndexOperation i => i.Table,
        _ => "",
    };

    private static void WriteTable(StringBuilder sb, CreateTableOperation t)
    {
        sb.AppendLine($"        migrationBuilder.CreateTable(");
        sb.AppendLine(CultureInfo.InvariantCulture, $"            name: {Q(t.Name)},");
        sb.AppendLine($"            columns: table => new");
        sb.AppendLine($"            {{");
        foreach (var c in t.Columns)
        {
            var type = CSharpType(c.ClrType, c.IsNullable);
            var args = new List<string>();
            if (c.MaxLength is { } max) args.Add($"maxLength: {max}");
            if (c.Precision is { } p) args.Add($"precision: {p}");
            if (c.Scale is { } s) args.Add($"scale: {s}");
            args.Add($"nullable: {(c.IsNullable ? "true" : "false")}");
            var line = $"                {c.Name} = table.Column<{type}>({string.Join(", ", args)})";
            if (c[SqliteAutoincrement] is true)
                line += $"\n                    .Annotation({Q(SqliteAutoincrement)}, true)\n                    .Annotation({Q(NpgsqlStrategy)}, Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)";
            sb.AppendLine(line + ",");
        }
        sb.AppendLine($"            }},");
        sb.AppendLine($"            constraints: table =>");
        sb.AppendLine($"            {{");
        if (t.PrimaryKey is { } pk)
            sb.AppendLine(CultureInfo.InvariantCulture, $"                table.PrimaryKey({Q(pk.Name)}, x => {Cols(pk.Columns)});");
        foreach (var uc in t.UniqueConstraints)
            sb.AppendLine(CultureInfo.InvariantCulture, $"                table.UniqueConstraint({Q(uc.Name)}, x => {Cols(uc.Columns)});");
        foreach (var fk in t.ForeignKeys)
        {
            sb.AppendLine($"                table.ForeignKey(");
            sb.AppendLine(CultureInfo.InvariantCulture, $"                    name: {Q(fk.Name)},");
            sb.AppendLine(CultureInfo.InvariantCulture, $"                    column: x => {Cols(fk.Columns)},");
            sb.AppendLine(CultureInfo.InvariantCulture, $"                    principalTable: {Q(fk.PrincipalTable)},");
            sb.AppendLine(CultureInfo.InvariantCulture, $"                    principalColumn: {(fk.PrincipalColumns!.Length == 1 ? Q(fk.PrincipalColumns[0]) : "new[] { " + string.Join(", ", fk.PrincipalColumns.Select(Q)) + " }")},");
            sb.AppendLine(CultureInfo.InvariantCulture, $"                    onDelete: ReferentialAction.{fk.OnDelete});");
        }
        sb.AppendLine($"            }});");
        sb.AppendLine();
    }

    private static void WriteIndex(StringBuilder sb, CreateIndexOperation i)
    {
        var columns = i.Columns.Length == 1 ? Q(i.Columns[0]) : "new[] { " + string.Join(", ", i.Columns.Select(Q)) + " }";
        sb.AppendLine(CultureInfo.InvariantCulture, $"        migrationBuilder.CreateIndex(name: {Q(i.Name)}, table: {Q(i.Table)}, {(i.Columns.Length == 1 ? "column" : "columns")}: {columns}{(i.IsUnique ? ", unique: true" : "")}{(i.Filter is null ? "" : ", filter: " + Q(i.Filter))});");
    }

    private const string SqliteAutoincrement = "Sqlite:Autoincrement";
    private const string NpgsqlStrategy = "Npgsql:ValueGenerationStrategy";

    private static string Cols(string[] columns) =>
        columns.Length == 1 ? $"x.{columns[0]}" : "new { " + string.Join(", ", columns.Select(c => "x." + c)) + " }";

    private static string Q(string s) => "\"" + s.Replace("\"", "\\\"") + "\"";

    private static string CSharpType(Type clr, bool nullable)
    {
        var name = clr switch
        {
            _ when clr == typeof(string) => "string",
            _ when clr == typeof(int) => "int",
            _ when clr == typeof(long) => "long",
            _ when clr == typeof(bool) => "bool",
            _ when clr == typeof(decimal) => "decimal",
            _ when clr == typeof(double) => "double",
            _ when clr == typeof(DateTime) => "DateTime",
            _ when clr == typeof(DateTimeOffset) => "DateTimeOffset",
            _ when clr == typeof(DateOnly) => "DateOnly",
            _ when clr == typeof(TimeOnly) => "TimeOnly",
            _ when clr == typeof(Guid) => "Guid",
            _ when clr == typeof(byte[]) => "byte[]",
            _ => clr.Name,
        };
        return nullable && clr.IsValueType ? name + "?" : name;
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

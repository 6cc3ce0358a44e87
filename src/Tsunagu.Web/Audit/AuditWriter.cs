using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tsunagu.Web.Audit;

/// <summary>
/// Writes audit entries in bulk in the caller's transaction. An import of thousands of rows yields thousands of
/// entries; through the change tracker each would be a tracked entity and a command of its own.
/// </summary>
public static class AuditWriter
{
    /// <summary>The columns written, in order; a test holds them to the AuditEntry mapping.</summary>
    public static readonly string[] Columns = ["CityId", "UserId", "UserEmail", "At", "Action", "EntityType", "EntityKey", "Changes"];

    public static async Task InsertAsync(DatabaseFacade database, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var connection = database.GetDbConnection();
        var transaction = database.CurrentTransaction?.GetDbTransaction();
        if (connection is Npgsql.NpgsqlConnection postgres)
            await CopyAsync(postgres, entries, ct);
        else
            await InsertOneByOneAsync(connection, transaction, entries, ct);
    }

    /// <summary>SQLite runs in-process: one prepared statement, re-bound per row, is its fastest bulk insert.</summary>
    private static async Task InsertOneByOneAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"AuditEntries\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))})";
        var parameters = Columns.Select((_, i) => Parameter(command, $"@p{i}", null)).ToArray();
        command.Parameters.AddRange(parameters);
        foreach (var e in entries)
        {
            object?[] values = [e.CityId, e.UserId, e.UserEmail, e.At, e.Action, e.EntityType, e.EntityKey, e.Changes];
            for (var i = 0; i < values.Length; i++) parameters[i].Value = DbValue(values[i]);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>PostgreSQL's COPY streams every row in one go (it joins the connection's open transaction).</summary>
    private static async Task CopyAsync(Npgsql.NpgsqlConnection connection, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"AuditEntries\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in entries)
        {
            await copy.StartRowAsync(ct);
            if (e.CityId is { } city) await copy.WriteAsync(city, NpgsqlTypes.NpgsqlDbType.Integer, ct); else await copy.WriteNullAsync(ct);
            await copy.WriteAsync(e.UserId, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            if (e.UserEmail is { } email) await copy.WriteAsync(email, NpgsqlTypes.NpgsqlDbType.Varchar, ct); else await copy.WriteNullAsync(ct);
            await copy.WriteAsync(DateTime.SpecifyKind(e.At, DateTimeKind.Utc), NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(e.Action, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.EntityType, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.EntityKey, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.Changes, NpgsqlTypes.NpgsqlDbType.Text, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = DbValue(value);
        return p;
    }

    /// <summary>Times are UTC, written as EF writes them (ISO text in SQLite, timestamptz in PostgreSQL).</summary>
    private static object DbValue(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        _ => value,
    };
}

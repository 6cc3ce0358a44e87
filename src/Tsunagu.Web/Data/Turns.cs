using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Tsunagu.Web.Data;

/// <summary>
/// One way to take turns on a row (docs/adr/0002-taking-turns-on-a-row.md). A write whose rule reads rows that others may
/// be writing at the same moment (seats left, overlapping bookings, an application still open) runs in
/// <see cref="InTurnAsync{T}"/> and first takes the rows its rule depends on with <see cref="TakeAsync{TEntity}"/>:
/// taking a row writes it to itself, so a second writer of the same row waits (PostgreSQL's row lock; SQLite's one
/// write lock) until the first has committed, and only then reads. Rows are always taken in one order, parents first,
/// so that two writers never wait on each other in a circle:
/// city → plan → reporting round → group-administrator invitation → room → equipment item (ascending id) → event → opportunity's shift → opportunity → volunteer → exchange post.
/// </summary>
public static class Turns
{
    /// <summary>
    /// Runs <paramref name="work"/> as one transaction under the provider's execution strategy. What the work wrote is
    /// committed when it returns, unless <paramref name="commitIf"/> says no for its answer (a refusal after a write that
    /// must not stand): then it is rolled back. When a concurrency token shows that someone else changed a row first, the
    /// transaction is rolled back, what was tracked is forgotten, and <paramref name="whenChangedMeanwhile"/> answers
    /// instead (or the exception goes on when there is none).
    /// </summary>
    public static async Task<T> InTurnAsync<T>(this TsunaguDb db, Func<Task<T>> work, CancellationToken ct,
        Func<T>? whenChangedMeanwhile = null, Func<T, bool>? commitIf = null)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var result = await work();
                if (commitIf is null || commitIf(result)) await transaction.CommitAsync(ct);
                else await transaction.RollbackAsync(ct);
                return result;
            });
        }
        catch (DbUpdateConcurrencyException) when (whenChangedMeanwhile is not null)
        {
            db.ChangeTracker.Clear();
            return whenChangedMeanwhile();
        }
    }

    /// <inheritdoc cref="InTurnAsync{T}(TsunaguDb, Func{Task{T}}, CancellationToken, Func{T}?, Func{T, bool}?)"/>
    public static Task InTurnAsync(this TsunaguDb db, Func<Task> work, CancellationToken ct) =>
        db.InTurnAsync(async () => { await work(); return true; }, ct);

    /// <summary>
    /// Saves a change guarded by a concurrency token (an application's or a booking's status): false when someone else
    /// changed the row first, and then everything tracked is forgotten, so nothing half-made is saved later. Inside a
    /// turn the save is part of that turn: a change made meanwhile ends the whole turn (its whenChangedMeanwhile answers).
    /// </summary>
    public static async Task<bool> TrySaveAsync(this TsunaguDb db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>
    /// Takes the rows that match (of the current city): writes each to itself, so that whoever takes them next waits for
    /// this transaction to end. Call it inside <see cref="InTurnAsync{T}"/>, before reading what the rule depends on.
    /// Returns false when no row matched (it is gone, or no longer in the state asked for).
    /// </summary>
    public static async Task<bool> TakeAsync<TEntity>(this TsunaguDb db, Expression<Func<TEntity, bool>> which, CancellationToken ct)
        where TEntity : class
    {
        var key = db.Model.FindEntityType(typeof(TEntity))!.FindPrimaryKey()!.Properties.Single();
        return await db.Set<TEntity>().Where(which).ExecuteUpdateAsync(s => SetToItself(s, key.Name, key.ClrType), ct) > 0;
    }

    private static void SetToItself<TEntity>(UpdateSettersBuilder<TEntity> setters, string property, Type type) where TEntity : class
    {
        if (type == typeof(int)) setters.SetProperty(e => EF.Property<int>(e, property), e => EF.Property<int>(e, property));
        else if (type == typeof(long)) setters.SetProperty(e => EF.Property<long>(e, property), e => EF.Property<long>(e, property));
        else throw new NotSupportedException($"{typeof(TEntity).Name}'s key is a {type.Name}; rows taken in turn have int or long keys.");
    }
}

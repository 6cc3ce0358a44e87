using Tsunagu.Web.Data;

namespace Tsunagu.Web.Features.Spaces;

public static class SpaceTurns
{
    /// <summary>
    /// Saves a change guarded by a concurrency token (a booking's or a rental's status) as one turn: false when someone else
    /// changed the row first, and then nothing of it is saved and everything tracked is forgotten. Called inside a caller's
    /// turn (another feature releasing rooms with its own change), the save is part of that turn, and a change made
    /// meanwhile ends the whole of it.
    /// </summary>
    public static async Task<bool> SaveUnlessChangedAsync(this TsunaguDb db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        return await db.InTurnAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            return true;
        }, ct, whenChangedMeanwhile: () => false);
    }
}

using Tsunagu.Web.Data;

namespace Tsunagu.Web.Features.Spaces;

public static class SpaceTurns
{
    /// <summary>
    /// Saves a change guarded by a concurrency token (a booking's or a rental's status) as one turn: false when someone else
    /// changed the row first, and then nothing of it is saved and everything tracked is forgotten.
    /// </summary>
    public static Task<bool> SaveUnlessChangedAsync(this TsunaguDb db, CancellationToken ct) =>
        db.InTurnAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            return true;
        }, ct, whenChangedMeanwhile: () => false);
}

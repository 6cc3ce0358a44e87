using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events;

/// <summary>
/// Per instance, how many registration transactions run at once. They queue on the event's row in the database anyway;
/// waiting here instead keeps a burst (1,000 people at once) from holding every pooled connection while it waits.
/// SQLite has one writer at a time and its driver waits for the lock by sleeping a thread, so there one at a time
/// waits here, without a thread; PostgreSQL queues on the row lock without blocking threads, so a few run at once.
/// </summary>
public sealed class RegistrationGate(int slotCount) : IDisposable
{
    private readonly SemaphoreSlim slots = new(slotCount);
    public Task WaitAsync(CancellationToken ct) => slots.WaitAsync(ct);
    public void Release() => slots.Release();
    public void Dispose() => slots.Dispose();
}

/// <summary>
/// The outcome of a registration step: the registration, or the problems that refused it, with why for the API
/// (<see cref="NotFound"/> 404, <see cref="Conflict"/> 409, <see cref="Ineligible"/> 403).
/// </summary>
public sealed record RegistrationResult(EventRegistration? Registration, Problems Problems, bool NotFound = false, bool Conflict = false, bool Ineligible = false)
{
    public bool Succeeded => Problems.Ok && !NotFound;

    public static implicit operator RegistrationResult(EventRegistration registration) => new(registration, Problems.None);

    /// <summary>Refused, for the form as a whole unless a field is named.</summary>
    public static RegistrationResult Refused(string message, string field = "", bool notFound = false, bool conflict = false, bool ineligible = false) =>
        new(null, Problems.Of(field, message), notFound, conflict, ineligible);
}

/// <summary>
/// People's registrations: register (confirmed while places remain, else waitlisted), cancel, promotion from the
/// waitlist, check-in at the door, and a leaving person's places given back. An event's <see cref="Event.Confirmed"/>
/// only grows through one conditional UPDATE (…WHERE Confirmed &lt; Capacity) and waitlist positions come from
/// <see cref="Event.WaitlistIssued"/>, both inside the transaction that writes the registration. Every change to an
/// event's registrations first writes the event's row, which orders them (row lock on PostgreSQL, write lock on SQLite):
/// no overfilling, no gaps or duplicates in the queue.
/// </summary>
public class EventRegistrations(
    TsunaguDb db, TimeProvider clock, CurrentCity city, Outbox outbox, PublicLinks links, Text t, RegistrationGate gate, EventCatalog catalog)
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Why a new registration would be refused now, or null while it is open.</summary>
    public string? ClosedReason(Event e)
    {
        var now = Now;
        if (e.Status == EventStatus.PendingApproval) return t["このイベントはセンターの承認待ちのため、まだ申し込めません。"];
        if (e.Status == EventStatus.Rejected) return t["このイベントは公開されていません。"];
        if (e.Status != EventStatus.Published) return t["このイベントは中止になりました。"];
        if (now < e.RegistrationOpensAt) return t["申込の受付はまだ始まっていません。"];
        if (now >= e.RegistrationClosesAt || e.StartsAt <= now) return t["申込の受付は終了しました。"];
        return null;
    }

    /// <summary>Why this person may not register for this event (it is for others), or null.</summary>
    public async Task<string?> IneligibleReasonAsync(Event e, string userId, CancellationToken ct = default)
    {
        switch (e.Eligibility)
        {
            case EventEligibility.GroupMembers when !await db.Groups.AnyAsync(g => g.Status == GroupStatus.Approved && g.Administrators.Any(a => a.UserId == userId), ct):
                return t["このイベントは登録団体の方が対象です。つなぐで登録団体の管理者になっている方が申し込めます。"];
            case EventEligibility.OneGroup when e.EligibleGroupId is not { } groupId || !await catalog.LeadsAsync(groupId, userId, ct):
                var name = await db.Groups.Where(g => g.Id == e.EligibleGroupId).Select(g => g.Name).FirstOrDefaultAsync(ct) ?? "";
                return t["このイベントは「{0}」の方が対象です。つなぐでこの団体の管理者になっている方が申し込めます。", name];
            default:
                return null;
        }
    }

    /// <summary>
    /// A person registers: confirmed while places remain, else waitlisted in arrival order. Only who the event is for may
    /// register; for residents only, the person declares it (<paramref name="declaresResident"/>, its problem's field).
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(int eventId, string userId, bool declaresResident = false, CancellationToken ct = default)
    {
        var e = await catalog.FindAsync(eventId, ct);
        if (e is null || e.Status is EventStatus.PendingApproval or EventStatus.Rejected) return RegistrationResult.Refused(t["イベントが見つかりません。"], notFound: true);
        var now = Now;
        if (ClosedReason(e) is { } closed) return RegistrationResult.Refused(closed);
        if (await IneligibleReasonAsync(e, userId, ct) is { } ineligible) return RegistrationResult.Refused(ineligible, ineligible: true);
        if (e.Eligibility == EventEligibility.Residents && !declaresResident)
            return RegistrationResult.Refused(t["このイベントは{0}に住んでいる方、市内に通勤・通学している方が対象です。当てはまることを確認してください。", city.Required.Name], "DeclaresResident");
        var earlier = await db.Set<EventRegistration>().FirstOrDefaultAsync(r => r.EventId == eventId && r.UserId == userId, ct);
        if (earlier is not null && earlier.Status != RegistrationStatus.Cancelled) return AlreadyRegistered();

        // Registrations for one event take turns on its row anyway: a burst waits here, not holding a pooled connection.
        await gate.WaitAsync(ct);
        try
        {
            return await db.InTurnAsync<RegistrationResult>(async () =>
            {
                // The one place a seat is taken; it writes the event's row, which orders concurrent registrations, and a
                // cancellation that got there first leaves nothing to take.
                var took = await db.Set<Event>().Where(x => x.Id == eventId && x.Status == EventStatus.Published && x.Confirmed < x.Capacity)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => x.Confirmed + 1), ct);
                int? position = null;
                if (took == 0)
                {
                    var queued = await db.Set<Event>().Where(x => x.Id == eventId && x.Status == EventStatus.Published)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.WaitlistIssued, x => x.WaitlistIssued + 1), ct);
                    if (queued == 0) return RegistrationResult.Refused(t["このイベントは中止になりました。"]); // nothing was written
                    position = await db.Set<Event>().Where(x => x.Id == eventId).Select(x => x.WaitlistIssued).FirstAsync(ct);
                }
                var r = earlier ?? new EventRegistration { EventId = eventId, UserId = userId, Code = "" };
                r.Status = took == 1 ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
                r.Position = position;
                r.Code = NewCode();
                r.CreatedAt = now;
                r.PromotedAt = null;
                r.CancelledAt = null;
                r.CheckedInAt = null;
                r.DeclaredResident = e.Eligibility == EventEligibility.Residents && declaresResident;
                if (earlier is null) db.Add(r);
                await db.SaveChangesAsync(ct); // Status is a concurrency token: the same person's second request got there first.
                return r;
            }, ct, whenChangedMeanwhile: AlreadyRegistered);
        }
        catch (DbUpdateException)
        {
            // The unique (event, person) index: the same person's second request arrived at the same moment.
            db.ChangeTracker.Clear();
            return AlreadyRegistered();
        }
        finally
        {
            gate.Release();
        }
    }

    private RegistrationResult AlreadyRegistered() => RegistrationResult.Refused(t["このイベントにはすでに申し込んでいます。"], conflict: true);

    /// <summary>A person cancels; a confirmed place goes to the first on the waitlist, who is told by e-mail.</summary>
    public async Task<RegistrationResult> CancelAsync(int eventId, string userId, CancellationToken ct = default)
    {
        var r = await db.Set<EventRegistration>().FirstOrDefaultAsync(x => x.EventId == eventId && x.UserId == userId, ct);
        if (r is null) return RegistrationResult.Refused(t["申込が見つかりません。"], notFound: true);
        if (r.Status is not (RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted)) return RegistrationResult.Refused(t["この申込は取り消せません。"]);
        var e = (await catalog.FindAsync(eventId, ct))!;
        if (catalog.HasStarted(e)) return RegistrationResult.Refused(t["始まったイベントの申込は取り消せません。"]);
        if (await GiveUpAsync(r, promote: true, ct) is not { } promoted)
            return RegistrationResult.Refused(t["申込の状態が変わりました。もう一度お確かめください。"], conflict: true);
        await TellPromotedAsync(e, promoted, ct);
        return r;
    }

    /// <summary>
    /// Before an account is deleted, in the registration's city: a place held is given up and goes to the first waiting
    /// (unless the event has started), so no seat is lost with the account and the counter stays true.
    /// </summary>
    public async Task ReleaseAsync(int registrationId, CancellationToken ct = default)
    {
        // Changed meanwhile (a promotion, a check-in): read again, and give up what is still held.
        while (await db.Set<EventRegistration>().FirstOrDefaultAsync(x => x.Id == registrationId
                   && (x.Status == RegistrationStatus.Confirmed || x.Status == RegistrationStatus.Waitlisted), ct) is { } r)
        {
            var e = (await catalog.FindAsync(r.EventId, ct))!;
            if (await GiveUpAsync(r, promote: !catalog.HasStarted(e), ct) is not { } promoted) continue;
            await TellPromotedAsync(e, promoted, ct);
            return;
        }
    }

    /// <summary>
    /// In turn on the event's row: the registration is cancelled, and a confirmed place is given back and (when
    /// <paramref name="promote"/>) goes to those waiting. Returns who was promoted, or null when the registration changed meanwhile.
    /// </summary>
    private Task<List<EventRegistration>?> GiveUpAsync(EventRegistration r, bool promote, CancellationToken ct)
    {
        var wasConfirmed = r.Status == RegistrationStatus.Confirmed;
        return db.InTurnAsync<List<EventRegistration>?>(async () =>
        {
            if (wasConfirmed)
                await db.Set<Event>().Where(x => x.Id == r.EventId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => x.Confirmed - 1), ct);
            else
                await db.TakeAsync<Event>(x => x.Id == r.EventId, ct);
            r.Status = RegistrationStatus.Cancelled;
            r.CancelledAt = Now;
            await db.SaveChangesAsync(ct); // Status is a concurrency token: a promotion or check-in in between fails this and rolls back.
            return wasConfirmed && promote ? await PromoteAsync(r.EventId, ct) : [];
        }, ct, whenChangedMeanwhile: () => null);
    }

    /// <summary>Inside the caller's turn, after it has written the event's row: fills free places from the waitlist in order.</summary>
    internal async Task<List<EventRegistration>> PromoteAsync(int eventId, CancellationToken ct)
    {
        var promoted = new List<EventRegistration>();
        while (true)
        {
            var next = await db.Set<EventRegistration>().Where(x => x.EventId == eventId && x.Status == RegistrationStatus.Waitlisted)
                .OrderBy(x => x.Position).FirstOrDefaultAsync(ct);
            if (next is null) break;
            var took = await db.Set<Event>().Where(x => x.Id == eventId && x.Status == EventStatus.Published && x.Confirmed < x.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => x.Confirmed + 1), ct);
            if (took == 0) break;
            next.Status = RegistrationStatus.Confirmed;
            next.PromotedAt = Now;
            await db.SaveChangesAsync(ct);
            promoted.Add(next);
        }
        return promoted;
    }

    /// <summary>After the promotion is committed: each person promoted is told their place is confirmed.</summary>
    internal async Task TellPromotedAsync(Event e, List<EventRegistration> promoted, CancellationToken ct)
    {
        if (promoted.Count == 0) return;
        var ids = promoted.Select(p => p.UserId).ToList();
        var emails = await db.Users.Where(u => ids.Contains(u.Id) && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        foreach (var email in emails)
            outbox.Enqueue(email, t["【つなぐ】「{0}」の参加が確定しました", e.Title],
                t["キャンセル待ちをしていた「{0}」（{1}）に空きが出たため、参加が確定しました。受付コードは申込一覧で確認できます。\n\n{2}",
                    e.Title, e.StartsAt is { } s ? Display.Tokyo(s) : "", links.For($"/{city.Required.Slug}/events/mine")]);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Staff check a person in at the door by their registration code (the problems' field).</summary>
    public async Task<RegistrationResult> CheckInAsync(int eventId, string code, CancellationToken ct = default)
    {
        var normalised = (code ?? "").Trim().ToUpperInvariant().Replace("-", "").Replace(" ", "");
        var r = await db.Set<EventRegistration>().FirstOrDefaultAsync(x => x.EventId == eventId && x.Code == normalised, ct);
        if (r is null) return RegistrationResult.Refused(t["この受付コードの申込はありません。"], "Code");
        if (r.Status == RegistrationStatus.Attended) return RegistrationResult.Refused(t["この方はすでに受付済みです。"], "Code");
        if (r.Status != RegistrationStatus.Confirmed)
            return RegistrationResult.Refused(r.Status == RegistrationStatus.Waitlisted ? t["この方はキャンセル待ちです。参加は確定していません。"] : t["この申込は取り消されています。"], "Code");
        r.Status = RegistrationStatus.Attended;
        r.CheckedInAt = Now;
        return await db.InTurnAsync<RegistrationResult>(async () =>
        {
            await db.SaveChangesAsync(ct); // Status is a concurrency token: cancelled or checked in meanwhile, this fails.
            return r;
        }, ct, whenChangedMeanwhile: () => RegistrationResult.Refused(t["申込の状態が変わりました。もう一度お確かめください。"], "Code"));
    }

    /// <summary>A registration code: 8 characters people can read out and type at the door (no 0/O, 1/I).</summary>
    internal static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, 8);
}

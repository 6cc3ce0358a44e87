using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>
/// Lockers and mailboxes rented by registered groups for a fiscal year. The rules that must hold under any concurrency
/// (a locker in one live rental per year; one live application per group, kind and year) are unique indexes: a write that
/// would break one fails, and is answered with the same clear message the check before it gives.
/// </summary>
public class LockerService(TsunaguDb db, Outbox outbox, PublicLinks links, CurrentCity city, Text t, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public FiscalYear ThisYear => FiscalYear.Of(Display.Today(clock));

    /// <summary>
    /// Until the end of February, a locker rented this year is kept for its group to renew for next year (継続優先):
    /// groups move their things out only if they leave, so another group may pick the number once the date has passed.
    /// </summary>
    public DateOnly RenewalPriorityUntil => new DateOnly(ThisYear.StartYear + 1, 3, 1).AddDays(-1);

    /// <summary>Groups apply for this fiscal year or the next.</summary>
    public FiscalYear[] OpenYears => [ThisYear, new(ThisYear.StartYear + 1)];

    public Task<List<Locker>> LockersAsync(bool activeOnly = false, CancellationToken ct = default) =>
        db.Set<Locker>().AsNoTracking().Where(l => !activeOnly || l.Active).OrderBy(l => l.Kind).ThenBy(l => l.Label).ToListAsync(ct);

    /// <summary>Lockers in a live rental for the year (applied with the locker picked or assigned, or confirmed).</summary>
    public async Task<HashSet<int>> TakenAsync(int year, CancellationToken ct = default) =>
        [.. await db.Set<LockerRental>().Where(r => r.FiscalYear == year && r.LockerId != null && r.Status != LockerRentalStatus.Cancelled)
            .Select(r => r.LockerId!.Value).ToListAsync(ct)];

    public sealed record Availability(LockerKind Kind, int Total, int FreeThisYear, int FreeNextYear, int MinFee, int MaxFee);

    /// <summary>How many active lockers of each kind are free this year and next: what the public page shows (no group names).</summary>
    public async Task<(List<Locker> Lockers, HashSet<int> TakenThisYear, HashSet<int> TakenNextYear, List<Availability> ByKind)> AvailabilityAsync(CancellationToken ct = default)
    {
        var lockers = await LockersAsync(activeOnly: true, ct);
        var (now, next) = (await TakenAsync(OpenYears[0].StartYear, ct), await TakenAsync(OpenYears[1].StartYear, ct));
        var byKind = lockers.GroupBy(l => l.Kind).OrderBy(g => g.Key)
            .Select(g => new Availability(g.Key, g.Count(), g.Count(l => !now.Contains(l.Id)), g.Count(l => !next.Contains(l.Id)), g.Min(l => l.AnnualFeeYen), g.Max(l => l.AnnualFeeYen)))
            .ToList();
        return (lockers, now, next, byKind);
    }

    /// <summary>Approved groups the person administers: the groups they may apply for.</summary>
    public Task<List<Group>> GroupsOfAsync(string userId, CancellationToken ct = default) =>
        (from a in db.Set<GroupAdministrator>()
         join g in db.Groups on a.GroupId equals g.Id
         where a.UserId == userId && g.Status == GroupStatus.Approved
         orderby g.NameKana
         select g).AsNoTracking().ToListAsync(ct);

    public sealed record RentalRow(LockerRental Rental, string Group, Locker? Locker, string? Applicant);

    /// <summary>Rentals of the groups the person administers, newest year first. Nobody sees another group's.</summary>
    public async Task<List<RentalRow>> ForAdministratorAsync(string userId, CancellationToken ct = default)
    {
        var groupIds = db.Set<GroupAdministrator>().Where(a => a.UserId == userId).Select(a => a.GroupId);
        return await RowsAsync(db.Set<LockerRental>().Where(r => groupIds.Contains(r.GroupId)), ct);
    }

    /// <summary>The rental if the person administers its group; null otherwise (another group's is not found).</summary>
    public Task<LockerRental?> FindForAdministratorAsync(int id, string userId, CancellationToken ct = default) =>
        db.Set<LockerRental>().FirstOrDefaultAsync(r => r.Id == id && db.Set<GroupAdministrator>().Any(a => a.GroupId == r.GroupId && a.UserId == userId), ct);

    public async Task<List<RentalRow>> RowsAsync(IQueryable<LockerRental> query, CancellationToken ct = default)
    {
        var rows = await (from r in query
                          join g in db.Groups on r.GroupId equals g.Id
                          join l in db.Set<Locker>() on r.LockerId equals l.Id into picked
                          from l in picked.DefaultIfEmpty()
                          join u in db.Users on r.ApplicantUserId equals u.Id into who
                          from u in who.DefaultIfEmpty()
                          orderby r.FiscalYear descending, r.Kind, r.AppliedAt
                          select new { r, g.Name, l, Who = u == null ? null : u.DisplayName + "（" + u.Email + "）" })
            .AsNoTracking().Take(500).ToListAsync(ct);
        return [.. rows.Select(x => new RentalRow(x.r, x.Name, x.l, x.Who))];
    }

    public sealed record Application(int? GroupId, LockerKind? Kind, int? FiscalYear, int? LockerId, string? Note);

    /// <summary>
    /// A group's administrator applies for a locker or mailbox for a year, optionally picking a free one. Every problem is
    /// returned by field; nothing is written unless there is none.
    /// </summary>
    public async Task<Result<LockerRental>> ApplyAsync(string userId, Application a, CancellationToken ct = default)
    {
        // Lockers are the centre's: a city without one yet lends none.
        if (SpaceService.NotLendingIn(city.City, t) is { } notLending) return Problems.Of("", notLending);
        var problems = new Problems();
        var groups = await GroupsOfAsync(userId, ct);
        if (a.GroupId is not { } groupId || groups.All(g => g.Id != groupId)) problems.Add("GroupId", t["管理者になっている登録団体を選んでください。"]);
        if (a.Kind is not { } kind || !Enum.IsDefined(kind)) problems.Add("Kind", t["ロッカーかレターケースかを選んでください。"]);
        if (a.FiscalYear is not { } year || OpenYears.All(y => y.StartYear != year))
            problems.Add("FiscalYear", t["申し込めるのは{0}と{1}です。", OpenYears[0].ToJapanese(), OpenYears[1].ToJapanese()]);
        if (a.Note is { Length: > 200 }) problems.Add("Note", t["連絡事項は200文字以内にしてください。"]);
        Locker? locker = null;
        if (a.LockerId is > 0 && a.Kind is { } k)
        {
            locker = await db.Set<Locker>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == a.LockerId && l.Active, ct);
            if (locker is null || locker.Kind != k) problems.Add("LockerId", t["選んだ番号は、この種類では申し込めません。"]);
        }
        if (problems.Count > 0) return problems;
        if (await HeldByGroupAsync(a.GroupId!.Value, a.Kind!.Value, a.FiscalYear!.Value, ct) is { } held) return Problems.Of("Kind", held);
        if (locker is not null && await TakenMessageAsync(locker, a.FiscalYear!.Value, null, ct) is { } taken) return Problems.Of("LockerId", taken);
        if (locker is not null && await RenewalHoldAsync(locker, a.FiscalYear!.Value, a.GroupId!.Value, ct) is { } hold) return Problems.Of("LockerId", hold);

        var rental = new LockerRental
        {
            GroupId = a.GroupId!.Value,
            ApplicantUserId = userId,
            Kind = a.Kind!.Value,
            FiscalYear = a.FiscalYear!.Value,
            LockerId = locker?.Id,
            FeeYen = locker?.AnnualFeeYen ?? 0,
            Status = LockerRentalStatus.Applied,
            Note = string.IsNullOrWhiteSpace(a.Note) ? null : a.Note.Trim(),
            AppliedAt = Now,
        };
        db.Add(rental);
        try
        {
            await db.SaveChangesAsync(ct);
            return rental;
        }
        catch (DbUpdateException)
        {
            // Another request took the locker or made the group's application at the same moment: the unique index refused this one.
            db.ChangeTracker.Clear();
            if (await HeldByGroupAsync(rental.GroupId, rental.Kind, rental.FiscalYear, ct) is { } held2) return Problems.Of("Kind", held2);
            if (locker is not null && await TakenMessageAsync(locker, rental.FiscalYear, null, ct) is { } taken2) return Problems.Of("LockerId", taken2);
            throw;
        }
    }

    /// <summary>Staff assign (or change) the locker of an application that is not yet paid.</summary>
    public async Task<string?> AssignAsync(LockerRental rental, int lockerId, CancellationToken ct = default)
    {
        if (rental.Status != LockerRentalStatus.Applied) return t["支払い済みか取り消された申し込みには、割り当てられません。"];
        var locker = await db.Set<Locker>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == lockerId && l.Active, ct);
        if (locker is null || locker.Kind != rental.Kind) return t["申し込みと同じ種類の、使える番号を選んでください。"];
        if (await TakenMessageAsync(locker, rental.FiscalYear, rental.Id, ct) is { } taken) return taken;
        rental.LockerId = locker.Id;
        rental.FeeYen = locker.AnnualFeeYen;
        try
        {
            return await db.TrySaveAsync(ct) ? null : ChangedMeanwhile;
        }
        catch (DbUpdateException)
        {
            // The unique index refused it: another application took the locker at the same moment.
            db.ChangeTracker.Clear();
            return await TakenMessageAsync(locker, rental.FiscalYear, rental.Id, ct) ?? throw new InvalidOperationException("Assigning the locker failed.");
        }
    }

    /// <summary>Staff record the payment at the counter: the rental is confirmed and the group's administrator is e-mailed.</summary>
    public async Task<string?> ConfirmAsync(LockerRental rental, DateOnly? paidOn, CancellationToken ct = default)
    {
        if (rental.Status != LockerRentalStatus.Applied) return t["この申し込みは、もう確定しているか取り消されています。"];
        if (rental.LockerId is null) return t["先に番号を割り当ててください。"];
        if (paidOn is null) return t["支払日を入力してください。"];
        if (paidOn > Display.Today(clock)) return t["支払日に先の日付は入力できません。"];
        rental.Status = LockerRentalStatus.Confirmed;
        rental.PaidOn = paidOn;
        rental.ConfirmedAt = Now;
        var locker = await db.Set<Locker>().AsNoTracking().FirstAsync(l => l.Id == rental.LockerId, ct);
        var group = await db.Groups.AsNoTracking().FirstAsync(g => g.Id == rental.GroupId, ct);
        foreach (var email in await RecipientsAsync(rental, group, ct))
            outbox.Enqueue(email, t["【つなぐ】{0}の利用が決まりました", t[LockerTexts.Kind(rental.Kind)]],
                t["{0}の{1}の{2}「{3}」について、利用料{4}円のお支払い（{5}）を受け付けました。利用が決まりました。\n\n{6}",
                    group.Name, new FiscalYear(rental.FiscalYear).ToJapanese(), t[LockerTexts.Kind(rental.Kind)], locker.Label,
                    rental.FeeYen.ToString("N0", CultureInfo.CurrentCulture), Display.Date(paidOn.Value), links.For($"/{city.Required.Slug}/spaces/lockers/mine")]);
        return await db.TrySaveAsync(ct) ? null : ChangedMeanwhile;
    }

    /// <summary>Staff cancel any live rental; a group's administrator cancels one not yet paid. The locker is free again.</summary>
    public async Task<bool> CancelAsync(LockerRental rental, bool byStaff, CancellationToken ct = default)
    {
        if (rental.Status == LockerRentalStatus.Cancelled || (!byStaff && rental.Status != LockerRentalStatus.Applied)) return false;
        rental.Status = LockerRentalStatus.Cancelled;
        rental.CancelledAt = Now;
        return await db.TrySaveAsync(ct);
    }

    public sealed record Renewal(RentalRow ThisYear, LockerRental? NextYear, Locker? NextLocker);

    /// <summary>At year end: this year's confirmed rentals, each with the group's application for next year (if any).</summary>
    public async Task<List<Renewal>> RenewalsAsync(CancellationToken ct = default)
    {
        var (now, next) = (OpenYears[0].StartYear, OpenYears[1].StartYear);
        var current = await RowsAsync(db.Set<LockerRental>().Where(r => r.FiscalYear == now && r.Status == LockerRentalStatus.Confirmed), ct);
        var following = await db.Set<LockerRental>().AsNoTracking().Where(r => r.FiscalYear == next && r.Status != LockerRentalStatus.Cancelled).ToListAsync(ct);
        var lockers = (await LockersAsync(false, ct)).ToDictionary(l => l.Id);
        return [.. current.OrderBy(r => r.Locker?.Label).Select(r =>
        {
            var n = following.FirstOrDefault(f => f.GroupId == r.Rental.GroupId && f.Kind == r.Rental.Kind);
            return new Renewal(r, n, n?.LockerId is { } id ? lockers.GetValueOrDefault(id) : null);
        })];
    }

    /// <summary>Adds a locker or mailbox; the label is unique in the city.</summary>
    public async Task<Problems> SaveLockerAsync(Locker? existing, string? label, LockerKind? kind, string? notes, int? fee, bool active, CancellationToken ct = default)
    {
        var problems = new Problems();
        label = label?.Trim();
        if (string.IsNullOrEmpty(label)) problems.Add("Label", t["番号を入力してください。"]);
        else if (label.Length > 20) problems.Add("Label", t["番号は20文字以内にしてください。"]);
        else if (await db.Set<Locker>().AnyAsync(l => l.Label == label && (existing == null || l.Id != existing.Id), ct)) problems.Add("Label", t["番号「{0}」はすでにあります。", label]);
        if (kind is not { } k || !Enum.IsDefined(k)) problems.Add("Kind", t["ロッカーかレターケースかを選んでください。"]);
        if (notes is { Length: > 200 }) problems.Add("Notes", t["大きさ・備考は200文字以内にしてください。"]);
        if (fee is null or < 0 or > 1_000_000) problems.Add("AnnualFeeYen", t["年間の利用料は0〜1,000,000円で入力してください。"]);
        if (existing is not null && kind != existing.Kind
            && await db.Set<LockerRental>().AnyAsync(r => r.LockerId == existing.Id && r.Status != LockerRentalStatus.Cancelled, ct))
            problems.Add("Kind", t["申し込みのある番号は、種類を変えられません。"]);
        if (problems.Count > 0) return problems;
        var locker = existing ?? db.Add(new Locker { Label = label! }).Entity;
        locker.Label = label!;
        locker.Kind = kind!.Value;
        locker.Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        locker.AnnualFeeYen = fee!.Value;
        locker.Active = active;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Problems.Of("Label", t["番号「{0}」はすでにあります。", label!]);
        }
        return Problems.None;
    }

    private string ChangedMeanwhile => t["ほかの職員が同時に更新しました。画面を開き直してください。"];

    private async Task<string?> HeldByGroupAsync(int groupId, LockerKind kind, int year, CancellationToken ct) =>
        await db.Set<LockerRental>().AnyAsync(r => r.GroupId == groupId && r.Kind == kind && r.FiscalYear == year && r.Status != LockerRentalStatus.Cancelled, ct)
            ? t["この団体は{0}の{1}をすでに申し込んでいます（1団体につき1つです）。", new FiscalYear(year).ToJapanese(), t[LockerTexts.Kind(kind)]]
            : null;

    private async Task<string?> RenewalHoldAsync(Locker locker, int year, int groupId, CancellationToken ct)
    {
        if (year != ThisYear.StartYear + 1 || Display.Today(clock) > RenewalPriorityUntil) return null;
        var heldForRenewal = await db.Set<LockerRental>().AnyAsync(r => r.LockerId == locker.Id && r.FiscalYear == ThisYear.StartYear
            && r.Status == LockerRentalStatus.Confirmed && r.GroupId != groupId, ct);
        return heldForRenewal
            ? t["「{0}」は、今年度使っている団体の継続の申し込みを{1}まで優先しています。ほかの番号を選んでください。", locker.Label, Display.Date(RenewalPriorityUntil)]
            : null;
    }

    private async Task<string?> TakenMessageAsync(Locker locker, int year, int? exceptRentalId, CancellationToken ct) =>
        await db.Set<LockerRental>().AnyAsync(r => r.LockerId == locker.Id && r.FiscalYear == year && r.Status != LockerRentalStatus.Cancelled && r.Id != exceptRentalId, ct)
            ? t["{0}の「{1}」は、すでにほかの団体に貸し出しています。ほかの番号を選んでください。", new FiscalYear(year).ToJapanese(), locker.Label]
            : null;

    /// <summary>Who hears of the confirmation: the administrator who applied, or the group's administrators if that account is gone.</summary>
    private async Task<List<string>> RecipientsAsync(LockerRental rental, Group owner, CancellationToken ct)
    {
        var applicant = await db.Users.Where(u => u.Id == rental.ApplicantUserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (applicant is not null) return [applicant];
        var admins = await db.AdministratorEmailsAsync(owner.Id, ct);
        return admins.Count > 0 ? admins : [owner.RepresentativeEmail];
    }
}

public static class LockerTexts
{
    public static string Kind(LockerKind kind) => kind == LockerKind.Mailbox ? "レターケース" : "ロッカー";

    public static string Status(LockerRental r) => r.Status switch
    {
        LockerRentalStatus.Applied when r.LockerId is null => "申し込み受付（番号の割り当て待ち）",
        LockerRentalStatus.Applied => "仮押さえ（窓口での支払い待ち）",
        LockerRentalStatus.Confirmed => "確定（支払い済み）",
        _ => "取り消し",
    };
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>
/// The outcome of a step in an application's life: done, or refused with the problems (for the shift, the message or the
/// hours). <see cref="Full"/>: refused because the shift filled; <see cref="NotFound"/>: the shift or opportunity is gone.
/// </summary>
public sealed record ApplicationResult(ShiftApplication? Application, Problems Problems, bool Full = false, bool NotFound = false)
{
    public bool Succeeded => Problems.Ok;

    public static ApplicationResult Done(ShiftApplication application) => new(application, Problems.None);
    public static ApplicationResult Refused(ShiftApplication? application, string message, string field = "") => new(application, Problems.Of(field, message));
}

/// <summary>
/// The life of an application to a volunteer shift, a state machine: applied (or invited) → confirmed (a matching),
/// declined, withdrawn, or closed when the shift fills or the opportunity closes; after the shift, attendance and hours
/// recorded by the organiser and confirmed by the volunteer. A shift's <see cref="Shift.Confirmed"/> count only grows
/// through one conditional UPDATE (…WHERE Confirmed &lt; Places), in the same transaction as the application it confirms,
/// so no amount of concurrency overfills a shift on SQLite or PostgreSQL. Every step that depends on other rows takes the
/// shift's, the opportunity's and the volunteer's rows first, in that order (<see cref="Turns"/>).
/// </summary>
public class ApplicationStateMachine(TsunaguDb db, TimeProvider clock, CurrentCity city, Outbox outbox, PublicLinks links, Text t)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private string Slug => city.Required.Slug;

    public const int MaxMessageLength = 500;

    /// <summary>A volunteer applies for a shift.</summary>
    public async Task<ApplicationResult> ApplyAsync(Volunteer volunteer, int opportunityId, int shiftId, string? message, CancellationToken ct = default)
    {
        if (message?.Trim() is { Length: > MaxMessageLength })
            return ApplicationResult.Refused(null, t["ひとことは{0}文字以内にしてください。", MaxMessageLength], "Message");
        var (opportunity, shift, refusal) = await OpenShiftAsync(opportunityId, shiftId, ct);
        if (refusal is not null) return refusal;
        if (CanTakePart(volunteer, opportunity!) is { } problem) return problem;
        var now = Now;
        var result = await db.InTurnAsync(async () =>
        {
            if (await TakeShiftAndVolunteerAsync(opportunityId, shiftId, volunteer.Id, "Shift", ct) is { } gone) return gone;
            // One row per person and shift: one withdrawn or closed is opened again, any other answer stands.
            var earlier = await db.Set<ShiftApplication>().FirstOrDefaultAsync(a => a.ShiftId == shiftId && a.VolunteerId == volunteer.Id, ct);
            if (earlier is not null && earlier.Status is not (ApplicationStatus.Withdrawn or ApplicationStatus.Full or ApplicationStatus.Closed))
                return ApplicationResult.Refused(null, earlier.Status == ApplicationStatus.Declined ? t["この回への応募は見送られています。"] : t["この回にはすでに応募しています。"], "Shift");
            if (await OverlappingAsync(volunteer.Id, shift!, confirmedOnly: false, ct) is { } other)
                return ApplicationResult.Refused(null, t["同じ時間帯の「{0}」にすでに応募または参加が決まっています。", other], "Shift");
            if (await IsFullAsync(shiftId, ct)) return FullUp(null, "Shift");
            var a = earlier ?? new ShiftApplication { ShiftId = shiftId, OpportunityId = opportunityId, VolunteerId = volunteer.Id };
            a.Status = ApplicationStatus.Applied;
            a.Invited = false;
            a.Message = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
            a.CreatedAt = now;
            a.DecidedAt = null;
            a.MatchedAt = null;
            if (earlier is null) db.Add(a);
            await db.SaveChangesAsync(ct);
            return ApplicationResult.Done(a);
        }, ct);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return result;
        }
        await NotifyOrganiserAsync(opportunity!, t["【つなぐ】「{0}」に応募がありました", opportunity!.Title],
            t["「{0}」（{1}）に新しい応募がありました。つなぐにサインインして、受け入れるかどうかをお知らせください。\n\n{2}",
                opportunity.Title, ShiftText(shift!), links.For($"/{Slug}/opportunities/{opportunityId}/manage")], ct);
        return result;
    }

    /// <summary>The organiser invites a volunteer to a shift; the volunteer answers.</summary>
    public async Task<ApplicationResult> InviteAsync(Opportunity opportunity, int shiftId, int volunteerId, CancellationToken ct = default)
    {
        var (_, shift, refusal) = await OpenShiftAsync(opportunity.Id, shiftId, ct);
        if (refusal is not null) return refusal;
        var volunteer = await db.Set<Volunteer>().FirstOrDefaultAsync(v => v.Id == volunteerId, ct);
        if (volunteer is null) return ApplicationResult.Refused(null, t["ボランティアが見つかりません。"]);
        if (CanTakePart(volunteer, opportunity) is { } problem) return problem;
        var now = Now;
        var result = await db.InTurnAsync(async () =>
        {
            if (await TakeShiftAndVolunteerAsync(opportunity.Id, shiftId, volunteerId, "", ct) is { } gone) return gone;
            if (await db.Set<ShiftApplication>().AnyAsync(a => a.ShiftId == shiftId && a.VolunteerId == volunteerId, ct))
                return ApplicationResult.Refused(null, t["この方はこの回にすでに応募しているか、招待済みです。"]);
            // The organiser learns only that the person is busy then, not with whom.
            if (await OverlappingAsync(volunteerId, shift!, confirmedOnly: false, ct) is not null)
                return ApplicationResult.Refused(null, t["この方は同じ時間帯にほかの活動の予定があります。"]);
            if (await IsFullAsync(shiftId, ct)) return FullUp(null);
            var a = new ShiftApplication
            {
                ShiftId = shiftId,
                OpportunityId = opportunity.Id,
                VolunteerId = volunteerId,
                Status = ApplicationStatus.Invited,
                Invited = true,
                CreatedAt = now,
            };
            db.Add(a);
            await db.SaveChangesAsync(ct);
            return ApplicationResult.Done(a);
        }, ct);
        if (!result.Succeeded) return result;
        await NotifyVolunteerAsync(volunteerId, t["【つなぐ】ボランティアのお誘いが届きました"],
            t["「{0}」（{1}）の主催者から、参加のお誘いが届きました。つなぐにサインインして、お返事をお願いします。\n\n{2}",
                opportunity.Title, ShiftText(shift!), links.For($"/{Slug}/volunteers/activities")], ct);
        return result;
    }

    /// <summary>
    /// Applying and inviting take the shift's, the opportunity's (while open) and the person's rows, in the order every step
    /// takes them: a removal, a closing, a confirmation or the same person's other application waits for this one, or this
    /// one sees what they committed. A refusal when the shift is gone or the opportunity closed.
    /// </summary>
    private async Task<ApplicationResult?> TakeShiftAndVolunteerAsync(int opportunityId, int shiftId, int volunteerId, string field, CancellationToken ct)
    {
        if (!await db.TakeAsync<Shift>(s => s.Id == shiftId && s.OpportunityId == opportunityId, ct))
            return new ApplicationResult(null, Problems.Of(field, t["この日時は取りやめになりました。"]), NotFound: true);
        if (!await db.TakeAsync<Opportunity>(o => o.Id == opportunityId && o.Status == OpportunityStatus.Open, ct))
            return ApplicationResult.Refused(null, t["この募集は締め切られました。"], field);
        await db.TakeAsync<Volunteer>(v => v.Id == volunteerId, ct);
        return null;
    }

    private Task<bool> IsFullAsync(int shiftId, CancellationToken ct) => db.Set<Shift>().AnyAsync(s => s.Id == shiftId && s.Confirmed >= s.Places, ct);

    private ApplicationResult FullUp(ShiftApplication? application, string field = "") =>
        new(application, Problems.Of(field, t["この回は定員に達しました。"]), Full: true);

    /// <summary>
    /// Confirms an application (the organiser accepts an applicant, or the volunteer accepts an invitation): a matching.
    /// When the shift fills, everyone still waiting for it is told.
    /// </summary>
    public async Task<ApplicationResult> ConfirmAsync(ShiftApplication application, CancellationToken ct = default)
    {
        var expected = application.Invited ? ApplicationStatus.Invited : ApplicationStatus.Applied;
        if (application.Status != expected) return AlreadyDecided(application);
        var opportunity = await db.Set<Opportunity>().AsNoTracking().FirstAsync(o => o.Id == application.OpportunityId, ct);
        if (opportunity.Status != OpportunityStatus.Open) return ApplicationResult.Refused(application, t["この募集は締め切られました。"]);
        // The person may have paused or left since applying: nobody is matched (or their details shown) against their wish.
        var volunteer = await db.Set<Volunteer>().AsNoTracking().FirstAsync(v => v.Id == application.VolunteerId, ct);
        if (CanTakePart(volunteer, opportunity) is { } problem) return problem with { Application = application };
        var now = Now;
        if (await db.Set<Shift>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == application.ShiftId, ct) is not { } toConfirm)
            return ApplicationResult.Refused(application, t["この日時は取りやめになりました。"]);
        if (toConfirm.StartsAt <= now)
            return ApplicationResult.Refused(application, t["この回はすでに始まっているか、終わっています。"]);
        string? busy = null;
        var outcome = await db.InTurnAsync(async () =>
        {
            // The one place a shift fills: the row lock (PostgreSQL) or the write lock (SQLite) orders concurrent confirmations.
            var took = await db.Set<Shift>().Where(s => s.Id == application.ShiftId && s.Confirmed < s.Places && s.StartsAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => x.Confirmed + 1), ct);
            if (took == 0) return Outcome.Full;
            if (!await db.TakeAsync<Opportunity>(o => o.Id == opportunity.Id && o.Status == OpportunityStatus.Open, ct)) return Outcome.Closed;
            // With the person's row held, an acceptance elsewhere for the same hours has committed or waits: never two at once.
            await db.TakeAsync<Volunteer>(v => v.Id == application.VolunteerId, ct);
            busy = await OverlappingAsync(application.VolunteerId, toConfirm, confirmedOnly: true, ct);
            if (busy is not null) return Outcome.Busy;
            application.Status = ApplicationStatus.Confirmed;
            application.DecidedAt = now;
            application.MatchedAt = now;
            application.GroupId = opportunity.GroupId;
            application.ProgrammeId = opportunity.ProgrammeId;
            application.DistrictId = opportunity.DistrictId;
            await db.SaveChangesAsync(ct); // Status is a concurrency token: a second decision on the same application fails here and rolls back.
            await db.Set<Opportunity>().Where(o => o.Id == opportunity.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.UpdatedAt, now), ct);
            return Outcome.Confirmed;
        }, ct, whenChangedMeanwhile: () => Outcome.DecidedMeanwhile, commitIf: o => o == Outcome.Confirmed);
        if (outcome == Outcome.DecidedMeanwhile) return AlreadyDecided(application);
        if (outcome == Outcome.Closed) return ApplicationResult.Refused(application, t["この募集は締め切られました。"]);
        if (outcome == Outcome.Busy)
            return ApplicationResult.Refused(application, application.Invited
                ? t["同じ時間帯の「{0}」に参加が決まっています。", busy!]
                : t["この方は同じ時間帯にほかの活動の予定があります。"]);
        if (await db.Set<Shift>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == application.ShiftId, ct) is not { } shift)
            return ApplicationResult.Refused(application, t["この日時は取りやめになりました。"]);
        if (outcome == Outcome.Full)
        {
            application.Status = ApplicationStatus.Full;
            application.DecidedAt = now;
            if (!await db.TrySaveAsync(ct)) return AlreadyDecided(application);
            await TellFullAsync([application.VolunteerId], opportunity, shift, ct);
            return FullUp(application);
        }
        await NotifyVolunteerAsync(application.VolunteerId, t["【つなぐ】ボランティアの参加が決まりました"],
            t["「{0}」（{1}）への参加が決まりました。場所や持ち物は、つなぐのメッセージで主催者と確認できます。\n\n{2}",
                opportunity.Title, ShiftText(shift), links.For($"/{Slug}/volunteers/activities")], ct);
        if (application.Invited)
            await NotifyOrganiserAsync(opportunity, t["【つなぐ】「{0}」のお誘いが受けられました", opportunity.Title],
                t["「{0}」（{1}）にお誘いしたボランティアが、参加を決めました。\n\n{2}", opportunity.Title, ShiftText(shift), links.For($"/{Slug}/opportunities/{opportunity.Id}/manage")], ct);
        if (shift.Confirmed >= shift.Places) await CloseFullShiftAsync(opportunity, shift, ct);
        return ApplicationResult.Done(application);
    }

    /// <summary>Everyone still waiting for a shift that has filled is told, and their applications closed.</summary>
    private async Task CloseFullShiftAsync(Opportunity opportunity, Shift shift, CancellationToken ct) =>
        await TellFullAsync(await CloseWaitingAsync(a => a.ShiftId == shift.Id, ApplicationStatus.Full, ct), opportunity, shift, ct);

    /// <summary>
    /// Closes, one by one, the applications and invitations still waiting that match <paramref name="which"/>; returns the
    /// people whose application this closed (one decided by someone else at the same moment keeps that decision).
    /// </summary>
    private async Task<List<int>> CloseWaitingAsync(System.Linq.Expressions.Expression<Func<ShiftApplication, bool>> which, ApplicationStatus status, CancellationToken ct)
    {
        var waiting = await db.Set<ShiftApplication>().Where(which)
            .Where(a => a.Status == ApplicationStatus.Applied || a.Status == ApplicationStatus.Invited).Select(a => a.Id).ToListAsync(ct);
        var closed = new List<int>();
        foreach (var id in waiting)
        {
            var a = await db.Set<ShiftApplication>().FirstOrDefaultAsync(x => x.Id == id && (x.Status == ApplicationStatus.Applied || x.Status == ApplicationStatus.Invited), ct);
            if (a is null) continue;
            a.Status = status;
            a.DecidedAt = Now;
            if (await db.TrySaveAsync(ct)) closed.Add(a.VolunteerId);
        }
        return closed;
    }

    private async Task TellFullAsync(List<int> volunteerIds, Opportunity opportunity, Shift shift, CancellationToken ct)
    {
        foreach (var id in volunteerIds)
            await NotifyVolunteerAsync(id, t["【つなぐ】募集が定員に達しました"],
                t["「{0}」（{1}）は定員に達したため、今回は参加していただけません。ほかの募集もご覧ください。\n\n{2}",
                    opportunity.Title, ShiftText(shift), links.For($"/{Slug}/opportunities")], ct);
    }

    /// <summary>The organiser declines an application, or the volunteer declines an invitation.</summary>
    public async Task<ApplicationResult> DeclineAsync(ShiftApplication application, CancellationToken ct = default)
    {
        if (application.Status is not (ApplicationStatus.Applied or ApplicationStatus.Invited))
            return AlreadyDecided(application);
        var byVolunteer = application.Status == ApplicationStatus.Invited;
        application.Status = ApplicationStatus.Declined;
        application.DecidedAt = Now;
        if (!await db.TrySaveAsync(ct)) return AlreadyDecided(application);
        var opportunity = await db.Set<Opportunity>().AsNoTracking().FirstAsync(o => o.Id == application.OpportunityId, ct);
        if (byVolunteer)
            await NotifyOrganiserAsync(opportunity, t["【つなぐ】「{0}」のお誘いが辞退されました", opportunity.Title],
                t["「{0}」にお誘いしたボランティアが、今回は辞退しました。\n\n{1}", opportunity.Title, links.For($"/{Slug}/opportunities/{opportunity.Id}/manage")], ct);
        else
            await NotifyVolunteerAsync(application.VolunteerId, t["【つなぐ】応募の結果のお知らせ"],
                t["「{0}」へのご応募ありがとうございました。今回は見送らせていただきます。ほかの募集もご覧ください。\n\n{1}", opportunity.Title, links.For($"/{Slug}/opportunities")], ct);
        return ApplicationResult.Done(application);
    }

    /// <summary>The volunteer withdraws before the shift; a confirmed place goes back to the shift.</summary>
    public async Task<ApplicationResult> WithdrawAsync(ShiftApplication application, CancellationToken ct = default)
    {
        if (await db.Set<Shift>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == application.ShiftId, ct) is not { } shift)
            return ApplicationResult.Refused(application, t["この日時は取りやめになりました。"]);
        if (shift.StartsAt <= Now) return ApplicationResult.Refused(application, t["始まった回は取り消せません。"]);
        if (application.Status is not (ApplicationStatus.Applied or ApplicationStatus.Confirmed))
            return ApplicationResult.Refused(application, t["この応募は取り消せません。"]);
        var wasConfirmed = application.Status == ApplicationStatus.Confirmed;
        var now = Now;
        // The organiser may decide at the same moment: then the place count rolls back with this withdrawal.
        var withdrawn = await db.InTurnAsync(async () =>
        {
            if (wasConfirmed)
                await db.Set<Shift>().Where(s => s.Id == shift.Id && s.Confirmed > 0).ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => x.Confirmed - 1), ct);
            application.Status = ApplicationStatus.Withdrawn;
            application.DecidedAt = now;
            application.MatchedAt = null;
            await db.SaveChangesAsync(ct);
            await db.Set<Opportunity>().Where(o => o.Id == application.OpportunityId).ExecuteUpdateAsync(s => s.SetProperty(o => o.UpdatedAt, now), ct);
            return true;
        }, ct, whenChangedMeanwhile: () => false);
        if (!withdrawn) return ApplicationResult.Refused(application, t["この応募はすでに決定済みです。もう一度お確かめください。"]);
        var opportunity = await db.Set<Opportunity>().AsNoTracking().FirstAsync(o => o.Id == application.OpportunityId, ct);
        await NotifyOrganiserAsync(opportunity, t["【つなぐ】「{0}」の応募が取り消されました", opportunity.Title],
            t["「{0}」（{1}）の応募が、ボランティアの都合で取り消されました。\n\n{2}", opportunity.Title, ShiftText(shift), links.For($"/{Slug}/opportunities/{opportunity.Id}/manage")], ct);
        return ApplicationResult.Done(application);
    }

    /// <summary>
    /// A volunteer who leaves, or deletes their account, gives back what they had not yet used: confirmed places on shifts
    /// still to come return to their shifts, applications are withdrawn and invitations declined, and organisers are told.
    /// Shifts already started keep their record (attendance is still to be written).
    /// </summary>
    public async Task ReleaseOpenApplicationsAsync(int volunteerId, CancellationToken ct = default)
    {
        var now = Now;
        var open = await db.Set<ShiftApplication>()
            .Where(a => a.VolunteerId == volunteerId
                && (a.Status == ApplicationStatus.Invited || a.Status == ApplicationStatus.Applied || a.Status == ApplicationStatus.Confirmed)
                && db.Set<Shift>().Any(s => s.Id == a.ShiftId && s.StartsAt > now))
            .ToListAsync(ct);
        foreach (var application in open)
            // An organiser's decision at the same moment wins; a refused step is simply left as the organiser made it.
            _ = application.Status == ApplicationStatus.Invited ? await DeclineAsync(application, ct) : await WithdrawAsync(application, ct);
    }

    /// <summary>
    /// Removes a shift nobody is confirmed for; whoever applied or was invited is told. False when someone is confirmed.
    /// The shift's row is written first, as a confirmation writes it, so a confirmation and a removal never cross.
    /// </summary>
    public async Task<bool> RemoveShiftAsync(Opportunity opportunity, int shiftId, CancellationToken ct = default)
    {
        var now = Now;
        Shift? removed = null;
        List<int> waiting = [];
        var done = await db.InTurnAsync(async () =>
        {
            if (!await db.TakeAsync<Shift>(s => s.Id == shiftId && s.OpportunityId == opportunity.Id, ct)) return true; // already gone
            if (await db.Set<Shift>().AnyAsync(s => s.Id == shiftId && s.Confirmed > 0, ct)) return false;
            // Applying takes the shift's row first too, so nobody can join the list between this read and the delete.
            waiting = await db.Set<ShiftApplication>()
                .Where(a => a.ShiftId == shiftId && (a.Status == ApplicationStatus.Applied || a.Status == ApplicationStatus.Invited))
                .Select(a => a.VolunteerId).ToListAsync(ct);
            db.ChangeTracker.Clear();
            removed = await db.Set<Shift>().FirstAsync(s => s.Id == shiftId, ct);
            // The database removes the shift's applications and their messages with it (cascade), whatever their state now.
            db.Remove(removed);
            await db.SaveChangesAsync(ct);
            await db.Set<Opportunity>().Where(o => o.Id == opportunity.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.UpdatedAt, now), ct);
            return true;
        }, ct);
        if (removed is null) return done;
        foreach (var id in waiting)
            await NotifyVolunteerAsync(id, t["【つなぐ】応募していた回が取りやめになりました"],
                t["「{0}」（{1}）の回は、主催者の都合で取りやめになりました。ほかの募集もご覧ください。\n\n{2}",
                    opportunity.Title, ShiftText(removed), links.For($"/{Slug}/opportunities")], ct);
        return true;
    }

    /// <summary>
    /// Closes or reopens an opportunity. On closing, applications and invitations still waiting for an answer are closed too
    /// and their people told, so nobody waits for a reply that can no longer come; they may apply again if it reopens.
    /// </summary>
    public async Task SetStatusAsync(Opportunity opportunity, OpportunityStatus status, CancellationToken ct = default)
    {
        opportunity.Status = status;
        opportunity.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        if (status != OpportunityStatus.Closed) return;
        foreach (var id in (await CloseWaitingAsync(a => a.OpportunityId == opportunity.Id, ApplicationStatus.Closed, ct)).Distinct())
            await NotifyVolunteerAsync(id, t["【つなぐ】募集が締め切られました"],
                t["「{0}」の募集は締め切られました。ご応募ありがとうございました。ほかの募集もご覧ください。\n\n{1}",
                    opportunity.Title, links.For($"/{Slug}/opportunities")], ct);
    }

    /// <summary>After the shift the organiser records whether the volunteer came and for how long; the volunteer's reliability follows.</summary>
    public async Task<ApplicationResult> RecordAttendanceAsync(ShiftApplication application, bool attended, decimal? hours, CancellationToken ct = default)
    {
        if (application.Status != ApplicationStatus.Confirmed) return ApplicationResult.Refused(application, t["参加が決まった方だけ記録できます。"]);
        if (await db.Set<Shift>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == application.ShiftId, ct) is not { } shift)
            return ApplicationResult.Refused(application, t["この日時は取りやめになりました。"], "Hours");
        if (shift.StartsAt > Now) return ApplicationResult.Refused(application, t["活動の記録は、その回が始まってから入力してください。"], "Hours");
        if (application.VolunteerConfirmedAt is not null) return ApplicationResult.Refused(application, t["ボランティアが確認済みの記録は変更できません。"], "Hours");
        if (attended && hours is not (> 0 and <= 24)) return ApplicationResult.Refused(application, t["活動時間は0より大きく24以下の時間数で入力してください（例：2.5）。"], "Hours");
        var firstRecord = application.AttendanceRecordedAt is null;
        var attendedBefore = application.Attended == true;
        application.Attended = attended;
        application.Hours = attended ? Math.Round(hours!.Value, 2) : null;
        application.AttendanceRecordedAt = Now;
        var recordedDelta = firstRecord ? 1 : 0;
        var attendedDelta = (attended ? 1 : 0) - (attendedBefore ? 1 : 0);
        var now = Now;
        var recorded = await db.InTurnAsync(async () =>
        {
            // AttendanceRecordedAt is a concurrency token: a double submit fails here, before the counters move twice.
            await db.SaveChangesAsync(ct);
            await db.Set<Volunteer>().Where(v => v.Id == application.VolunteerId).ExecuteUpdateAsync(s => s
                .SetProperty(v => v.ShiftsRecorded, v => v.ShiftsRecorded + recordedDelta)
                .SetProperty(v => v.ShiftsAttended, v => v.ShiftsAttended + attendedDelta)
                .SetProperty(v => v.UpdatedAt, now), ct);
            return true;
        }, ct, whenChangedMeanwhile: () => false);
        if (!recorded) return ApplicationResult.Refused(application, t["この記録は、ほかの操作で変わりました。画面を開き直してください。"], "Hours");
        if (attended)
        {
            var opportunity = await db.Set<Opportunity>().AsNoTracking().FirstAsync(o => o.Id == application.OpportunityId, ct);
            await NotifyVolunteerAsync(application.VolunteerId, t["【つなぐ】活動時間を確認してください"],
                t["「{0}」（{1}）の活動時間が {2} 時間と記録されました。内容を確認すると、活動証明書をダウンロードできます。\n\n{3}",
                    opportunity.Title, ShiftText(shift), application.Hours!.Value.ToString("0.##", CultureInfo.CurrentCulture), links.For($"/{Slug}/volunteers/activities")], ct);
        }
        return ApplicationResult.Done(application);
    }

    /// <summary>The volunteer confirms the recorded hours; only confirmed hours go on the certificate.</summary>
    public async Task<ApplicationResult> ConfirmHoursAsync(ShiftApplication application, CancellationToken ct = default)
    {
        if (application is not { Status: ApplicationStatus.Confirmed, Attended: true }) return ApplicationResult.Refused(application, t["確認できる活動記録がありません。"]);
        application.VolunteerConfirmedAt ??= Now;
        await db.SaveChangesAsync(ct);
        return ApplicationResult.Done(application);
    }

    public async Task<ApplicationResult> PostMessageAsync(ShiftApplication application, bool fromOrganiser, string senderUserId, string body, CancellationToken ct = default)
    {
        if (application.Status is not (ApplicationStatus.Applied or ApplicationStatus.Invited or ApplicationStatus.Confirmed))
            return ApplicationResult.Refused(application, t["この応募は終わっているため、メッセージは送れません。"], "Body");
        if (string.IsNullOrWhiteSpace(body)) return ApplicationResult.Refused(application, t["メッセージを入力してください。"], "Body");
        if (body.Length > 2000) return ApplicationResult.Refused(application, t["メッセージは2,000文字以内にしてください。"], "Body");
        db.Add(new ApplicationMessage { ApplicationId = application.Id, FromOrganiser = fromOrganiser, SenderUserId = senderUserId, Body = body.Trim(), CreatedAt = Now });
        await db.SaveChangesAsync(ct);
        var opportunity = await db.Set<Opportunity>().AsNoTracking().FirstAsync(o => o.Id == application.OpportunityId, ct);
        // The notice says only that a message arrived: neither side's address travels to the other.
        var link = links.For($"/{Slug}/applications/{application.Id}/messages");
        if (fromOrganiser)
            await NotifyVolunteerAsync(application.VolunteerId, t["【つなぐ】主催者からメッセージが届きました"],
                t["「{0}」の主催者からメッセージが届きました。つなぐで読んで、返信できます。\n\n{1}", opportunity.Title, link], ct);
        else
            await NotifyOrganiserAsync(opportunity, t["【つなぐ】ボランティアからメッセージが届きました"],
                t["「{0}」の応募者からメッセージが届きました。つなぐで読んで、返信できます。\n\n{1}", opportunity.Title, link], ct);
        return ApplicationResult.Done(application);
    }

    private async Task<(Opportunity?, Shift?, ApplicationResult?)> OpenShiftAsync(int opportunityId, int shiftId, CancellationToken ct)
    {
        var opportunity = await db.Set<Opportunity>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == opportunityId, ct);
        var shift = await db.Set<Shift>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == shiftId && s.OpportunityId == opportunityId, ct);
        if (opportunity is null || shift is null) return (null, null, new ApplicationResult(null, Problems.Of("Shift", t["募集が見つかりません。"]), NotFound: true));
        if (opportunity.Status != OpportunityStatus.Open) return (null, null, ApplicationResult.Refused(null, t["この募集は締め切られました。"], "Shift"));
        if (shift.StartsAt <= Now) return (null, null, ApplicationResult.Refused(null, t["この回はすでに始まっているか、終わっています。"], "Shift"));
        return (opportunity, shift, null);
    }

    private ApplicationResult? CanTakePart(Volunteer v, Opportunity o)
    {
        if (v.Status != VolunteerStatus.Active) return ApplicationResult.Refused(null, t["ボランティア登録が休止中です。再開してから応募してください。"]);
        if (v.NeedsGuardianConsent) return ApplicationResult.Refused(null, t["18歳未満の方は、保護者の同意を登録してから応募してください。"]);
        if (!Matching.MatchScore.AgeFits(v.AgeBand, o.MinAge, o.MaxAge)) return ApplicationResult.Refused(null, t["この募集の年齢の条件に合いません。"]);
        return null;
    }

    /// <summary>The title of another opportunity the person is committed to (or, unless <paramref name="confirmedOnly"/>, waiting for) at overlapping hours.</summary>
    private async Task<string?> OverlappingAsync(int volunteerId, Shift shift, bool confirmedOnly, CancellationToken ct) =>
        await (from a in db.Set<ShiftApplication>()
               join s in db.Set<Shift>() on a.ShiftId equals s.Id
               join o in db.Set<Opportunity>() on a.OpportunityId equals o.Id
               where a.VolunteerId == volunteerId && s.Id != shift.Id && s.StartsAt < shift.EndsAt && shift.StartsAt < s.EndsAt
                     && (a.Status == ApplicationStatus.Confirmed
                         || (!confirmedOnly && (a.Status == ApplicationStatus.Applied || a.Status == ApplicationStatus.Invited)))
               select o.Title).FirstOrDefaultAsync(ct);

    private enum Outcome { Confirmed, Full, Closed, Busy, DecidedMeanwhile }

    private ApplicationResult AlreadyDecided(ShiftApplication application) => ApplicationResult.Refused(application, t["この応募はすでに決定済みです。"]);

    public static string ShiftText(Shift s) => Tsunagu.Web.Shared.Display.Span(s.StartsAt, s.EndsAt);

    /// <summary>Whom to tell on the organiser's side: the group's administrators, else the person who posted.</summary>
    public async Task<List<string>> OrganiserEmailsAsync(Opportunity o, CancellationToken ct = default)
    {
        var emails = o.GroupId is { } g ? await db.AdministratorEmailsAsync(g, ct) : [];
        if (emails.Count == 0 && o.CreatedByUserId is { } creator)
            emails = await db.Users.Where(u => u.Id == creator && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        return emails;
    }

    private async Task NotifyOrganiserAsync(Opportunity o, string subject, string body, CancellationToken ct)
    {
        foreach (var email in await OrganiserEmailsAsync(o, ct)) outbox.Enqueue(email, subject, body);
        await db.SaveChangesAsync(ct);
    }

    private async Task NotifyVolunteerAsync(int volunteerId, string subject, string body, CancellationToken ct)
    {
        var email = await (from v in db.Set<Volunteer>() join u in db.Users on v.UserId equals u.Id where v.Id == volunteerId select u.Email).FirstOrDefaultAsync(ct);
        if (email is null) return;
        outbox.Enqueue(email, subject, body);
        await db.SaveChangesAsync(ct);
    }
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Consultations;

/// <summary>The consultation desk's rules: intake online or at the counter, case handling, counts.</summary>
public class ConsultationService(TsunaguDb db, Outbox outbox, CurrentCity currentCity, Text t, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public sealed record Intake(
        ConsultationTopic Topic, ConsultationChannel Channel, PreferredContact PreferredContact, string Question,
        string RequesterName, string? RequesterEmail, string? RequesterPhone, string? RequesterUserId, int? GroupId);

    public async Task<Consultation> CreateAsync(Intake intake)
    {
        var consultation = new Consultation
        {
            Topic = intake.Topic,
            Channel = intake.Channel,
            PreferredContact = intake.PreferredContact,
            Status = ConsultationStatus.Received,
            Question = intake.Question,
            RequesterName = intake.RequesterName,
            RequesterEmail = intake.RequesterEmail,
            RequesterPhone = intake.RequesterPhone,
            RequesterUserId = intake.RequesterUserId,
            GroupId = await ValidGroupAsync(intake.GroupId),
            ReceivedAt = Now,
        };
        db.Consultations.Add(consultation);
        if (intake.Channel == ConsultationChannel.Online && intake.RequesterEmail is not null)
        {
            var centre = currentCity.Required.CentreName;
            outbox.Enqueue(intake.RequesterEmail, t["【つなぐ】相談の申し込みを受け付けました"],
                t["{0} 様\n\n{1}への相談の申し込みを受け付けました（相談の内容：{2}）。担当者から、ご希望の方法でご連絡します。", intake.RequesterName, centre, t[ConsultationTexts.Topic(intake.Topic)]]);
        }
        await db.SaveChangesAsync();
        return consultation;
    }

    /// <summary>Only a group of this city (the query filter hides others).</summary>
    private async Task<int?> ValidGroupAsync(int? groupId) =>
        groupId is { } id && await db.Groups.AnyAsync(g => g.Id == id) ? id : null;

    public Task<List<Consultation>> ListAsync(ConsultationStatus? status) =>
        db.Consultations.AsNoTracking().Where(c => status == null || c.Status == status)
            .OrderByDescending(c => c.ReceivedAt).Take(200).ToListAsync();

    public Task<Consultation?> FindAsync(int id) =>
        db.Consultations.Include(c => c.Notes.OrderBy(n => n.At)).Include(c => c.FollowUps.OrderBy(f => f.DueOn)).FirstOrDefaultAsync(c => c.Id == id);

    /// <summary>Centre staff of this city, who can be assigned cases.</summary>
    public Task<List<AppUser>> StaffAsync() =>
        db.CityMemberships.Where(m => m.Role == CityRole.CentreStaff).Select(m => m.User!).OrderBy(u => u.DisplayName).ToListAsync();

    public async Task<bool> UpdateAsync(Consultation c, ConsultationStatus status, string? assigneeUserId, int? groupId)
    {
        if (assigneeUserId is not null && !await db.CityMemberships.AnyAsync(m => m.UserId == assigneeUserId && m.Role == CityRole.CentreStaff))
            return false;
        c.Status = status;
        c.ClosedAt = status == ConsultationStatus.Done ? c.ClosedAt ?? Now : null;
        c.AssigneeUserId = assigneeUserId;
        c.GroupId = await ValidGroupAsync(groupId);
        await db.SaveChangesAsync();
        return true;
    }

    public async Task AddNoteAsync(Consultation c, string authorUserId, string text)
    {
        c.Notes.Add(new ConsultationNote { ConsultationId = c.Id, AuthorUserId = authorUserId, At = Now, Text = text });
        // Writing the first note means someone is on it.
        if (c.Status == ConsultationStatus.Received) c.Status = ConsultationStatus.InProgress;
        await db.SaveChangesAsync();
    }

    public async Task AddFollowUpAsync(Consultation c, DateOnly dueOn, string text)
    {
        c.FollowUps.Add(new ConsultationFollowUp { ConsultationId = c.Id, DueOn = dueOn, Text = text });
        await db.SaveChangesAsync();
    }

    public async Task<bool> CompleteFollowUpAsync(Consultation c, int followUpId)
    {
        var followUp = c.FollowUps.FirstOrDefault(f => f.Id == followUpId);
        if (followUp is null) return false;
        followUp.DoneAt ??= Now;
        await db.SaveChangesAsync();
        return true;
    }

    public sealed record MonthlyCount(int Year, int Month, string Key, int Count);

    /// <summary>Cases received in a fiscal year, by month (Tokyo time) and by topic or by channel.</summary>
    public async Task<(List<MonthlyCount> ByTopic, List<MonthlyCount> ByChannel)> CountsAsync(FiscalYear fy)
    {
        var from = TimeZoneInfo.ConvertTimeToUtc(fy.FirstDay.ToDateTime(TimeOnly.MinValue), Tsunagu.Web.Shared.Display.TokyoZone);
        var to = TimeZoneInfo.ConvertTimeToUtc(fy.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), Tsunagu.Web.Shared.Display.TokyoZone);
        var rows = await db.Consultations.AsNoTracking().Where(c => c.ReceivedAt >= from && c.ReceivedAt < to)
            .Select(c => new { c.ReceivedAt, c.Topic, c.Channel }).ToListAsync();
        var local = rows.Select(r => (At: Tsunagu.Web.Shared.Display.ToTokyo(r.ReceivedAt), r.Topic, r.Channel)).ToList();
        var byTopic = local.GroupBy(r => (r.At.Year, r.At.Month, Key: r.Topic.ToString()))
            .Select(g => new MonthlyCount(g.Key.Year, g.Key.Month, g.Key.Key, g.Count())).ToList();
        var byChannel = local.GroupBy(r => (r.At.Year, r.At.Month, Key: r.Channel.ToString()))
            .Select(g => new MonthlyCount(g.Key.Year, g.Key.Month, g.Key.Key, g.Count())).ToList();
        return (byTopic, byChannel);
    }
}

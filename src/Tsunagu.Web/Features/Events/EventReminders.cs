using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events;

/// <summary>The e-mails that remind confirmed registrants of a meeting the day before.</summary>
public class EventReminders(TsunaguDb db, CurrentCity city, Outbox outbox, PublicLinks links, Text t, EventCatalog catalog)
{
    /// <summary>Reminders go out on the day before a meeting from this hour (Japan time), not in the middle of the night.</summary>
    public const int ReminderHour = 9;

    private string Slug => city.Required.Slug;

    /// <summary>
    /// The day before each meeting (Japan time, from <see cref="ReminderHour"/>), every confirmed registrant of a published
    /// event is e-mailed once: title, date and time, place, and the online link when it is already shown (24 hours before
    /// the start). Each reminder is a row, unique per (registration, meeting, start), written with its mail in one save; a
    /// second instance or a restart that gets there too fails on the index and sends nothing. Returns how many were sent.
    /// </summary>
    public async Task<int> SendAsync(DateTime nowUtc, CancellationToken ct = default)
    {
        var local = Display.ToTokyo(nowUtc);
        if (local.Hour < ReminderHour) return 0;
        var tomorrow = DateOnly.FromDateTime(local).AddDays(1);
        var from = Display.ToUtc(tomorrow, TimeOnly.MinValue);
        var to = Display.ToUtc(tomorrow.AddDays(1), TimeOnly.MinValue);
        var eventIds = await db.Set<EventMeeting>().Where(m => m.StartsAt >= from && m.StartsAt < to)
            .Join(db.Set<Event>(), m => m.EventId, e => e.Id, (m, e) => e)
            .Where(e => e.Status == EventStatus.Published && !e.IsDemo).Select(e => e.Id).Distinct().ToListAsync(ct);
        var sent = 0;
        foreach (var eventId in eventIds)
        {
            var e = (await catalog.FindAsync(eventId, ct))!;
            var meetings = e.Meetings.Where(m => m.StartsAt >= from && m.StartsAt < to).ToList();
            var meetingIds = meetings.Select(m => m.Id).ToList();
            var registrants = await db.Set<EventRegistration>().AsNoTracking()
                .Where(r => r.EventId == eventId && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Attended))
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r.Id, u.Email }).Where(x => x.Email != null).ToListAsync(ct);
            var done = (await db.Set<EventReminder>().AsNoTracking().Where(x => meetingIds.Contains(x.MeetingId))
                    .Select(x => new { x.RegistrationId, x.MeetingId, x.MeetingStartsAt }).ToListAsync(ct))
                .Select(x => (x.RegistrationId, x.MeetingId, x.MeetingStartsAt)).ToHashSet();
            foreach (var meeting in meetings)
            {
                var number = e.Meetings.IndexOf(meeting) + 1;
                foreach (var r in registrants.Where(r => !done.Contains((r.Id, meeting.Id, meeting.StartsAt))))
                {
                    db.Add(new EventReminder { RegistrationId = r.Id, MeetingId = meeting.Id, MeetingStartsAt = meeting.StartsAt, SentAt = nowUtc });
                    outbox.Enqueue(r.Email!, t["【つなぐ】明日は「{0}」です", e.Title], ReminderBody(e, meeting, number, nowUtc));
                    try
                    {
                        await db.SaveChangesAsync(ct);
                        sent++;
                    }
                    catch (DbUpdateException)
                    {
                        // Another instance wrote this reminder first (the unique index): its mail is theirs to send.
                        db.ChangeTracker.Clear();
                    }
                }
            }
        }
        return sent;
    }

    private string ReminderBody(Event e, EventMeeting meeting, int number, DateTime nowUtc)
    {
        var lines = new List<string>
        {
            t["お申し込みいただいた「{0}」は明日です。", e.Title],
            "",
            t["日時：{0}", Display.Span(meeting.StartsAt, meeting.EndsAt) + (e.Meetings.Count > 1 ? t["（第{0}回）", number] : "")],
            t["会場：{0}", e.PlaceText ?? t["オンライン"]],
        };
        if (e.OnlineLink is not null)
            lines.Add(EventCatalog.OnlineLinkOpen(e, nowUtc) ? t["参加用のリンク：{0}", e.OnlineLink] : t["参加用のリンクは、開始の24時間前からイベントのページに表示されます。"]);
        lines.Add("");
        lines.Add(t["受付コードは申込一覧で確認できます：{0}", links.For($"/{Slug}/events/mine")]);
        lines.Add(t["都合が悪くなったときは、イベントのページから申込を取り消してください：{0}", links.For($"/{Slug}/events/{e.Id}")]);
        return string.Join("\n", lines);
    }
}

/// <summary>Every quarter of an hour, the day-before reminders that are due go out (each once, whatever the number of instances).</summary>
public class EventReminderJob(IServiceScopeFactory scopes, ILogger<EventReminderJob> log, TimeProvider clock)
    : CityJob(scopes, log, TimeSpan.FromMinutes(15), "event-reminders")
{
    protected override Task RunForCityAsync(IServiceProvider services, City city, CancellationToken ct) =>
        services.GetRequiredService<EventReminders>().SendAsync(clock.GetUtcNow().UtcDateTime, ct);
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Events;

/// <summary>The satisfaction survey after an event: each attendee answers once (a score of 1–5 and a comment); it feeds the course-satisfaction indicator.</summary>
public class EventSurvey(TsunaguDb db, TimeProvider clock, Text t, EventCatalog catalog)
{
    /// <summary>Why this person may not answer the survey now, or null: an attendee answers once, after the last meeting has ended.</summary>
    public async Task<string?> RefusalAsync(Event e, EventRegistration? r, CancellationToken ct = default)
    {
        if (r is null || r.Status != RegistrationStatus.Attended) return t["アンケートは参加された方だけが回答できます。"];
        if (e.EndsAt is not { } end || end > clock.GetUtcNow().UtcDateTime) return t["アンケートはイベントの終了後に回答できます。"];
        if (await db.Set<EventSurveyAnswer>().AnyAsync(a => a.RegistrationId == r.Id, ct)) return t["アンケートにはすでに回答しています。"];
        return null;
    }

    /// <summary>The person's answer; its problems name the field <c>Satisfaction</c>.</summary>
    public async Task<Problems> AnswerAsync(int eventId, string userId, int satisfaction, string? comment, CancellationToken ct = default)
    {
        var e = await catalog.FindAsync(eventId, ct);
        if (e is null) return Refused(t["イベントが見つかりません。"]);
        var r = await catalog.MineAsync(eventId, userId, ct);
        if (await RefusalAsync(e, r, ct) is { } refusal) return Refused(refusal);
        if (satisfaction is < 1 or > 5) return Refused(t["満足度を1から5で選んでください。"]);
        db.Add(new EventSurveyAnswer
        {
            EventId = eventId,
            RegistrationId = r!.Id,
            Satisfaction = satisfaction,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on the registration: the same person's answer from another tab got there first.
            db.ChangeTracker.Clear();
            return Refused(t["アンケートにはすでに回答しています。"]);
        }
        return Problems.None;
    }

    private static Problems Refused(string message) => Problems.Of("Satisfaction", message);

    /// <summary>Before an account is deleted (every city): its answers stay in the satisfaction figures, but its own words go.</summary>
    public Task ForgetCommentsAsync(string userId, CancellationToken ct = default) =>
        db.Set<EventSurveyAnswer>().IgnoreQueryFilters()
            .Where(a => db.Set<EventRegistration>().IgnoreQueryFilters().Any(r => r.Id == a.RegistrationId && r.UserId == userId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Comment, (string?)null), ct);
}

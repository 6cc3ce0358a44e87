using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Events.Admin;

/// <summary>Centre staff see groups' proposals waiting for a decision, then the city's events, newest first, with how full each is.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class IndexModel(TsunaguDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Title, EventKind Kind, EventStatus Status, string? Group, DateTime? StartsAt, DateTime? EndsAt, int Capacity, int Confirmed, int Waitlisted, int Attended, int Answers, int Satisfied)
    {
        /// <summary>The share answering 4 or 5, as the course-satisfaction indicator counts it; null before anyone answered.</summary>
        public int? SatisfiedPercent => Answers == 0 ? null : (int)Math.Round(100.0 * Satisfied / Answers);
    }

    /// <summary>The fiscal year (年度) shown, by the first meeting; this year's unless asked. Proposals waiting show whatever their year.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public Calendar.FiscalYear Shown { get; private set; }

    public List<Row> Rows { get; private set; } = [];
    public List<Row> Pending => [.. Rows.Where(r => r.Status == EventStatus.PendingApproval).OrderBy(r => r.StartsAt)];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Now = clock.GetUtcNow().UtcDateTime;
        Shown = Year is { } y and > 2000 and < 2100 ? new Calendar.FiscalYear(y) : Calendar.FiscalYear.Of(Tsunagu.Web.Shared.Display.Today(clock));
        var (from, to) = Shown.UtcRange();
        var rows = await db.Set<Event>().AsNoTracking()
            .Where(e => e.Status == EventStatus.PendingApproval || !e.Meetings.Any()
                || (e.Meetings.Min(m => m.StartsAt) >= from && e.Meetings.Min(m => m.StartsAt) < to))
            .Select(e => new Row(e.Id, e.Title, e.Kind, e.Status, e.Group == null ? null : e.Group.Name,
                db.Set<EventMeeting>().Where(m => m.EventId == e.Id).Min(m => (DateTime?)m.StartsAt),
                db.Set<EventMeeting>().Where(m => m.EventId == e.Id).Max(m => (DateTime?)m.EndsAt), e.Capacity, e.Confirmed,
                db.Set<EventRegistration>().Count(r => r.EventId == e.Id && r.Status == RegistrationStatus.Waitlisted),
                db.Set<EventRegistration>().Count(r => r.EventId == e.Id && r.Status == RegistrationStatus.Attended),
                db.Set<EventSurveyAnswer>().Count(a => a.EventId == e.Id),
                db.Set<EventSurveyAnswer>().Count(a => a.EventId == e.Id && a.Satisfaction >= 4)))
            .ToListAsync(ct);
        Rows = [.. rows.OrderByDescending(r => r.StartsAt).ThenByDescending(r => r.Id)];
    }
}

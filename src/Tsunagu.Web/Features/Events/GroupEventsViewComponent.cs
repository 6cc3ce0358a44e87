using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Features.Events;

/// <summary>On a group's page: the published events it organises that have not ended yet, soonest first.</summary>
public class GroupEventsViewComponent(TsunaguDb db, TimeProvider clock) : ViewComponent
{
    public sealed record Upcoming(int Id, string Title, DateTime StartsAt, int Meetings);

    public async Task<IViewComponentResult> InvokeAsync(int groupId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var events = await db.Set<Event>().AsNoTracking()
            .Where(e => e.GroupId == groupId && e.Status == EventStatus.Published && e.Meetings.Any(m => m.EndsAt > now))
            .Select(e => new Upcoming(e.Id, e.Title, e.Meetings.Min(m => m.StartsAt), e.Meetings.Count))
            .ToListAsync(HttpContext.RequestAborted);
        return View("/Features/Events/_GroupEvents.cshtml", events.OrderBy(e => e.StartsAt).Take(10).ToList());
    }
}

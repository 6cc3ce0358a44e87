using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Events;

/// <summary>Registrations for courses and events, with the person's survey answer.</summary>
public class EventsPersonalData(TsunaguDb db, EventService events) : IPersonalData
{
    public string Section => "eventRegistrations";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct)
    {
        var rows = await (from r in db.Set<EventRegistration>().IgnoreQueryFilters()
                          join e in db.Set<Event>().IgnoreQueryFilters() on r.EventId equals e.Id
                          where r.UserId == subject.UserId
                          orderby r.CreatedAt
                          select new
                          {
                              e.CityId, Event = e.Title, Status = r.Status.ToString(), r.Position, r.Code, r.CreatedAt, r.PromotedAt, r.CancelledAt, r.CheckedInAt,
                              Survey = db.Set<EventSurveyAnswer>().IgnoreQueryFilters().Where(a => a.RegistrationId == r.Id)
                                  .Select(a => new { a.Satisfaction, a.Comment, a.CreatedAt }).FirstOrDefault(),
                          }).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => (object)new
        {
            City = subject.CitySlugs[r.CityId], r.Event, r.Status, r.Position, r.Code, r.CreatedAt, r.PromotedAt, r.CancelledAt, r.CheckedInAt, r.Survey,
        }).ToList();
    }

    /// <summary>Places held go to the people waiting, rather than leaving with the account.</summary>
    public Task ReleaseAsync(string userId, CancellationToken ct) => events.ReleaseAllAsync(userId, ct);
}

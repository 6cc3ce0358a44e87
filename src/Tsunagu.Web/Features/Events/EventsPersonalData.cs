using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events;

/// <summary>Registrations for courses and events, with the person's survey answer.</summary>
public class EventsPersonalData(TsunaguDb db, EventSurvey survey, IServiceScopeFactory scopes) : IPersonalData
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
                              e.CityId,
                              Event = e.Title,
                              Status = r.Status.ToString(),
                              r.Position,
                              r.Code,
                              r.CreatedAt,
                              r.PromotedAt,
                              r.CancelledAt,
                              r.CheckedInAt,
                              Survey = db.Set<EventSurveyAnswer>().IgnoreQueryFilters().Where(a => a.RegistrationId == r.Id)
                                  .Select(a => new { a.Satisfaction, a.Comment, a.CreatedAt }).FirstOrDefault(),
                          }).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => (object)new
        {
            City = subject.CitySlugs[r.CityId],
            r.Event,
            r.Status,
            r.Position,
            r.Code,
            r.CreatedAt,
            r.PromotedAt,
            r.CancelledAt,
            r.CheckedInAt,
            r.Survey,
        }).ToList();
    }

    /// <summary>
    /// The person's survey comments are cleared (the scores still count), and places held go to the people waiting rather
    /// than leaving with the account: each in a scope of its own city, as the promoted people's notices link to it.
    /// </summary>
    public async Task ReleaseAsync(string userId, CancellationToken ct)
    {
        await survey.ForgetCommentsAsync(userId, ct);
        var held = await db.Set<EventRegistration>().IgnoreQueryFilters()
            .Where(r => r.UserId == userId && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted))
            .Join(db.Cities, r => r.CityId, c => c.Id, (r, c) => new { r.Id, City = c }).ToListAsync(ct);
        foreach (var registration in held)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(registration.City);
            await scope.ServiceProvider.GetRequiredService<EventRegistrations>().ReleaseAsync(registration.Id, ct);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>The person's applications to volunteer shifts, in every city where they registered as a volunteer.</summary>
public class VolunteerApplicationsPersonalData(TsunaguDb db, IServiceScopeFactory scopes) : IPersonalData
{
    public string Section => "volunteerApplications";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct) =>
        (await (from a in db.Set<ShiftApplication>().IgnoreQueryFilters()
                join o in db.Set<Opportunity>().IgnoreQueryFilters() on a.OpportunityId equals o.Id
                join v in db.Set<Volunteer>().IgnoreQueryFilters() on a.VolunteerId equals v.Id
                where v.UserId == subject.UserId
                orderby a.CreatedAt
                select new { o.CityId, Opportunity = o.Title, Status = a.Status.ToString(), a.Message, a.CreatedAt, a.MatchedAt, a.Attended, a.Hours, a.VolunteerConfirmedAt })
            .AsNoTracking().ToListAsync(ct))
        .Select(a => (object)new { City = subject.CitySlugs[a.CityId], a.Opportunity, a.Status, a.Message, a.CreatedAt, a.MatchedAt, a.Attended, a.Hours, a.VolunteerConfirmedAt })
        .ToList();

    /// <summary>
    /// Places the person held on shifts still to come go back to the organisers, city by city: each in a scope of its own
    /// city, as the organisers' notices link to it.
    /// </summary>
    public async Task ReleaseAsync(string userId, CancellationToken ct)
    {
        var registrations = await db.Set<Volunteer>().IgnoreQueryFilters().Where(v => v.UserId == userId)
            .Join(db.Cities, v => v.CityId, c => c.Id, (v, c) => new { v.Id, City = c }).ToListAsync(ct);
        foreach (var registration in registrations)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(registration.City);
            await scope.ServiceProvider.GetRequiredService<ApplicationStateMachine>().ReleaseOpenApplicationsAsync(registration.Id, ct);
        }
    }
}

/// <summary>Messages the person wrote about an application (as volunteer or organiser).</summary>
public class ApplicationMessagesPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "messagesSent";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct) =>
        (await db.Set<ApplicationMessage>().IgnoreQueryFilters().AsNoTracking().Where(m => m.SenderUserId == subject.UserId).OrderBy(m => m.CreatedAt)
            .Select(m => new { m.ApplicationId, m.Body, m.CreatedAt }).ToListAsync(ct))
        .Select(m => (object)m).ToList();
}

/// <summary>Opportunities the person posted (they stay with their organiser, unsigned, when the account goes).</summary>
public class OpportunitiesPostedPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "opportunitiesPosted";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct) =>
        (await db.Set<Opportunity>().IgnoreQueryFilters().AsNoTracking().Where(o => o.CreatedByUserId == subject.UserId).OrderBy(o => o.CreatedAt)
            .Select(o => new { o.CityId, o.Title, o.Description, o.Place, Status = o.Status.ToString(), o.CreatedAt }).ToListAsync(ct))
        .Select(o => (object)new { City = subject.CitySlugs[o.CityId], o.Title, o.Description, o.Place, o.Status, o.CreatedAt })
        .ToList();
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.TalentBank;

/// <summary>What the person registered in the talent bank.</summary>
public class TalentEntriesPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "talentEntries";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct) =>
        (await db.Set<TalentEntry>().IgnoreQueryFilters().AsNoTracking().Where(e => e.UserId == subject.UserId).OrderBy(e => e.CreatedAt)
            .Select(e => new { e.CityId, Kind = e.Kind.ToString(), e.DisplayName, e.Subjects, e.Profile, e.FeeText, e.FeeYen, e.Times, e.ContactPhone, Status = e.Status.ToString(), e.CreatedAt, e.UpdatedAt })
            .ToListAsync(ct))
        .Select(e => (object)new { City = subject.CitySlugs[e.CityId], e.Kind, e.DisplayName, e.Subjects, e.Profile, e.FeeText, e.FeeYen, e.Times, e.ContactPhone, e.Status, e.CreatedAt, e.UpdatedAt })
        .ToList();
}

/// <summary>What the person asked of the talent bank.</summary>
public class TalentRequestsPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "talentRequests";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct) =>
        (await db.Set<TalentRequest>().IgnoreQueryFilters().AsNoTracking().Where(r => r.RequesterUserId == subject.UserId).OrderBy(r => r.CreatedAt)
            .Select(r => new { r.CityId, r.Purpose, r.PreferredDates, r.Participants, r.Message, Status = r.Status.ToString(), r.StaffNote, r.CreatedAt })
            .ToListAsync(ct))
        .Select(r => (object)new { City = subject.CitySlugs[r.CityId], r.Purpose, r.PreferredDates, r.Participants, r.Message, r.Status, r.StaffNote, r.CreatedAt })
        .ToList();
}

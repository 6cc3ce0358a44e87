using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Volunteers;

/// <summary>The person's volunteer registrations (one per city): what they can do, when and where.</summary>
public class VolunteersPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "volunteers";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct)
    {
        var registrations = await db.Set<Volunteer>().IgnoreQueryFilters().AsNoTracking().Where(v => v.UserId == subject.UserId)
            .Include(v => v.Skills).Include(v => v.Interests).Include(v => v.Districts).AsSplitQuery().ToListAsync(ct);
        var skillIds = registrations.SelectMany(v => v.Skills).Select(s => s.SkillId).ToList();
        var skillNames = await db.Set<VolunteerSkill>().IgnoreQueryFilters().Where(s => skillIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var districtIds = registrations.SelectMany(v => v.Districts).Select(d => d.DistrictId).ToList();
        var districtNames = await db.Districts.IgnoreQueryFilters().Where(d => districtIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return registrations.Select(v => (object)new
        {
            City = subject.CitySlugs[v.CityId],
            AgeBand = v.AgeBand.ToString(),
            v.Availability,
            v.FreeSkills,
            v.Languages,
            v.Qualifications,
            v.Phone,
            Notify = v.Notify.ToString(),
            Status = v.Status.ToString(),
            v.GuardianName,
            v.GuardianConsentAt,
            v.ShiftsRecorded,
            v.ShiftsAttended,
            v.CreatedAt,
            v.UpdatedAt,
            Skills = v.Skills.Select(s => skillNames.GetValueOrDefault(s.SkillId)).ToList(),
            Interests = v.Interests.Select(i => i.Field).Order().ToList(),
            Districts = v.Districts.Select(d => districtNames.GetValueOrDefault(d.DistrictId)).ToList(),
        }).ToList();
    }
}

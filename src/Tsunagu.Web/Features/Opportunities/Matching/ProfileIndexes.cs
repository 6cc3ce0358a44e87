using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Volunteers;

namespace Tsunagu.Web.Features.Opportunities.Matching;

/// <summary>The city's active volunteers as matching profiles (paused and departed volunteers drop out).</summary>
public class VolunteerIndex(TimeProvider clock) : CityIndex<VolunteerProfile>(clock)
{
    protected override async Task<List<KeyValuePair<int, VolunteerProfile?>>> LoadAsync(TsunaguDb db, DateTime? since, CancellationToken ct)
    {
        var volunteers = db.Set<Volunteer>().AsNoTracking().Where(v => since == null || v.UpdatedAt > since);
        var rows = await volunteers
            .Select(v => new { v.Id, v.Status, v.AgeBand, v.GuardianConsentAt, v.Availability, v.ShiftsRecorded, v.ShiftsAttended })
            .ToListAsync(ct);
        var skills = await (from s in db.Set<VolunteerSkillChoice>() join v in volunteers on s.VolunteerId equals v.Id select new { s.VolunteerId, Id = s.SkillId })
            .ToListAsync(ct);
        var fields = await (from s in db.Set<VolunteerInterest>() join v in volunteers on s.VolunteerId equals v.Id select new { s.VolunteerId, Id = s.Field })
            .ToListAsync(ct);
        var districts = await (from s in db.Set<VolunteerDistrict>() join v in volunteers on s.VolunteerId equals v.Id select new { s.VolunteerId, Id = s.DistrictId })
            .ToListAsync(ct);
        var skillsOf = skills.ToLookup(s => s.VolunteerId, s => s.Id);
        var fieldsOf = fields.ToLookup(s => s.VolunteerId, s => s.Id);
        var districtsOf = districts.ToLookup(s => s.VolunteerId, s => s.Id);
        return rows.Select(r => new KeyValuePair<int, VolunteerProfile?>(r.Id, r.Status != VolunteerStatus.Active ? null : new VolunteerProfile(
            r.Id, [.. skillsOf[r.Id].Order()], MatchScore.FieldMask(fieldsOf[r.Id]), [.. districtsOf[r.Id].Order()], r.Availability, r.AgeBand,
            r.AgeBand != AgeBand.Under18 || r.GuardianConsentAt != null, r.ShiftsRecorded, r.ShiftsAttended))).ToList();
    }
}

/// <summary>The city's open opportunities as matching profiles, with their shifts still to come.</summary>
public class OpportunityIndex(TimeProvider clock) : CityIndex<OpportunityProfile>(clock)
{
    private readonly TimeProvider clock = clock;

    protected override async Task<List<KeyValuePair<int, OpportunityProfile?>>> LoadAsync(TsunaguDb db, DateTime? since, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var opportunities = db.Set<Opportunity>().AsNoTracking().Where(o => since == null || o.UpdatedAt > since);
        var rows = await opportunities
            .Select(o => new { o.Id, o.Status, o.DistrictId, o.Online, o.MinAge, o.MaxAge })
            .ToListAsync(ct);
        var skills = await (from s in db.Set<OpportunitySkill>() join o in opportunities on s.OpportunityId equals o.Id select s).ToListAsync(ct);
        var fields = await (from f in db.Set<OpportunityField>() join o in opportunities on f.OpportunityId equals o.Id select f).ToListAsync(ct);
        var shifts = await (from s in db.Set<Shift>() join o in opportunities on s.OpportunityId equals o.Id
                            where s.StartsAt > now orderby s.StartsAt select new { s.OpportunityId, s.StartsAt, Full = s.Confirmed >= s.Places }).ToListAsync(ct);
        var skillsOf = skills.ToLookup(s => s.OpportunityId);
        var fieldsOf = fields.ToLookup(f => f.OpportunityId, f => f.Field);
        var shiftsOf = shifts.ToLookup(s => s.OpportunityId, s => new ShiftSlot(s.StartsAt, MatchScore.SlotOf(s.StartsAt), s.Full));
        return rows.Select(r => new KeyValuePair<int, OpportunityProfile?>(r.Id, r.Status != OpportunityStatus.Open ? null : new OpportunityProfile(
            r.Id, [.. skillsOf[r.Id].Where(s => s.Required).Select(s => s.SkillId)], [.. skillsOf[r.Id].Where(s => !s.Required).Select(s => s.SkillId)],
            MatchScore.FieldMask(fieldsOf[r.Id]), r.DistrictId, r.Online, r.MinAge, r.MaxAge, true, [.. shiftsOf[r.Id]]))).ToList();
    }
}

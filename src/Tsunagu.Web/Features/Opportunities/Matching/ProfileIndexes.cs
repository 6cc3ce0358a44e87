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
        if (rows.Count == 0) return [];
        // A full load joins the city's volunteers; a refresh (a handful of rows) looks its children up by id, so the
        // planner never walks every child row to find them.
        var ids = rows.Select(r => r.Id).ToList();
        var owners = since is null ? db.Set<Volunteer>().Select(v => v.Id) : db.Set<Volunteer>().Where(v => ids.Contains(v.Id)).Select(v => v.Id);
        var skills = await (from s in db.Set<VolunteerSkillChoice>() join id in owners on s.VolunteerId equals id select new { s.VolunteerId, Id = s.SkillId })
            .ToListAsync(ct);
        var fields = await (from s in db.Set<VolunteerInterest>() join id in owners on s.VolunteerId equals id select new { s.VolunteerId, Id = s.Field })
            .ToListAsync(ct);
        var districts = await (from s in db.Set<VolunteerDistrict>() join id in owners on s.VolunteerId equals id select new { s.VolunteerId, Id = s.DistrictId })
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
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var owners = since is null ? db.Set<Opportunity>().Select(o => o.Id) : db.Set<Opportunity>().Where(o => ids.Contains(o.Id)).Select(o => o.Id);
        var skills = await (from s in db.Set<OpportunitySkill>() join id in owners on s.OpportunityId equals id select s).ToListAsync(ct);
        var fields = await (from f in db.Set<OpportunityField>() join id in owners on f.OpportunityId equals id select f).ToListAsync(ct);
        var shifts = await (from s in db.Set<Shift>()
                            join id in owners on s.OpportunityId equals id
                            where s.StartsAt > now
                            orderby s.StartsAt
                            select new { s.OpportunityId, s.StartsAt, Full = s.Confirmed >= s.Places }).ToListAsync(ct);
        var skillsOf = skills.ToLookup(s => s.OpportunityId);
        var fieldsOf = fields.ToLookup(f => f.OpportunityId, f => f.Field);
        var shiftsOf = shifts.ToLookup(s => s.OpportunityId, s => new ShiftSlot(s.StartsAt, MatchScore.SlotOf(s.StartsAt), s.Full));
        return rows.Select(r => new KeyValuePair<int, OpportunityProfile?>(r.Id, r.Status != OpportunityStatus.Open ? null : new OpportunityProfile(
            r.Id, [.. skillsOf[r.Id].Where(s => s.Required).Select(s => s.SkillId)], [.. skillsOf[r.Id].Where(s => !s.Required).Select(s => s.SkillId)],
            MatchScore.FieldMask(fieldsOf[r.Id]), r.DistrictId, r.Online, r.MinAge, r.MaxAge, true, [.. shiftsOf[r.Id]]))).ToList();
    }
}

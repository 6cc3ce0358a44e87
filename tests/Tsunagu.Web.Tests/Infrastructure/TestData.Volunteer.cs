using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Tests.Infrastructure;

public static partial class TestData
{
    public sealed class VolunteerSpec
    {
        /// <summary>The person registered; a new one when none is given.</summary>
        public string? UserId { get; set; }
        public AgeBand AgeBand { get; set; } = AgeBand.Age40s;
        /// <summary>Skills by name from the city's list.</summary>
        public List<string> Skills { get; } = [];
        public List<int> Interests { get; } = [];
        /// <summary>Weekday × time of day, one bit each (<see cref="Volunteer.Availability"/>); every slot by default.</summary>
        public int Availability { get; set; } = (1 << 21) - 1;
        public NotifyPreference Notify { get; set; } = NotifyPreference.None;
        /// <summary>For a volunteer under 18: whether a guardian has consented.</summary>
        public bool GuardianConsent { get; set; } = true;
        public string? Phone { get; set; } = "083-000-0000";

        public VolunteerSpec For(AppUser user) => For(user.Id);
        public VolunteerSpec For(string userId) { UserId = userId; return this; }
        public VolunteerSpec Aged(AgeBand band) { AgeBand = band; return this; }
        public VolunteerSpec WithSkills(params string[] names) { Skills.AddRange(names); return this; }
        /// <summary>Activity fields, 1–20.</summary>
        public VolunteerSpec InterestedIn(params int[] fields) { Interests.AddRange(fields); return this; }
        public VolunteerSpec AvailableAt(int slots) { Availability = slots; return this; }
        public VolunteerSpec Notified(NotifyPreference notify) { Notify = notify; return this; }
        public VolunteerSpec WithoutGuardianConsent() { GuardianConsent = false; return this; }
        public VolunteerSpec WithPhone(string? phone) { Phone = phone; return this; }

        /// <summary>The active registration this spec describes, not yet saved: for writing many at once.</summary>
        public Volunteer Build(int cityId, string userId, IEnumerable<int> skillIds)
        {
            var now = DateTime.UtcNow;
            var volunteer = new Volunteer
            {
                CityId = cityId,
                UserId = userId,
                AgeBand = AgeBand,
                Availability = Availability,
                Notify = Notify,
                Status = VolunteerStatus.Active,
                Phone = Phone,
                GuardianConsentAt = AgeBand == AgeBand.Under18 && GuardianConsent ? now : null,
                CreatedAt = now,
                UpdatedAt = now,
            };
            volunteer.Skills.AddRange(skillIds.Select(id => new VolunteerSkillChoice { SkillId = id }));
            volunteer.Interests.AddRange(Interests.Select(f => new VolunteerInterest { Field = f }));
            return volunteer;
        }
    }

    /// <summary>
    /// An active volunteer registration: `await TestData.CreateVolunteerAsync(f, "nagato", v => v.For(user).WithSkills("手話"))`.
    /// Without <see cref="VolunteerSpec.For(AppUser)"/> it registers a new person.
    /// </summary>
    public static async Task<Volunteer> CreateVolunteerAsync(TsunaguFactory factory, string city, Action<VolunteerSpec>? configure = null)
    {
        var spec = new VolunteerSpec();
        configure?.Invoke(spec);
        var userId = spec.UserId ?? (await CreateUserAsync(factory)).Id;
        var cityId = await CityIdAsync(factory, city);
        return await WithDbAsync(factory, async db =>
        {
            var volunteer = spec.Build(cityId, userId, await SkillIdsAsync(db, cityId, spec.Skills));
            db.Add(volunteer);
            await db.SaveChangesAsync();
            return volunteer;
        });
    }

    /// <summary>The ids of skills of the city's list by name; the default list is created as the app would on first use.</summary>
    public static async Task<List<int>> SkillIdsAsync(TsunaguDb db, int cityId, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0) return [];
        if (!await db.Set<VolunteerSkill>().IgnoreQueryFilters().AnyAsync(s => s.CityId == cityId))
        {
            db.AddRange(VolunteerService.DefaultSkills.Select((n, i) => new VolunteerSkill { CityId = cityId, Name = n, SortOrder = i + 1 }));
            await db.SaveChangesAsync();
        }
        return await db.Set<VolunteerSkill>().IgnoreQueryFilters().Where(s => s.CityId == cityId && names.Contains(s.Name)).Select(s => s.Id).ToListAsync();
    }
}

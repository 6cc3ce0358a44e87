using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Opportunities;

namespace Tsunagu.Web.Tests.Infrastructure;

public static partial class TestData
{
    public sealed class OpportunitySpec
    {
        /// <summary>The group that organises it; a new group when none is given.</summary>
        public int? GroupId { get; set; }
        public string Title { get; set; } = "公園の花壇づくり";
        public int PlacesPerShift { get; set; } = 3;
        public int ShiftCount { get; set; } = 1;
        /// <summary>When the first shift starts, from now; the others follow weekly.</summary>
        public TimeSpan StartsIn { get; set; } = TimeSpan.FromDays(3);
        public TimeSpan Length { get; set; } = TimeSpan.FromHours(2);
        /// <summary>Skills by name from the city's list.</summary>
        public List<string> RequiredSkills { get; } = [];
        public List<int> Fields { get; } = [];
        public int? MinAge { get; set; }
        public int? MaxAge { get; set; }

        public OpportunitySpec OrganisedBy(int groupId) { GroupId = groupId; return this; }
        public OpportunitySpec Titled(string title) { Title = title; return this; }
        /// <summary>Places in each shift.</summary>
        public OpportunitySpec Places(int places) { PlacesPerShift = places; return this; }
        /// <summary>How many weekly shifts.</summary>
        public OpportunitySpec Shifts(int count) { ShiftCount = count; return this; }
        public OpportunitySpec StartingIn(TimeSpan fromNow) { StartsIn = fromNow; return this; }
        public OpportunitySpec Lasting(TimeSpan length) { Length = length; return this; }
        public OpportunitySpec Requiring(params string[] skills) { RequiredSkills.AddRange(skills); return this; }
        /// <summary>Activity fields, 1–20.</summary>
        public OpportunitySpec InFields(params int[] fields) { Fields.AddRange(fields); return this; }
        public OpportunitySpec ForAges(int? min = null, int? max = null) { MinAge = min; MaxAge = max; return this; }
    }

    /// <summary>
    /// An open opportunity of a group with weekly shifts: `var (id, shifts) = await TestData.CreateOpportunityAsync(f, "nagato",
    /// o => o.OrganisedBy(groupId).Places(1))` gives its id and its shifts' ids in order (<see cref="Deconstruct"/>).
    /// </summary>
    public static async Task<Opportunity> CreateOpportunityAsync(TsunaguFactory factory, string city, Action<OpportunitySpec>? configure = null)
    {
        var spec = new OpportunitySpec();
        configure?.Invoke(spec);
        var groupId = spec.GroupId ?? (await CreateGroupAsync(factory, city)).Id;
        var cityId = await CityIdAsync(factory, city);
        return await WithDbAsync(factory, async db =>
        {
            var skills = await SkillIdsAsync(db, cityId, spec.RequiredSkills);
            var now = DateTime.UtcNow;
            var opportunity = new Opportunity
            {
                CityId = cityId,
                Title = spec.Title,
                Description = "花を植えて水やりをします。",
                OrganiserKind = OrganiserKind.Group,
                GroupId = groupId,
                Place = "中央公園",
                MinAge = spec.MinAge,
                MaxAge = spec.MaxAge,
                Status = OpportunityStatus.Open,
                CreatedAt = now,
                UpdatedAt = now,
                NotifiedAt = now,
                SearchText = SearchText.Of(spec.Title),
            };
            opportunity.Skills.AddRange(skills.Select(id => new OpportunitySkill { SkillId = id, Required = true }));
            opportunity.Fields.AddRange(spec.Fields.Select(f => new OpportunityField { Field = f }));
            for (var i = 0; i < spec.ShiftCount; i++)
            {
                var start = now.Add(spec.StartsIn).AddDays(7 * i);
                opportunity.Shifts.Add(new Shift { CityId = cityId, StartsAt = start, EndsAt = start.Add(spec.Length), Places = spec.PlacesPerShift });
            }
            db.Add(opportunity);
            await db.SaveChangesAsync();
            return opportunity;
        });
    }

    /// <summary>`var (id, shifts) = opportunity`: its id and its shifts' ids, earliest first.</summary>
    public static void Deconstruct(this Opportunity opportunity, out int id, out List<int> shiftIds)
    {
        id = opportunity.Id;
        shiftIds = opportunity.Shifts.OrderBy(s => s.StartsAt).Select(s => s.Id).ToList();
    }
}

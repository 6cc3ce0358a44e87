using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>
/// What the console, programme and search tests need beyond <see cref="OpportunityTestData"/>: programmes, districts, skills,
/// changes to an opportunity, and applications with a chosen age and outcome, written straight to the database.
/// </summary>
public static class MatchingTestData
{
    /// <summary>A programme of the city, as centre staff would add it.</summary>
    public static async Task<int> ProgrammeAsync(TsunaguFactory factory, string city, string name)
    {
        var cityId = await TestData.CityIdAsync(factory, city);
        return await TestData.WithDbAsync(factory, async db =>
        {
            var p = new Programme { CityId = cityId, Name = name, SortOrder = 1 };
            db.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
    }

    /// <summary>The city's districts in their order: (id, name).</summary>
    public static async Task<List<(int Id, string Name)>> DistrictsAsync(TsunaguFactory factory, string city)
    {
        var cityId = await TestData.CityIdAsync(factory, city);
        var rows = await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().Where(d => d.CityId == cityId).OrderBy(d => d.SortOrder)
            .Select(d => new { d.Id, d.Name }).ToListAsync());
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    /// <summary>The id of a skill of the city's list by name; the default list is created as the app would on first use.</summary>
    public static async Task<int> SkillIdAsync(TsunaguFactory factory, string city, string name)
    {
        var cityId = await TestData.CityIdAsync(factory, city);
        return await TestData.WithDbAsync(factory, async db => (await TestData.SkillIdsAsync(db, cityId, [name])).Single());
    }

    /// <summary>Changes an opportunity (with its skills and fields loaded) and saves it.</summary>
    public static Task ChangeOpportunityAsync(TsunaguFactory factory, int id, Action<Opportunity> change) =>
        TestData.WithDbAsync(factory, async db =>
        {
            var o = await db.Set<Opportunity>().IgnoreQueryFilters().Include(x => x.Skills).Include(x => x.Fields).Include(x => x.Shifts).SingleAsync(x => x.Id == id);
            change(o);
            o.UpdatedAt = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });

    public sealed class ApplicationSpec
    {
        public ApplicationStatus Status { get; set; } = ApplicationStatus.Applied;
        public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
        public DateTime? MatchedAt { get; set; }
        public int? ProgrammeId { get; set; }
        public int? DistrictId { get; set; }
        public int? GroupId { get; set; }
    }

    /// <summary>An application (or, confirmed, a matching) of a volunteer for a shift, with the dates the test needs.</summary>
    public static async Task<int> ApplicationAsync(TsunaguFactory factory, string city, int opportunityId, int shiftId, int volunteerId, Action<ApplicationSpec>? configure = null)
    {
        var spec = new ApplicationSpec();
        configure?.Invoke(spec);
        var cityId = await TestData.CityIdAsync(factory, city);
        return await TestData.WithDbAsync(factory, async db =>
        {
            var a = new ShiftApplication
            {
                CityId = cityId,
                OpportunityId = opportunityId,
                ShiftId = shiftId,
                VolunteerId = volunteerId,
                Status = spec.Status,
                CreatedAt = spec.CreatedAt,
                MatchedAt = spec.MatchedAt,
                DecidedAt = spec.MatchedAt,
                ProgrammeId = spec.ProgrammeId,
                DistrictId = spec.DistrictId,
                GroupId = spec.GroupId,
            };
            db.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
    }

    /// <summary>A signed-in person with a volunteer registration in the city.</summary>
    public static async Task<(Browser Browser, AppUser User, int VolunteerId)> SignedInVolunteerAsync(TsunaguFactory factory, string city)
    {
        var user = await TestData.CreateUserAsync(factory);
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, user, (await TestData.CreateVolunteerAsync(factory, city, v => v.For(user))).Id);
    }

    /// <summary>A volunteer applies for a shift through the opportunity's page.</summary>
    public static Task<HttpResponseMessage> ApplyAsync(Browser volunteer, string city, int opportunityId, int shiftId) =>
        volunteer.PostWithTokenAsync($"/{city}/opportunities/{opportunityId}", $"/{city}/opportunities/{opportunityId}?handler=Apply",
            new Dictionary<string, string> { ["ShiftId"] = shiftId.ToString(CultureInfo.InvariantCulture), ["Message"] = "よろしくお願いします" });

    /// <summary>The organiser accepts an application on the manage page.</summary>
    public static Task<HttpResponseMessage> AcceptAsync(Browser organiser, string city, int opportunityId, int applicationId) =>
        organiser.PostWithTokenAsync($"/{city}/opportunities/{opportunityId}/manage", $"/{city}/opportunities/{opportunityId}/manage?handler=Accept",
            new Dictionary<string, string> { ["applicationId"] = applicationId.ToString(CultureInfo.InvariantCulture) });
}

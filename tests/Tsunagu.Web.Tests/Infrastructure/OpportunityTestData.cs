using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>Builds opportunities and API tokens straight in the database, for the matching tests.</summary>
public static class OpportunityTestData
{
    public sealed class OpportunitySpec
    {
        public string Title { get; set; } = "公園の花壇づくり";
        public int Places { get; set; } = 3;
        public int Shifts { get; set; } = 1;
        public TimeSpan StartsIn { get; set; } = TimeSpan.FromDays(3);
        public TimeSpan Length { get; set; } = TimeSpan.FromHours(2);
        public List<string> RequiredSkills { get; } = [];
        public List<int> Fields { get; } = [];
        public int? MinAge { get; set; }
        public int? MaxAge { get; set; }
    }

    /// <summary>An open opportunity of a group, with weekly shifts; returns its id and the shift ids.</summary>
    public static async Task<(int Id, List<int> Shifts)> OpportunityAsync(TsunaguFactory factory, string city, int groupId, Action<OpportunitySpec>? configure = null)
    {
        var spec = new OpportunitySpec();
        configure?.Invoke(spec);
        var cityId = await TestData.CityIdAsync(factory, city);
        return await TestData.WithDbAsync(factory, async db =>
        {
            var skills = await TestData.SkillIdsAsync(db, cityId, spec.RequiredSkills);
            var now = DateTime.UtcNow;
            var o = new Opportunity
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
            o.Skills.AddRange(skills.Select(id => new OpportunitySkill { SkillId = id, Required = true }));
            o.Fields.AddRange(spec.Fields.Select(f => new OpportunityField { Field = f }));
            for (var i = 0; i < spec.Shifts; i++)
            {
                var start = now.Add(spec.StartsIn).AddDays(7 * i);
                o.Shifts.Add(new Shift { CityId = cityId, StartsAt = start, EndsAt = start.Add(spec.Length), Places = spec.Places });
            }
            db.Add(o);
            await db.SaveChangesAsync();
            return (o.Id, o.Shifts.OrderBy(s => s.StartsAt).Select(s => s.Id).ToList());
        });
    }

    /// <summary>Moves a shift into the past, as if it had happened.</summary>
    public static Task PastAsync(TsunaguFactory factory, int shiftId) =>
        TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().Where(s => s.Id == shiftId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.StartsAt, DateTime.UtcNow.AddHours(-3)).SetProperty(x => x.EndsAt, DateTime.UtcNow.AddHours(-1))));

    /// <summary>
    /// Many active volunteers at once, each with an API token and an e-mail address. Accounts are written directly: they
    /// sign in only with tokens, so no password hashing is needed.
    /// </summary>
    public static async Task<List<(string Token, string Email)>> VolunteersWithTokensAsync(TsunaguFactory factory, string city, int count)
    {
        var cityId = await TestData.CityIdAsync(factory, city);
        var people = new List<(string, string)>();
        await TestData.WithDbAsync(factory, async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var email = $"load-{Guid.NewGuid():N}@example.jp";
                var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = $"応募者{i}", SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DateTime.UtcNow };
                db.Users.Add(user);
                db.Add(new TestData.VolunteerSpec().Aged(AgeBand.Age30s).AvailableAt(0).WithPhone(null).Build(cityId, user.Id, []));
                var (secret, hash) = ApiToken.NewSecret();
                db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "load", TokenHash = hash, Prefix = secret[..12], CreatedAt = DateTime.UtcNow });
                people.Add((secret, email));
            }
            return await db.SaveChangesAsync();
        });
        return people;
    }

    /// <summary>A personal API token for a user, as the account page issues one.</summary>
    public static async Task<string> ApiTokenAsync(TsunaguFactory factory, string userId)
    {
        var (secret, hash) = ApiToken.NewSecret();
        await TestData.WithDbAsync(factory, async db =>
        {
            db.ApiTokens.Add(new ApiToken { UserId = userId, Name = "test", TokenHash = hash, Prefix = secret[..12], CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        return secret;
    }
}

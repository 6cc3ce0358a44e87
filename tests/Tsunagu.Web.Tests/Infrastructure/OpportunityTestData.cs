using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>What the matching tests need beyond the builders: shifts moved into the past, many volunteers with API tokens, tokens.</summary>
public static class OpportunityTestData
{
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

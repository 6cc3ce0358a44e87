using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>
/// Builds test data: `await TestData.CreateUserAsync(f, u => u.InCity("nagato", CityRole.CityAdmin))`. People go through the
/// app's own services; the city's rows (rooms, groups, events, …) are written straight to the database by one builder per
/// entity in <c>TestData.&lt;Entity&gt;.cs</c>: `await TestData.CreateRoomAsync(f, "nagato", r => r.Named("会議室1").Seating(20))`.
/// </summary>
public static partial class TestData
{
    public const string Password = "correct-horse-battery";

    public sealed class UserSpec
    {
        public string Email { get; set; } = $"user-{Guid.NewGuid():N}@example.jp";
        public string DisplayName { get; set; } = "テスト 太郎";
        public bool Confirmed { get; set; } = true;
        public bool TwoFactorExempt { get; set; }
        public bool PlatformAdmin { get; set; }
        public List<(string City, CityRole Role, string? Department)> Roles { get; } = [];

        public UserSpec WithEmail(string email) { Email = email; return this; }
        public UserSpec Unconfirmed() { Confirmed = false; return this; }
        /// <summary>Staff roles need 2FA; most tests are about something else, so they skip it like the demo accounts.</summary>
        public UserSpec ExemptFromTwoFactor() { TwoFactorExempt = true; return this; }
        public UserSpec AsPlatformAdmin() { PlatformAdmin = true; return this; }
        public UserSpec InCity(string city, CityRole role, string? department = null) { Roles.Add((city, role, department)); return this; }
    }

    public static async Task<AppUser> CreateUserAsync(TsunaguFactory factory, Action<UserSpec>? configure = null)
    {
        await factory.EnsurePreparedAsync();
        var spec = new UserSpec();
        configure?.Invoke(spec);
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var user = new AppUser
        {
            UserName = spec.Email,
            Email = spec.Email,
            EmailConfirmed = spec.Confirmed,
            DisplayName = spec.DisplayName,
            TwoFactorExempt = spec.TwoFactorExempt,
            IsPlatformAdmin = spec.PlatformAdmin,
            CreatedAt = DateTime.UtcNow,
        };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        foreach (var (slug, role, department) in spec.Roles)
        {
            var city = await db.Cities.SingleAsync(c => c.Slug == slug);
            int? departmentId = department is null ? null
                : await db.Departments.IgnoreQueryFilters().Where(d => d.CityId == city.Id && d.Name == department).Select(d => (int?)d.Id).SingleAsync();
            if (role == CityRole.DepartmentStaff && departmentId is null)
                departmentId = await db.Departments.IgnoreQueryFilters().Where(d => d.CityId == city.Id).OrderBy(d => d.Id).Select(d => (int?)d.Id).FirstAsync();
            db.CityMemberships.Add(new CityMembership { CityId = city.Id, UserId = user.Id, Role = role, DepartmentId = departmentId, CreatedAt = DateTime.UtcNow });
        }
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>A new person, signed in through the sign-in page, with their browser.</summary>
    public static async Task<(Browser Browser, AppUser User)> SignedInAsync(TsunaguFactory factory, Action<UserSpec>? configure = null)
    {
        var user = await CreateUserAsync(factory, configure);
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, user);
    }

    public static async Task<T> WithDbAsync<T>(TsunaguFactory factory, Func<TsunaguDb, Task<T>> query)
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<TsunaguDb>());
    }

    public static Task<int> CityIdAsync(TsunaguFactory factory, string slug) =>
        WithDbAsync(factory, db => db.Cities.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());

    /// <summary>A name no other test uses: the prefix and eight hex digits (each test class shares one database).</summary>
    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    /// <summary>Writes one row of the city as it is and returns it with its id.</summary>
    private static Task<T> AddAsync<T>(TsunaguFactory factory, T row) where T : class =>
        WithDbAsync(factory, async db =>
        {
            db.Add(row);
            await db.SaveChangesAsync();
            return row;
        });

    public static Task<int> FirstDepartmentIdAsync(TsunaguFactory factory, string citySlug) =>
        WithDbAsync(factory, db => db.Departments.IgnoreQueryFilters()
            .Where(d => db.Cities.Any(c => c.Id == d.CityId && c.Slug == citySlug)).OrderBy(d => d.SortOrder).Select(d => d.Id).FirstAsync());

    /// <summary>The newest outbox message to an address: how tests read the links people get by e-mail.</summary>
    public static Task<Tsunagu.Web.Email.OutboxMessage> LastMailToAsync(TsunaguFactory factory, string email) =>
        WithDbAsync(factory, db => db.OutboxMessages.Where(m => m.To == email).OrderByDescending(m => m.Id).FirstAsync());

    public static string FirstLink(string body)
    {
        var match = System.Text.RegularExpressions.Regex.Match(body, @"https?://\S+");
        if (!match.Success) throw new InvalidOperationException("No link in: " + body);
        return new Uri(match.Value).PathAndQuery;
    }
}

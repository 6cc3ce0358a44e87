using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Data.Demo;

/// <summary>
/// Loads the four cities of the source documents (cities.json, transcribed from ../shared/seeds)
/// and, in Development, one demo account per role. Running it again changes nothing.
/// </summary>
public class DemoSeeder(TsunaguDb db, UserManager<AppUser> users, CityDirectory directory) : IDemoDataSet
{
    public int Order => 0;
    public string Description => "Cities";

    Task<int> IDemoDataSet.SeedAsync(CancellationToken ct) => SeedCitiesAsync(ct);

    public const string DemoPassword = "tsunagu-demo-2026";

    public sealed record DemoAccount(string Email, string City, string Role);

    public static IReadOnlyList<CitySeed> LoadCities()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tsunagu.Web.Data.Demo.cities.json")
            ?? throw new InvalidOperationException("cities.json is not embedded.");
        return JsonSerializer.Deserialize<List<CitySeed>>(stream, JsonSerializerOptions.Web)!;
    }

    public async Task<int> SeedCitiesAsync(CancellationToken ct = default)
    {
        var added = 0;
        foreach (var seed in LoadCities())
        {
            if (!LocalGovernmentCode.IsValid(seed.Code)) throw new InvalidOperationException($"Bad city code {seed.Code} in cities.json");
            if (Prefectures.OfCityCode(seed.Code)?.Ja != seed.Prefecture)
                throw new InvalidOperationException($"City code {seed.Code} is not in {seed.Prefecture} (cities.json)");
            if (await db.Cities.FirstOrDefaultAsync(c => c.Slug == seed.Slug, ct) is { } existing)
            {
                // A city loaded by an earlier version gets the departments added to cities.json since (the demo plans name them).
                var known = await db.Departments.IgnoreQueryFilters().Where(d => d.CityId == existing.Id).Select(d => d.Name).ToListAsync(ct);
                var next = known.Count;
                foreach (var d in seed.Departments.Where(d => !known.Contains(d.Name)))
                    db.Departments.Add(d.ToDepartment(existing.Id, ++next));
                // A city that never set its terms gets the demo's; terms a city has set are its own.
                if (existing.EvaluatingBodyName is null && existing.DeskName is null) seed.ApplyTerms(existing);
                await db.SaveChangesAsync(ct);
                await LinkSuccessorsAsync(existing.Id, seed, ct);
                continue;
            }
            var city = new City
            {
                Slug = seed.Slug,
                Code = seed.Code,
                Name = seed.Name,
                NameEn = seed.NameEn,
                Prefecture = seed.Prefecture,
                CentreName = seed.CentreName,
                CentreNameEn = seed.CentreNameEn,
            };
            seed.ApplyTerms(city);
            db.Cities.Add(city);
            await db.SaveChangesAsync(ct);
            var order = 0;
            foreach (var d in seed.Districts)
            {
                db.Districts.Add(new District
                {
                    CityId = city.Id,
                    Name = d.Name,
                    NameEn = d.NameEn,
                    CouncilName = d.CouncilName,
                    Population = d.Population,
                    Population65Plus = d.Population65Plus,
                    AgingRatePercent = d.AgingRatePercent,
                    Households = d.Households,
                    SortOrder = ++order,
                });
            }
            order = 0;
            foreach (var d in seed.Departments)
                db.Departments.Add(d.ToDepartment(city.Id, ++order));
            await db.SaveChangesAsync(ct);
            await LinkSuccessorsAsync(city.Id, seed, ct);
            added++;
        }
        directory.Invalidate();
        return added;
    }

    /// <summary>A department that was merged or renamed points at the one that took over (Muroran's 市民活動推進課 → 地域生活課).</summary>
    private async Task LinkSuccessorsAsync(int cityId, CitySeed seed, CancellationToken ct)
    {
        var departments = await db.Departments.IgnoreQueryFilters().Where(d => d.CityId == cityId).ToListAsync(ct);
        foreach (var d in seed.Departments.Where(d => d.Successor is not null))
        {
            var merged = departments.First(x => x.Name == d.Name);
            merged.SuccessorId ??= departments.FirstOrDefault(x => x.Name == d.Successor)?.Id
                ?? throw new InvalidOperationException($"cities.json: the successor 「{d.Successor}」 of 「{d.Name}」 is not a department of {seed.Slug}");
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>One account per role per city, e-mail confirmed and exempt from 2FA (Development only).</summary>
    public async Task<IReadOnlyList<DemoAccount>> SeedDemoAccountsAsync(CancellationToken ct = default)
    {
        var accounts = new List<DemoAccount>();
        await EnsureUserAsync("admin@demo.tsunagu.jp", "プラットフォーム管理者", null, u => u.IsPlatformAdmin = true);
        accounts.Add(new("admin@demo.tsunagu.jp", "*", "プラットフォーム管理者"));

        var cities = await db.Cities.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        foreach (var city in cities)
        {
            var firstDepartment = await db.Departments.IgnoreQueryFilters().Where(d => d.CityId == city.Id)
                .OrderBy(d => d.SortOrder).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
            foreach (var role in Enum.GetValues<CityRole>())
            {
                var email = $"{RoleSlug(role)}.{city.Slug}@demo.tsunagu.jp";
                var user = await EnsureUserAsync(email, $"{city.Name} {CityRoles.Japanese(role)}（デモ）", city.Id, _ => { });
                if (role != CityRole.Citizen && !await db.CityMemberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == user.Id && m.CityId == city.Id, ct))
                {
                    db.CityMemberships.Add(new CityMembership
                    {
                        CityId = city.Id,
                        UserId = user.Id,
                        Role = role,
                        CreatedAt = DateTime.UtcNow,
                        DepartmentId = role == CityRole.DepartmentStaff ? firstDepartment : null,
                    });
                    await db.SaveChangesAsync(ct);
                }
                accounts.Add(new(email, city.Slug, CityRoles.Japanese(role)));
            }
        }
        return accounts;
    }

    public static string RoleSlug(CityRole role) => role switch
    {
        CityRole.Citizen => "citizen",
        CityRole.GroupAdmin => "group",
        CityRole.CentreStaff => "centre",
        CityRole.DepartmentStaff => "dept",
        CityRole.PlanManager => "plan",
        CityRole.CouncilMember => "council",
        CityRole.CityAdmin => "cityadmin",
        _ => role.ToString().ToLowerInvariant(),
    };

    private async Task<AppUser> EnsureUserAsync(string email, string name, int? homeCityId, Action<AppUser> configure)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is not null) return user;
        user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            HomeCityId = homeCityId,
            TwoFactorExempt = true,
            CreatedAt = DateTime.UtcNow,
        };
        configure(user);
        var result = await users.CreateAsync(user, DemoPassword);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }
}

public sealed record CitySeed(
    string Slug, string Code, string Name, string NameEn, string Prefecture, string CentreName, string CentreNameEn,
    List<DistrictSeed> Districts, List<DepartmentSeed> Departments,
    bool HasCentre = true, string? DeskName = null, string? DeskNameEn = null, string? EvaluatingBodyName = null, string? EvaluatingBodyNameEn = null,
    string? EvaluationTerm = null, string? EvaluationTermEn = null, string? DistrictTerm = null)
{
    public void ApplyTerms(City city)
    {
        city.HasCentre = HasCentre;
        city.DeskName = DeskName;
        city.DeskNameEn = DeskNameEn;
        city.EvaluatingBodyName = EvaluatingBodyName;
        city.EvaluatingBodyNameEn = EvaluatingBodyNameEn;
        city.EvaluationTerm = EvaluationTerm;
        city.EvaluationTermEn = EvaluationTermEn;
        city.DistrictTerm = DistrictTerm;
    }
}

public sealed record DistrictSeed(
    string Name, string? NameEn, string? CouncilName, int? Population, int? Population65Plus, decimal? AgingRatePercent, int? Households);

public sealed record DepartmentSeed(
    string Name, string? NameEn, string? Bureau = null, string? Section = null, DateOnly? ActiveFrom = null, DateOnly? ActiveTo = null, string? Successor = null)
{
    public Department ToDepartment(int cityId, int sortOrder) => new()
    {
        CityId = cityId,
        Name = Name,
        NameEn = NameEn,
        Bureau = Bureau,
        Section = Section,
        ActiveFrom = ActiveFrom,
        ActiveTo = ActiveTo,
        SortOrder = sortOrder,
    };
}

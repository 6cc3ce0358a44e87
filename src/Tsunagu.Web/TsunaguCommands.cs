using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Data.Demo;
using Tsunagu.Web.Features.Cities.Setup;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web;

/// <summary>
/// Operator commands: `dotnet run --project src/Tsunagu.Web -- migrate | seed-demo |
/// create-user --city SLUG --email E --password P --role ROLE | create-api-token --email E [--name N] |
/// import-departments --city SLUG --file F | import-districts --city SLUG --file F |
/// set-city-terms --city SLUG [--centre-name N] [--has-centre yes|no] [--desk N] [--evaluating-body N] [--evaluation-term T] [--district-term 地区|地域] |
/// scaffold-migration [Table …]`.
/// </summary>
public static class TsunaguCommands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return false;
        Environment.ExitCode = await RunAsync(app.Services, args, Console.Out, Console.Error);
        return true;
    }

    /// <summary>Runs one command; returns the process exit code (0 done, 1 refused, 2 unknown command).</summary>
    public static async Task<int> RunAsync(IServiceProvider root, string[] args, TextWriter output, TextWriter errors)
    {
        using var scope = root.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TsunaguDb>();
        var options = ParseOptions(args.Skip(1).ToArray());
        try
        {
            switch (args[0])
            {
                case "migrate":
                    await DatabaseRegistration.MigrateAsync(db);
                    output.WriteLine("Database is up to date.");
                    return 0;
                case "seed-demo":
                    await DatabaseRegistration.MigrateAsync(db);
                    foreach (var (what, added) in await DemoData.SeedAllAsync(services))
                        output.WriteLine($"{what} added: {added}");
                    var accounts = await services.GetRequiredService<DemoSeeder>().SeedDemoAccountsAsync();
                    output.WriteLine($"Demo accounts: {accounts.Count} (password {DemoSeeder.DemoPassword})");
                    return 0;
                case "create-user":
                    await DatabaseRegistration.MigrateAsync(db);
                    output.WriteLine(await CreateUserAsync(services, db, options));
                    return 0;
                case "create-api-token":
                    await DatabaseRegistration.MigrateAsync(db);
                    output.WriteLine(await CreateApiTokenAsync(services, db, options));
                    return 0;
                case "import-departments":
                case "import-districts":
                    await DatabaseRegistration.MigrateAsync(db);
                    output.WriteLine(await ImportSetupAsync(services, db, options, args[0] == "import-departments" ? SetupTable.Departments : SetupTable.Districts));
                    return 0;
                case "set-city-terms":
                    await DatabaseRegistration.MigrateAsync(db);
                    output.WriteLine(await SetCityTermsAsync(services, db, options));
                    return 0;
                case "scaffold-migration":
                    output.WriteLine(MigrationScaffolder.Scaffold(db, args.Skip(1).ToArray()));
                    return 0;
                default:
                    errors.WriteLine($"Unknown command '{args[0]}'. Commands: migrate, seed-demo, create-user, create-api-token, import-departments, import-districts, set-city-terms, scaffold-migration.");
                    return 2;
            }
        }
        catch (CommandException ex)
        {
            errors.WriteLine(ex.Message);
            return 1;
        }
    }

    private static async Task<string> CreateUserAsync(IServiceProvider services, TsunaguDb db, Dictionary<string, string> o)
    {
        var email = Require(o, "email");
        var password = Require(o, "password");
        var roleText = o.GetValueOrDefault("role", "citizen");
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var platformAdmin = roleText.Equals("platform-admin", StringComparison.OrdinalIgnoreCase);

        Tenancy.City? city = null;
        CityRole role = CityRole.Citizen;
        if (!platformAdmin)
        {
            var slug = Require(o, "city");
            city = await db.Cities.FirstOrDefaultAsync(c => c.Slug == slug) ?? throw new CommandException($"No city '{slug}'.");
            role = ParseRole(roleText);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = o.GetValueOrDefault("name", email),
                HomeCityId = city?.Id,
                IsPlatformAdmin = platformAdmin,
                CreatedAt = DateTime.UtcNow,
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded) throw new CommandException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
        }
        else if (platformAdmin)
        {
            user.IsPlatformAdmin = true;
            await users.UpdateAsync(user);
        }

        if (city is not null && role != CityRole.Citizen
            && !await db.CityMemberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == user.Id && m.CityId == city.Id && m.Role == role))
        {
            int? departmentId = null;
            if (o.TryGetValue("department", out var dept))
                departmentId = await db.Departments.IgnoreQueryFilters().Where(d => d.CityId == city.Id && d.Name == dept).Select(d => (int?)d.Id).FirstOrDefaultAsync()
                    ?? throw new CommandException($"No department '{dept}' in {city.Slug}.");
            db.CityMemberships.Add(new CityMembership { CityId = city.Id, UserId = user.Id, Role = role, DepartmentId = departmentId, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        return $"User {email}: {(platformAdmin ? "platform administrator" : $"{CityRoles.Japanese(role)} in {city!.Slug}")}";
    }

    private static async Task<string> CreateApiTokenAsync(IServiceProvider services, TsunaguDb db, Dictionary<string, string> o)
    {
        var email = Require(o, "email");
        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email) ?? throw new CommandException($"No user '{email}'.");
        var (secret, hash) = ApiToken.NewSecret();
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = o.GetValueOrDefault("name", "command line"), TokenHash = hash, Prefix = secret[..12], CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return secret;
    }

    /// <summary>For a first install: the city's departments or districts from the same CSV or Excel file the page takes, all or nothing.</summary>
    private static async Task<string> ImportSetupAsync(IServiceProvider services, TsunaguDb db, Dictionary<string, string> o, SetupTable table)
    {
        var city = await UseCityAsync(services, db, o);
        var path = Require(o, "file");
        if (!File.Exists(path)) throw new CommandException($"No file '{path}'.");
        var result = await services.GetRequiredService<SetupTables>().CommitAsync(table, await File.ReadAllBytesAsync(path));
        if (!result.Ok)
            throw new CommandException(string.Join(Environment.NewLine, result.Problems.Select(p =>
                $"{(p.Row is { } row ? $"{row}行目 " : "")}{(p.Column is { } column ? $"「{column}」 " : "")}{p.Message}").Prepend($"Nothing imported: {result.Problems.Count} problem(s).")));
        return $"{city.Slug} {table}: {result.Added} added, {result.Changed} changed.";
    }

    private static async Task<string> SetCityTermsAsync(IServiceProvider services, TsunaguDb db, Dictionary<string, string> o)
    {
        var city = await UseCityAsync(services, db, o);
        bool hasCentre = city.HasCentre;
        if (o.TryGetValue("has-centre", out var yesNo))
            hasCentre = yesNo.ToLowerInvariant() switch
            {
                "yes" or "true" or "はい" => true,
                "no" or "false" or "いいえ" => false,
                _ => throw new CommandException("--has-centre takes yes or no."),
            };
        string? Option(string name, string? current) => o.TryGetValue(name, out var v) ? v : current;
        var saved = await services.GetRequiredService<CitySetup>().SaveTermsAsync(new CitySetup.TermsInput(
            Option("centre-name", city.CentreName)!, Option("centre-name-en", city.CentreNameEn), hasCentre,
            Option("desk", city.DeskName), Option("desk-en", city.DeskNameEn),
            Option("evaluating-body", city.EvaluatingBodyName), Option("evaluating-body-en", city.EvaluatingBodyNameEn),
            Option("evaluation-term", city.EvaluationTerm), Option("evaluation-term-en", city.EvaluationTermEn), Option("district-term", city.DistrictTerm)));
        if (!saved.Ok) throw new CommandException(saved.Problems.Summary);
        var c = saved.Value!;
        return $"{c.Slug}: {c.SupportDeskDisplayName(false)}; {c.EvaluatingBodyDisplayName(false)}の{c.EvaluationTermDisplay(false)}; {c.DistrictTermDisplay(false)}";
    }

    /// <summary>The city the command works in, set as the current city so that its rows are the ones read and written.</summary>
    private static async Task<Tenancy.City> UseCityAsync(IServiceProvider services, TsunaguDb db, Dictionary<string, string> o)
    {
        var slug = Require(o, "city");
        var city = await db.Cities.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug) ?? throw new CommandException($"No city '{slug}'.");
        services.GetRequiredService<Tenancy.CurrentCity>().Set(city);
        return city;
    }

    public static CityRole ParseRole(string text)
    {
        foreach (var role in Enum.GetValues<CityRole>())
        {
            if (text.Equals(role.ToString(), StringComparison.OrdinalIgnoreCase) || text.Equals(DemoSeeder.RoleSlug(role), StringComparison.OrdinalIgnoreCase)
                || text == CityRoles.Japanese(role) || text.Replace("-", "").Equals(role.ToString(), StringComparison.OrdinalIgnoreCase))
                return role;
        }
        throw new CommandException($"Unknown role '{text}'. Roles: {string.Join(", ", Enum.GetValues<CityRole>().Select(DemoSeeder.RoleSlug))}, platform-admin.");
    }

    private static string Require(Dictionary<string, string> o, string name) =>
        o.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new CommandException($"--{name} is required.");

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) result[args[i][2..]] = args[++i];
        return result;
    }

    private sealed class CommandException(string message) : Exception(message);
}

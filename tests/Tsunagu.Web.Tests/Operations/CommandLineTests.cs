using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Operations;

public class CommandLineTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        await factory.EnsurePreparedAsync();
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await TsunaguCommands.RunAsync(factory.Services, args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task CreateUser_WithRole_ThenCreateApiToken_WhichTheApiAccepts()
    {
        var email = $"ops-{Guid.NewGuid():N}@example.jp";
        var (code, output, _) = await RunAsync("create-user", "--city", "yamaguchi", "--email", email, "--password", "an-operator-password", "--role", "plan");
        code.ShouldBe(0);
        output.ShouldContain("計画管理者 in yamaguchi");
        (await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().AnyAsync(m => m.User!.Email == email && m.Role == CityRole.PlanManager))).ShouldBeTrue();

        var (tokenCode, token, _) = await RunAsync("create-api-token", "--email", email);
        tokenCode.ShouldBe(0);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        var me = await client.GetAsync("/api/v1/me");
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await me.Content.ReadAsStringAsync()).ShouldContain("PlanManager");
    }

    [Fact]
    public async Task CreateUser_WithUnknownRoleOrCity_IsRefused()
    {
        (await RunAsync("create-user", "--city", "yamaguchi", "--email", "x@example.jp", "--password", "long-enough-pw", "--role", "mayor")).Code.ShouldBe(1);
        (await RunAsync("create-user", "--city", "atlantis", "--email", "x@example.jp", "--password", "long-enough-pw", "--role", "plan")).Code.ShouldBe(1);
        (await RunAsync("frobnicate")).Code.ShouldBe(2);
    }

    [Fact]
    public async Task Migrate_OnAMigratedDatabase_ChangesNothing()
    {
        var (code, output, _) = await RunAsync("migrate");
        code.ShouldBe(0);
        output.ShouldContain("up to date");
    }

    [Fact]
    public async Task SeedDemo_LoadsEverySet_Once()
    {
        var (code, output, _) = await RunAsync("seed-demo");
        code.ShouldBe(0);
        var first = Counts(output);
        first.Keys.ShouldContain("Demo opportunities");
        first.Keys.ShouldContain("Demo events");
        first.Where(kv => kv.Key != "Cities").ShouldAllBe(kv => kv.Value > 0, output);
        // A second run finds everything there and adds nothing.
        var (again, secondOutput, _) = await RunAsync("seed-demo");
        again.ShouldBe(0);
        Counts(secondOutput).Values.ShouldAllBe(n => n == 0, secondOutput);
    }

    private static Dictionary<string, int> Counts(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(" added: "))
            .Select(l => l.Trim().Split(" added: ")).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));

    [Fact]
    public async Task ApiToken_WithWrongSecret_IsUnauthorized()
    {
        await factory.EnsurePreparedAsync();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "tsu_" + new string('0', 64));
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Tenancy;

/// <summary>The DbContext itself keeps each city's rows to that city, whatever a page forgets.</summary>
public class CityIsolationTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task<(IServiceScope Scope, TsunaguDb Db, City City)> ScopeForAsync(string slug)
    {
        await factory.EnsurePreparedAsync();
        var scope = factory.Services.CreateScope();
        var city = await scope.ServiceProvider.GetRequiredService<CityDirectory>().FindAsync(slug);
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(city!);
        return (scope, scope.ServiceProvider.GetRequiredService<TsunaguDb>(), city!);
    }

    [Fact]
    public async Task Queries_SeeOnlyTheCurrentCitysRows()
    {
        var (scope, db, city) = await ScopeForAsync("nagato");
        using var _ = scope;
        var districts = await db.Districts.ToListAsync();
        districts.Count.ShouldBe(10);
        districts.ShouldAllBe(d => d.CityId == city.Id);
        (await db.Departments.AllAsync(d => d.CityId == city.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task FindById_OfAnotherCitysRow_FindsNothing()
    {
        var nagatoDistrictId = await TestData.WithDbAsync(factory, db => db.Districts.IgnoreQueryFilters().Where(d => d.Name != "").Join(db.Cities.Where(c => c.Slug == "nagato"), d => d.CityId, c => c.Id, (d, c) => d.Id).FirstAsync());
        var (scope, db, _) = await ScopeForAsync("shimonoseki");
        using var _s = scope;
        (await db.Districts.FirstOrDefaultAsync(d => d.Id == nagatoDistrictId)).ShouldBeNull();
    }

    [Fact]
    public async Task Writing_ARowForAnotherCity_IsRefused()
    {
        var nagatoId = await TestData.WithDbAsync(factory, db => db.Cities.Where(c => c.Slug == "nagato").Select(c => c.Id).SingleAsync());
        var (scope, db, _) = await ScopeForAsync("shimonoseki");
        using var _s = scope;
        db.Departments.Add(new Department { CityId = nagatoId, Name = "越境課" });
        await Should.ThrowAsync<CrossCityWriteException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Moving_ARowToAnotherCity_IsRefused()
    {
        var nagatoId = await TestData.WithDbAsync(factory, db => db.Cities.Where(c => c.Slug == "nagato").Select(c => c.Id).SingleAsync());
        var (scope, db, _) = await ScopeForAsync("shimonoseki");
        using var _s = scope;
        var department = await db.Departments.FirstAsync();
        department.CityId = nagatoId;
        await Should.ThrowAsync<CrossCityWriteException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task NewRows_TakeTheCurrentCity()
    {
        var (scope, db, city) = await ScopeForAsync("muroran");
        using var _s = scope;
        var department = new Department { Name = $"テスト課{Guid.NewGuid():N}"[..12] };
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        department.CityId.ShouldBe(city.Id);
    }

    [Fact]
    public async Task WithoutACity_NoCityRowsAreVisible()
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        (await db.Districts.CountAsync()).ShouldBe(0);
    }
}

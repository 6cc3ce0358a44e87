using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Cities;

public static class CitiesApi
{
    public sealed record CityDto(string Slug, string Code, string Name, string NameEn, string Prefecture, string CentreName);
    public sealed record DistrictDto(int Id, string Name, string? CouncilName, int? Population, int? Population65Plus, decimal? AgingRatePercent, int? Households);
    public sealed record DepartmentDto(int Id, string Name, string? NameEn);

    public static void MapCitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Cities");
        api.MapGet("/cities", async (CityDirectory directory, CancellationToken ct) =>
                (await directory.AllAsync(ct)).Select(c => new CityDto(c.Slug, c.Code, c.Name, c.NameEn, c.Prefecture, c.CentreName)))
            .WithName("ListCities")
            .WithSummary("List the cities")
            .WithDescription("Every city on this Tsunagu: its slug (used in the other paths), its local government code (団体コード), names and centre.");
        api.MapGet("/{city}/districts", async (TsunaguDb db, CancellationToken ct) =>
                await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder)
                    .Select(d => new DistrictDto(d.Id, d.Name, d.CouncilName, d.Population, d.Population65Plus, d.AgingRatePercent, d.Households)).ToListAsync(ct))
            .WithName("ListDistricts")
            .WithSummary("List the city's districts")
            .WithDescription("The city's districts (地区) in their usual order, with the council's name and the population figures where the city gave them.");
        api.MapGet("/{city}/departments", async (TsunaguDb db, CancellationToken ct) =>
                await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).Select(d => new DepartmentDto(d.Id, d.Name, d.NameEn)).ToListAsync(ct))
            .WithName("ListDepartments")
            .WithSummary("List the city's departments")
            .WithDescription("The city's departments (課) in their usual order: the ones plan items and reports are assigned to.");
    }
}

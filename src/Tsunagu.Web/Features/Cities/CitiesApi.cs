using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Cities;

public static class CitiesApi
{
    public sealed record CityDto(string Slug, string Code, string Name, string NameEn, string Prefecture, string CentreName);
    public sealed record DistrictDto(int Id, string Name, string? CouncilName, int? Population, int? Population65Plus, decimal? AgingRatePercent, int? Households,
        IReadOnlyList<DistrictYearDto> Years);
    /// <summary>A district's figures for one year.</summary>
    public sealed record DistrictYearDto(int Year, int? Population, int? Population65Plus, int? Households);
    /// <summary>A department with the period it exists (null: as far as Tsunagu knows, always) and the department that took over its work.</summary>
    public sealed record DepartmentDto(int Id, string Name, string? NameEn, string? Bureau, string? Section, DateOnly? ActiveFrom, DateOnly? ActiveTo, int? SuccessorId);

    public static void MapCitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Cities");
        api.MapGet("/cities", async (CityDirectory directory, CancellationToken ct) =>
                (await directory.AllAsync(ct)).Select(c => new CityDto(c.Slug, c.Code, c.Name, c.NameEn, c.Prefecture, c.CentreName)))
            .WithName("ListCities")
            .WithSummary("List the cities")
            .WithDescription("Every city on this Tsunagu: its slug (used in the other paths), its local government code (団体コード), names and centre.");
        api.MapGet("/{city}/districts", async (TsunaguDb db, CancellationToken ct) =>
                (await db.Districts.AsNoTracking().Include(d => d.Populations).OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(ct))
                    .Select(d => new DistrictDto(d.Id, d.Name, d.CouncilName, d.Population, d.Population65Plus, d.AgingRatePercent, d.Households,
                        [.. d.Populations.OrderBy(p => p.Year).Select(p => new DistrictYearDto(p.Year, p.Population, p.Population65Plus, p.Households))])))
            .WithName("ListDistricts")
            .WithSummary("List the city's districts")
            .WithDescription("The city's districts (地区) in their usual order, with the council's name, the latest population figures, and the figures year by year where the city gave them.");
        api.MapGet("/{city}/departments", async (TsunaguDb db, CancellationToken ct) =>
                await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
                    .Select(d => new DepartmentDto(d.Id, d.Name, d.NameEn, d.Bureau, d.Section, d.ActiveFrom, d.ActiveTo, d.SuccessorId)).ToListAsync(ct))
            .WithName("ListDepartments")
            .WithSummary("List the city's departments")
            .WithDescription("The city's departments (課), past and present, in their usual order: each with the period it exists (activeFrom, activeTo; null when open) and, when it was merged or renamed, the department that took over its work (successorId). Plan items and reports are assigned to departments.");
    }
}

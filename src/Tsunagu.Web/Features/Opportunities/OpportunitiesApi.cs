using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Opportunities;

public static class OpportunitiesApi
{
    public sealed record ShiftJson(int Id, DateTime StartsAt, DateTime EndsAt, int Places, int PlacesLeft);
    public sealed record OpportunityJson(
        int Id, string Title, string Description, string Organiser, string? Place, string? District, bool Online, int? MinAge, int? MaxAge,
        bool InsuranceCovered, string? Programme, int[] Fields, List<ShiftJson> Shifts);
    public sealed record ApplicationRequest(string? Message);
    public sealed record ApplicationJson(int Id, int OpportunityId, int ShiftId, string Status);

    public static void MapOpportunitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{city}/volunteers/activities/{id:int}/certificate.pdf", ActivitiesModel.CertificateAsync)
            .RequireAuthorization(Policies.SignedIn)
            .ExcludeFromDescription();
        // The public list, as on the opportunities page, with each opportunity's shifts still to come.
        app.MapGet("/api/v1/{city}/opportunities", async (OpportunityService service, TsunaguDb db, TimeProvider clock, string? q, int? field, int? district, int? page, CancellationToken ct) =>
            {
                var (items, total) = await service.SearchAsync(new OpportunityService.Query(q, field, district, null, null, false, page ?? 1), ct);
                var ids = items.Select(i => i.Id).ToList();
                var now = clock.GetUtcNow().UtcDateTime;
                var details = await db.Set<Opportunity>().AsNoTracking().Where(o => ids.Contains(o.Id))
                    .Include(o => o.Fields).Include(o => o.Shifts.Where(s => s.StartsAt > now).OrderBy(s => s.StartsAt)).AsSplitQuery().ToDictionaryAsync(o => o.Id, ct);
                return Results.Ok(new
                {
                    total,
                    page = Math.Max(1, page ?? 1),
                    pageSize = OpportunityService.PageSize,
                    items = items.Select(i => details[i.Id] is var o
                        ? new OpportunityJson(o.Id, o.Title, o.Description, i.Organiser, o.Place, i.District, o.Online, o.MinAge, o.MaxAge, o.InsuranceCovered, i.Programme,
                            [.. o.Fields.Select(f => f.Field).Order()], [.. o.Shifts.Select(s => new ShiftJson(s.Id, s.StartsAt, s.EndsAt, s.Places, s.PlacesLeft))])
                        : null),
                });
            })
            .WithTags("Opportunities")
            .WithName("ListOpportunities");

        // A registered volunteer applies with their personal API token (Bearer). 201 applied, 409 full or already applied, 422 not allowed.
        app.MapPost("/api/v1/{city}/opportunities/{id:int}/shifts/{shiftId:int}/applications",
                async (int id, int shiftId, ApplicationRequest? body, VolunteerService volunteers, ApplicationStateMachine applications, UserManager<AppUser> users, HttpContext http, CancellationToken ct) =>
                {
                    var volunteer = await volunteers.MineAsync(users.GetUserId(http.User)!, ct);
                    if (volunteer is null || volunteer.Status == VolunteerStatus.Left)
                        return Results.Problem(statusCode: 422, title: "ボランティアとして登録してから応募してください。");
                    var result = await applications.ApplyAsync(volunteer, id, shiftId, body?.Message, ct);
                    if (result.Application is { } a && result.Succeeded)
                        return Results.Created($"/api/v1/{http.GetRouteValue("city")}/opportunities/{id}/shifts/{shiftId}/applications/{a.Id}",
                            new ApplicationJson(a.Id, a.OpportunityId, a.ShiftId, a.Status.ToString()));
                    if (result.NotFound) return Results.NotFound();
                    var conflict = result.Full || result.Problems.Any(p => p.Field == "Shift");
                    return Results.Problem(statusCode: conflict ? 409 : 422, title: result.Problems.Summary, extensions: new Dictionary<string, object?> { ["full"] = result.Full });
                })
            .RequireAuthorization(Policies.ApiToken)
            .WithTags("Opportunities")
            .WithName("ApplyForShift");
    }
}

using System.ComponentModel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Api;

namespace Tsunagu.Web.Features.Opportunities;

public static class OpportunitiesApi
{
    public sealed record ShiftJson(int Id, DateTime StartsAt, DateTime EndsAt, int Places, int PlacesLeft);
    public sealed record OpportunityJson(
        int Id, string Title, string Description, string Organiser, string? Place, string? District, bool Online, int? MinAge, int? MaxAge,
        bool InsuranceCovered, string? Programme, int[] Fields, List<ShiftJson> Shifts);
    public sealed record OpportunityPage(int Total, int Page, int PageSize, IReadOnlyList<OpportunityJson> Items);
    public sealed record ApplicationRequest(string? Message);
    public sealed record ApplicationJson(int Id, int OpportunityId, int ShiftId, string Status);

    public static void MapOpportunitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{city}/volunteers/activities/{id:int}/certificate.pdf", ActivitiesModel.CertificateAsync)
            .RequireAuthorization(Policies.SignedIn)
            .ExcludeFromDescription();
        // The public list, as on the opportunities page, with each opportunity's shifts still to come.
        app.MapGet("/api/v1/{city}/opportunities", async (OpportunityService service, TsunaguDb db, TimeProvider clock,
                [Description("Words to look for in the title and description.")] string? q,
                [Description("An activity field of the NPO law, by its number (1–20).")] int? field,
                [Description("A district's id (see `/api/v1/{city}/districts`).")] int? district,
                [Description("The page, from 1; 20 opportunities a page.")] int? page, CancellationToken ct) =>
            {
                var (items, total) = await service.SearchAsync(new OpportunityService.Query(q, field, district, null, null, false, page ?? 1), ct);
                var ids = items.Select(i => i.Id).ToList();
                var now = clock.GetUtcNow().UtcDateTime;
                var details = await db.Set<Opportunity>().AsNoTracking().Where(o => ids.Contains(o.Id))
                    .Include(o => o.Fields).Include(o => o.Shifts.Where(s => s.StartsAt > now).OrderBy(s => s.StartsAt)).AsSplitQuery().ToDictionaryAsync(o => o.Id, ct);
                return new OpportunityPage(total, Math.Max(1, page ?? 1), OpportunityService.PageSize,
                [
                    .. items.Select(i => details[i.Id] is var o
                        ? new OpportunityJson(o.Id, o.Title, o.Description, i.Organiser, o.Place, i.District, o.Online, o.MinAge, o.MaxAge, o.InsuranceCovered, i.Programme,
                            [.. o.Fields.Select(f => f.Field).Order()], [.. o.Shifts.Select(s => new ShiftJson(s.Id, s.StartsAt, s.EndsAt, s.Places, s.PlacesLeft))])
                        : throw new InvalidOperationException($"Opportunity {i.Id} was found by the search but not read back.")),
                ]);
            })
            .WithTags("Opportunities")
            .WithName("ListOpportunities")
            .WithSummary("Search volunteer opportunities")
            .WithDescription("Open opportunities, as on the public list, 20 a page with the total; each with its activity fields and its shifts still to come (places and places left).");

        // A registered volunteer applies with their personal API token (Bearer). 201 applied, 409 full or already applied, 422 not allowed.
        app.MapPost("/api/v1/{city}/opportunities/{id:int}/shifts/{shiftId:int}/applications",
                async ([Description("The opportunity's id.")] int id, [Description("The shift's id, one of the opportunity's `shifts`.")] int shiftId, ApplicationRequest? body, VolunteerService volunteers, ApplicationStateMachine applications, UserManager<AppUser> users, HttpContext http, CancellationToken ct) =>
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
            .WithName("ApplyForShift")
            .WithSummary("Apply for a shift")
            .WithDescription("The token's owner, registered as a volunteer, applies for one shift with an optional message to the organiser. " +
                "The shift never takes more applications than it has places, however many arrive at once.")
            .Answers<ApplicationJson>(StatusCodes.Status201Created, "Applied: the application and its status.")
            .ProducesProblemFor(StatusCodes.Status404NotFound, "No such city, opportunity or shift.")
            .ProducesProblemFor(StatusCodes.Status409Conflict, "The shift is full (`full`: true), or the person has already applied for it or for another activity at the same time.")
            .ProducesProblemFor(StatusCodes.Status422UnprocessableEntity, "Not allowed: not registered as a volunteer, a message too long, the opportunity closed or the shift started.");
    }
}

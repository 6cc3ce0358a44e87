using System.ComponentModel;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Api;

namespace Tsunagu.Web.Features.Events;

public static class EventsApi
{
    public sealed record MeetingJson(DateTime StartsAt, DateTime EndsAt);
    public sealed record EventJson(
        int Id, string Title, string Description, string Kind, string? Place, bool Online, int Capacity, int PlacesLeft,
        DateTime RegistrationOpensAt, DateTime RegistrationClosesAt, bool SignLanguage, bool Captioning, bool Childcare, int Fee, List<MeetingJson> Meetings,
        string? Organiser, string Eligibility);
    public sealed record EventList(IReadOnlyList<EventJson> Items);
    public sealed record RegistrationJson(int Id, int EventId, string Status, int? Position, string Code);
    /// <summary>For an event for residents only (eligibility "Residents"): the person declares they live, work or study in the city.</summary>
    public sealed record RegistrationRequest(bool DeclaresResident);

    public static void MapEventsApi(this IEndpointRouteBuilder app)
    {
        // The public list, as on the events page: published events that have not ended.
        app.MapGet("/api/v1/{city}/events", async (EventCatalog catalog, CancellationToken ct) =>
            {
                var items = await catalog.UpcomingAsync(ct);
                return new EventList(
                [
                    .. items.Select(e => new EventJson(e.Id, e.Title, e.Description, e.Kind.ToString(), e.PlaceText, e.OnlineLink is not null, e.Capacity, e.PlacesLeft,
                        e.RegistrationOpensAt, e.RegistrationClosesAt, e.SignLanguage, e.Captioning, e.Childcare, e.Fee,
                        [.. e.Meetings.OrderBy(m => m.StartsAt).Select(m => new MeetingJson(m.StartsAt, m.EndsAt))], e.Group?.Name, e.Eligibility.ToString())),
                ]);
            })
            .WithTags("Events")
            .WithName("ListEvents")
            .WithSummary("List upcoming events")
            .WithDescription("Published events that have not ended, as on the events page: meetings, places left, registration period, accessibility (sign language, captioning, childcare), fee in yen and who may register (`eligibility`).");

        // A person registers with their personal API token (Bearer). 201 confirmed or waitlisted (see status), 409 already registered,
        // 403 the event is for others (a group), 422 not open or, for residents only, no {"declaresResident": true} in the body.
        app.MapPost("/api/v1/{city}/events/{id:int}/registrations",
                async ([Description("The event's id.")] int id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RegistrationRequest? body, EventRegistrations registrations, UserManager<AppUser> users,
                    HttpContext http, CancellationToken ct) =>
                {
                    var result = await registrations.RegisterAsync(id, users.GetUserId(http.User)!, body?.DeclaresResident ?? false, ct);
                    if (result.NotFound) return Results.NotFound();
                    if (result.Registration is { } r && result.Succeeded)
                        return Results.Created($"/api/v1/{http.GetRouteValue("city")}/events/{id}/registrations/{r.Id}",
                            new RegistrationJson(r.Id, r.EventId, r.Status.ToString(), r.Position, r.Code));
                    return Results.Problem(statusCode: result.Conflict ? 409 : result.Ineligible ? 403 : 422, title: result.Problems.Summary);
                })
            .RequireAuthorization(Policies.ApiToken)
            .WithTags("Events")
            .WithName("RegisterForEvent")
            .WithSummary("Register for an event")
            .WithDescription("Registers the token's owner. 201 with `status` Confirmed, or Waitlisted and the `position` on the waiting list when the event is full. " +
                "For an event for residents only, send `{\"declaresResident\": true}`: the person declares they live, work or study in the city.")
            .Answers<RegistrationJson>(StatusCodes.Status201Created, "Registered: Confirmed, or Waitlisted with the position.")
            .ProducesProblemFor(StatusCodes.Status403Forbidden, "The event is for others: the members of a group the person is not in.")
            .ProducesProblemFor(StatusCodes.Status404NotFound, "No such city, or no such published event in it.")
            .ProducesProblemFor(StatusCodes.Status409Conflict, "Already registered.")
            .ProducesProblemFor(StatusCodes.Status422UnprocessableEntity, "Registration is not open, or a residents-only event without `declaresResident`.");
    }
}

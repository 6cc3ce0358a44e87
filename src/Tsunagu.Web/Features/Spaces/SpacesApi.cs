using Microsoft.AspNetCore.Identity;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Spaces;

public static class SpacesApi
{
    public sealed record BookingRequest(int RoomId, DateOnly? Date, TimeOnly? Start, TimeOnly? End, string? Purpose, int? GroupId, BookingRepeat Repeat = BookingRepeat.None, int? Count = null);
    public sealed record BookingJson(int Id, int RoomId, DateTime StartsAt, DateTime EndsAt, string Status, int FeeYen, DateTime ConfirmBy);

    public static void MapSpacesApi(this IEndpointRouteBuilder app)
    {
        // A provisional booking (仮予約) with a personal API token: 201 booked, 409 a slot is taken (every conflict listed), 422 against the rules.
        app.MapPost("/api/v1/{city}/bookings", async (BookingRequest body, SpaceService spaces, UserManager<AppUser> users, HttpContext http, CancellationToken ct) =>
            {
                var outcome = await spaces.RequestAsync(users.GetUserId(http.User)!,
                    new SpaceService.Request(body.RoomId, body.Date, body.Start, body.End, body.Purpose ?? "", body.GroupId, body.Repeat, body.Count), ct);
                if (outcome.Problems.Count > 0)
                    return Results.ValidationProblem(outcome.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()), statusCode: 422);
                if (outcome.Conflicts.Count > 0)
                    return Results.Problem(statusCode: 409, title: "ほかの予約と重なっています。",
                        extensions: new Dictionary<string, object?> { ["conflicts"] = outcome.Conflicts.Select(c => new { c.StartsAt, c.EndsAt, c.Reason }) });
                var items = outcome.Bookings.Select(b => new BookingJson(b.Id, b.RoomId, b.StartsAt, b.EndsAt, b.Status.ToString(), b.FeeYen, b.ConfirmBy)).ToList();
                return Results.Created($"/api/v1/{http.GetRouteValue("city")}/bookings/{items[0].Id}", items);
            })
            .RequireAuthorization(Policies.ApiToken)
            .WithTags("Spaces")
            .WithName("RequestBooking");
    }
}

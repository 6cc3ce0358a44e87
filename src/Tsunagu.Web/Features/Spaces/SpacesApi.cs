using Microsoft.AspNetCore.Identity;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Api;

namespace Tsunagu.Web.Features.Spaces;

public static class SpacesApi
{
    /// <summary>Equipment is optional: [{ "itemId": 3, "quantity": 1 }, …]; every item must be free for every slot.</summary>
    public sealed record BookingRequest(int RoomId, DateOnly? Date, TimeOnly? Start, TimeOnly? End, string? Purpose, int? GroupId, BookingRepeat Repeat = BookingRepeat.None, int? Count = null,
        IReadOnlyList<SpaceService.EquipmentRequest>? Equipment = null);
    public sealed record BookingJson(int Id, int RoomId, DateTime StartsAt, DateTime EndsAt, string Status, int FeeYen, DateTime ConfirmBy);

    public static void MapSpacesApi(this IEndpointRouteBuilder app)
    {
        // A provisional booking (仮予約) with a personal API token: 201 booked, 409 a slot is taken or an item short (every conflict listed), 422 against the rules.
        app.MapPost("/api/v1/{city}/bookings", async (BookingRequest body, SpaceService spaces, UserManager<AppUser> users, HttpContext http, CancellationToken ct) =>
            {
                var outcome = await spaces.RequestAsync(users.GetUserId(http.User)!,
                    new SpaceService.Request(body.RoomId, body.Date, body.Start, body.End, body.Purpose ?? "", body.GroupId, body.Repeat, body.Count, body.Equipment), ct);
                if (outcome.Problems.Count > 0)
                    return Results.ValidationProblem(outcome.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()), statusCode: 422);
                if (outcome.Conflicts.Count > 0)
                    return Results.Problem(statusCode: 409, title: outcome.Conflicts.Any(c => c.EquipmentItemId is null) ? "ほかの予約と重なっています。" : "備品が足りません。",
                        extensions: new Dictionary<string, object?> { ["conflicts"] = outcome.Conflicts.Select(c => new { c.StartsAt, c.EndsAt, c.Reason, c.EquipmentItemId }) });
                var items = outcome.Bookings.Select(b => new BookingJson(b.Id, b.RoomId, b.StartsAt, b.EndsAt, b.Status.ToString(), b.FeeYen, b.ConfirmBy)).ToList();
                return Results.Created($"/api/v1/{http.GetRouteValue("city")}/bookings/{items[0].Id}", items);
            })
            .RequireAuthorization(Policies.ApiToken)
            .WithTags("Spaces")
            .WithName("RequestBooking")
            .WithSummary("Book a room provisionally")
            .WithDescription("A provisional booking (仮予約) of a room for the token's owner, or for a group they administer (`groupId`): once, or weekly or monthly " +
                "(`repeat`, `count`), with equipment if wanted. Every slot and item must be free, or nothing is booked. The booking lapses unless it is confirmed " +
                "by payment at the centre's counter by `confirmBy`.")
            .Answers<List<BookingJson>>(StatusCodes.Status201Created, "Booked: one provisional booking per slot, with its fee in yen and the date to confirm by.")
            .ProducesProblemFor(StatusCodes.Status409Conflict, "A slot is taken or an item is short; `conflicts` lists every one.")
            .ProducesValidationProblemFor(StatusCodes.Status422UnprocessableEntity, "Against the rules (opening hours, how far ahead, the group, …); `errors` names the fields.");
    }
}

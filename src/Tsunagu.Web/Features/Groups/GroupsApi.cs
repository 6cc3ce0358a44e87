using System.ComponentModel;
using Tsunagu.Web.Shared.Api;

namespace Tsunagu.Web.Features.Groups;

public static class GroupsApi
{
    public static void MapGroupsApi(this IEndpointRouteBuilder app)
    {
        // The same public data as the directory page, as JSON.
        app.MapGet("/api/v1/{city}/groups", async (GroupDirectory directory,
                    [Description("Words to look for in the name, its reading (kana) and the description.")] string? q,
                    [Description("An activity field of the NPO law, by its number (1–20).")] int? field,
                    [Description("A district's id (see `/api/v1/{city}/districts`).")] int? district,
                    [Description("The kind of group.")] GroupType? type,
                    [Description("Only groups looking for volunteers.")] bool? recruiting,
                    [Description("`new` for the most recently approved first; otherwise by reading (kana).")] string? sort,
                    [Description("The page, from 1; 20 groups a page.")] int? page, CancellationToken ct) =>
                await directory.SearchAsync(new GroupDirectory.Query(q, field, district, type, recruiting ?? false, sort, page ?? 1), ct))
            .WithTags("Groups")
            .WithName("ListGroups")
            .WithSummary("Search the group directory")
            .WithDescription("Published groups with their public fields only (never the representative's contact), 20 a page, with the total and the number of pages.");
        app.MapGet("/api/v1/{city}/groups/{id:int}", async (GroupDirectory directory, [Description("The group's id.")] int id, CancellationToken ct) =>
                await directory.FindAsync(id, ct) is { } group ? Results.Ok(group) : Results.NotFound())
            .WithTags("Groups")
            .WithName("GetGroup")
            .WithSummary("Get a group")
            .WithDescription("One published group's public fields; 404 when there is no such published group in the city.")
            .Answers<GroupDirectory.PublicGroup>(StatusCodes.Status200OK, "The group's public fields.")
            .ProducesProblemFor(StatusCodes.Status404NotFound, "No such city, or no such published group in it.");
    }
}

namespace Tsunagu.Web.Features.Groups;

public static class GroupsApi
{
    public static void MapGroupsApi(this IEndpointRouteBuilder app)
    {
        // The same public data as the directory page, as JSON.
        app.MapGet("/api/v1/{city}/groups", async (GroupDirectory directory, string? q, int? field, int? district, GroupType? type, bool? recruiting, string? sort, int? page, CancellationToken ct) =>
                await directory.SearchAsync(new GroupDirectory.Query(q, field, district, type, recruiting ?? false, sort, page ?? 1), ct))
            .WithTags("Groups")
            .WithName("ListGroups");
        app.MapGet("/api/v1/{city}/groups/{id:int}", async (GroupDirectory directory, int id, CancellationToken ct) =>
                await directory.FindAsync(id, ct) is { } group ? Results.Ok(group) : Results.NotFound())
            .WithTags("Groups")
            .WithName("GetGroup");
    }
}

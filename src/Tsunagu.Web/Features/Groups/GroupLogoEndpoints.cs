using Microsoft.AspNetCore.Identity;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Groups;

/// <summary>Serves logos: a published group's to anyone, one under review to centre staff and to its own editors.</summary>
public static class GroupLogoEndpoints
{
    public static void MapGroupLogos(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{city}/groups/{id:int}/logo", async (int id, GroupService groups, HttpContext http) =>
            Serve(await groups.LogoAsync(id, publishedOnly: true), http, cacheable: true));

        app.MapGet("/{city}/groups/register/{id:int}/logo", async (int id, GroupService groups, UserManager<AppUser> users, HttpContext http) =>
                await groups.FindEditableAsync(id, users.GetUserId(http.User)!) is null
                    ? Results.NotFound()
                    : Serve(await groups.LogoAsync(id, publishedOnly: false), http, cacheable: false))
            .RequireAuthorization(Policies.SignedIn);

        app.MapGet("/{city}/admin/groups/{id:int}/logo", async (int id, GroupService groups, HttpContext http) =>
                Serve(await groups.LogoAsync(id, publishedOnly: false), http, cacheable: false))
            .RequireAuthorization(Policies.CentreStaff);
    }

    private static IResult Serve(GroupLogo? logo, HttpContext http, bool cacheable)
    {
        if (logo is null) return Results.NotFound();
        // The address carries the logo's version, so a published logo can be cached; others are private.
        http.Response.Headers.CacheControl = cacheable ? "public, max-age=86400" : "private, no-store";
        return Results.File(logo.Content, logo.ContentType, lastModified: logo.UpdatedAt);
    }
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Account;

public static class AccountApi
{
    public sealed record MembershipDto(string City, string Role, string? Department);
    public sealed record MeDto(string Id, string Email, string DisplayName, bool IsPlatformAdmin, IReadOnlyList<MembershipDto> Memberships);

    public static void MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", async (ClaimsPrincipal principal, TsunaguDb db, CancellationToken ct) =>
            {
                var id = principal.FindFirstValue(ClaimTypes.NameIdentifier)!;
                var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == id, ct);
                var memberships = await db.CityMemberships.IgnoreQueryFilters().AsNoTracking().Where(m => m.UserId == id)
                    .Select(m => new MembershipDto(db.Cities.Where(c => c.Id == m.CityId).Select(c => c.Slug).First(), m.Role.ToString(), m.Department == null ? null : m.Department.Name))
                    .ToListAsync(ct);
                return new MeDto(user.Id, user.Email ?? "", user.DisplayName, user.IsPlatformAdmin, memberships);
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithTags("Account")
            .WithName("GetMe");
    }
}

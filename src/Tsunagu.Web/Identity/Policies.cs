using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Identity;

/// <summary>The named policies pages and endpoints use; all role checks happen in <see cref="CityRoleHandler"/>.</summary>
public static class Policies
{
    public const string SignedIn = "signed-in";
    public const string PlatformAdmin = "platform-admin";
    public const string CityAdmin = "city-admin";
    public const string CentreStaff = "centre-staff";
    public const string DepartmentStaff = "department-staff";
    public const string PlanManager = "plan-manager";
    public const string CouncilMember = "council-member";
    public const string GroupAdmin = "group-admin";
    /// <summary>Consultation cases hold personal data: centre staff only, not every city role.</summary>
    public const string ConsultationDesk = "consultation-desk";
    /// <summary>Personal API tokens only, never the sign-in cookie: for API writes, so no other site can make them in a visitor's name.</summary>
    public const string ApiToken = "api-token";

    /// <summary>Request items key set when a staff role was refused only because two-factor sign-in is not on.</summary>
    public const string NeedsTwoFactorItem = "tsunagu:needs-2fa";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(ApiToken, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        options.AddPolicy(PlatformAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new PlatformAdminRequirement()));
        AddCity(options, CityAdmin, CityRole.CityAdmin);
        // A city administrator can do what centre staff and plan managers do in their city.
        AddCity(options, CentreStaff, CityRole.CentreStaff, CityRole.CityAdmin);
        AddCity(options, PlanManager, CityRole.PlanManager, CityRole.CityAdmin);
        AddCity(options, DepartmentStaff, CityRole.DepartmentStaff, CityRole.PlanManager, CityRole.CityAdmin);
        AddCity(options, CouncilMember, CityRole.CouncilMember, CityRole.PlanManager, CityRole.CityAdmin);
        AddCity(options, GroupAdmin, CityRole.GroupAdmin, CityRole.CentreStaff, CityRole.CityAdmin);
        AddCity(options, ConsultationDesk, CityRole.CentreStaff);
    }

    private static void AddCity(AuthorizationOptions options, string name, params CityRole[] roles) =>
        options.AddPolicy(name, p => p.RequireAuthenticatedUser().AddRequirements(new CityRoleRequirement(roles)));
}

public sealed record CityRoleRequirement(CityRole[] Roles) : IAuthorizationRequirement;

public sealed record PlatformAdminRequirement : IAuthorizationRequirement;

/// <summary>
/// Grants a city policy when the person holds one of its roles in the city of the request
/// (platform administrators hold every role). Staff roles also need two-factor sign-in.
/// </summary>
public class CityRoleHandler(TsunaguDb db, CurrentCity currentCity, IHttpContextAccessor http)
    : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return;
        var pending = context.PendingRequirements.Where(r => r is CityRoleRequirement or PlatformAdminRequirement).ToList();
        if (pending.Count == 0) return;

        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.IsPlatformAdmin, u.TwoFactorEnabled, u.TwoFactorExempt })
            .FirstOrDefaultAsync();
        if (user is null) return;
        var secondFactorOk = user.TwoFactorEnabled || user.TwoFactorExempt;

        List<CityRole> roles = [];
        if (currentCity.Id is { } cityId)
        {
            roles = await db.CityMemberships.AsNoTracking()
                .Where(m => m.UserId == userId && m.CityId == cityId)
                .Select(m => m.Role)
                .ToListAsync();
        }

        foreach (var requirement in pending)
        {
            var granted = requirement switch
            {
                PlatformAdminRequirement => user.IsPlatformAdmin,
                CityRoleRequirement r => currentCity.Id is not null && (user.IsPlatformAdmin || r.Roles.Any(roles.Contains)),
                _ => false,
            };
            if (!granted) continue;
            var needsSecondFactor = requirement is PlatformAdminRequirement
                || (requirement is CityRoleRequirement cr && cr.Roles.Any(CityRoles.IsStaff));
            if (needsSecondFactor && !secondFactorOk)
            {
                if (http.HttpContext is { } hc) hc.Items[Policies.NeedsTwoFactorItem] = true;
                continue;
            }
            context.Succeed(requirement);
        }
    }
}

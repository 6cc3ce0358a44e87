using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Account;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Admin;

/// <summary>A city administrator's staff rules: invite by e-mail, grant and remove roles in their own city.</summary>
public class StaffService(TsunaguDb db, UserManager<AppUser> users, AccountService accounts, CurrentCity currentCity, Audit.CurrentActor actor, TimeProvider clock)
{
    public sealed record StaffRow(int MembershipId, string UserId, string Email, string DisplayName, CityRole Role, string? Department, bool TwoFactorEnabled, bool Confirmed);

    public async Task<List<StaffRow>> ListAsync() =>
        await db.CityMemberships.AsNoTracking()
            .OrderBy(m => m.User!.Email).ThenBy(m => m.Role)
            .Select(m => new StaffRow(m.Id, m.UserId, m.User!.Email ?? "", m.User.DisplayName, m.Role,
                m.Department == null ? null : m.Department.Name, m.User.TwoFactorEnabled, m.User.EmailConfirmed))
            .ToListAsync();

    public enum GrantResult { Granted, AlreadyHeld, UnknownDepartment, DepartmentRequired }

    /// <summary>Gives a role in the current city, creating and inviting the account if the address is new.</summary>
    public async Task<GrantResult> GrantAsync(string email, string displayName, CityRole role, int? departmentId)
    {
        var city = currentCity.Required;
        if (role == CityRole.DepartmentStaff && departmentId is null) return GrantResult.DepartmentRequired;
        // The query filter limits departments to this city, so another city's department id is refused here, and so is
        // a department that has ended (its work went to its successor).
        if (departmentId is not null && !await db.Departments.ActiveOn(Tsunagu.Web.Shared.Display.Today(clock)).AnyAsync(d => d.Id == departmentId)) return GrantResult.UnknownDepartment;
        if (role != CityRole.DepartmentStaff) departmentId = null;

        var user = await users.FindByEmailAsync(email);
        var invite = false;
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, DisplayName = displayName, HomeCityId = city.Id, CreatedAt = DateTime.UtcNow };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            invite = true;
        }
        if (await db.CityMemberships.AnyAsync(m => m.UserId == user.Id && m.Role == role)) return GrantResult.AlreadyHeld;

        db.CityMemberships.Add(new CityMembership { UserId = user.Id, Role = role, DepartmentId = departmentId, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        if (invite) await accounts.SendInvitationAsync(user, city.Name, CityRoles.Japanese(role));
        return GrantResult.Granted;
    }

    public enum RemoveResult { Removed, NotFound, OwnAdministratorRole }

    /// <summary>
    /// Removes a role. An id of another city's membership matches nothing; an administrator cannot
    /// remove their own administrator role, so a city is never left without one by accident.
    /// </summary>
    public async Task<RemoveResult> RemoveAsync(int membershipId)
    {
        var membership = await db.CityMemberships.FirstOrDefaultAsync(m => m.Id == membershipId);
        if (membership is null) return RemoveResult.NotFound;
        if (membership.Role == CityRole.CityAdmin && membership.UserId == actor.UserId) return RemoveResult.OwnAdministratorRole;
        db.CityMemberships.Remove(membership);
        await db.SaveChangesAsync();
        return RemoveResult.Removed;
    }
}

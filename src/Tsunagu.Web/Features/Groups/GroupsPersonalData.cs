using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Groups;

/// <summary>
/// The groups the person administers or applied to register. The groups themselves stay (they belong to their members);
/// the person's place as administrator and applicant goes with the account.
/// </summary>
public class GroupsPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "groups";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct)
    {
        var administered = db.Set<GroupAdministrator>().Where(a => a.UserId == subject.UserId).Select(a => a.GroupId);
        var rows = await db.Groups.IgnoreQueryFilters().AsNoTracking()
            .Where(g => g.ApplicantUserId == subject.UserId || administered.Contains(g.Id))
            .OrderBy(g => g.CreatedAt)
            .Select(g => new
            {
                g.CityId,
                g.Name,
                Status = g.Status.ToString(),
                Applicant = g.ApplicantUserId == subject.UserId,
                AdministratorSince = db.Set<GroupAdministrator>().Where(a => a.GroupId == g.Id && a.UserId == subject.UserId).Select(a => (DateTime?)a.CreatedAt).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(g => (object)new { City = subject.CitySlugs[g.CityId], Group = g.Name, g.Status, g.Applicant, g.AdministratorSince }).ToList();
    }
}

/// <summary>
/// Invitations to become a group's administrator sent to the person's address (the account's, in every city), answered or
/// not. They go with the account: an invitation left waiting must not be accepted by whoever registers the address next.
/// </summary>
public class GroupInvitationsPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "groupAdministratorInvitations";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct)
    {
        var email = await db.Users.Where(u => u.Id == subject.UserId).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
        if (email is null) return [];
        var rows = await db.Set<GroupAdministratorInvitation>().IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.NormalizedEmail == email)
            .OrderBy(i => i.CreatedAt)
            .Select(i => new { i.CityId, Group = i.Group!.Name, i.Email, i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.DeclinedAt, i.RevokedAt })
            .ToListAsync(ct);
        return rows.Select(i => (object)new { City = subject.CitySlugs[i.CityId], i.Group, i.Email, i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.DeclinedAt, i.RevokedAt }).ToList();
    }

    public async Task ReleaseAsync(string userId, CancellationToken ct)
    {
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
        if (email is null) return;
        await db.Set<GroupAdministratorInvitation>().IgnoreQueryFilters().Where(i => i.NormalizedEmail == email).ExecuteDeleteAsync(ct);
    }
}

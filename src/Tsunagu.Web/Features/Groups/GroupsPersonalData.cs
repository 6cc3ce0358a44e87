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

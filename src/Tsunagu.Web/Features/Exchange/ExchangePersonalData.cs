using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Exchange;

/// <summary>Needs and offers the person posted for a group (the posts stay with the group, unsigned, when the account goes).</summary>
public class ExchangePersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "exchangePosts";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct) =>
        (await db.Set<ExchangePost>().IgnoreQueryFilters().AsNoTracking().Where(p => p.PostedByUserId == subject.UserId).OrderBy(p => p.CreatedAt)
            .Select(p => new { p.CityId, Direction = p.Direction.ToString(), Category = p.Category.ToString(), p.Title, p.Details, Status = p.Status.ToString(), p.CreatedAt })
            .ToListAsync(ct))
        .Select(p => (object)new { City = subject.CitySlugs[p.CityId], p.Direction, p.Category, p.Title, p.Details, p.Status, p.CreatedAt })
        .ToList();
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>新着情報: the newest open volunteer opportunities with an activity still to come.</summary>
public class NewOpportunitiesSection(TsunaguDb db, TimeProvider clock, Text t) : ICityHomeSection
{
    public string Title => "ボランティアの募集";
    public string Path => "opportunities";
    public int Order => 40;

    public async Task<IReadOnlyList<CityHomeItem>> ItemsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var opportunities = await db.Set<Opportunity>().AsNoTracking()
            .Where(o => o.Status == OpportunityStatus.Open && o.Shifts.Any(s => s.StartsAt > now))
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(5)
            .Select(o => new { o.Id, o.Title, Next = o.Shifts.Where(s => s.StartsAt > now).Min(s => s.StartsAt) }).ToListAsync(ct);
        return [.. opportunities.Select(o => new CityHomeItem(o.Title, $"opportunities/{o.Id}", t["次の活動：{0}", Display.Tokyo(o.Next)]))];
    }
}

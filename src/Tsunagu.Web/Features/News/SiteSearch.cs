using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;

namespace Tsunagu.Web.Features.News;

/// <summary>
/// The city's site search: published groups (through the public directory, public fields only),
/// published news, grant notices and case studies, matched on their folded search text.
/// </summary>
public class SiteSearch(GroupDirectory directory, TsunaguDb db)
{
    public const int PerKind = 10;

    public sealed record Kind<T>(IReadOnlyList<T> Items, int Total);

    public sealed record Result(
        Kind<GroupDirectory.PublicGroup> Groups, Kind<NewsItem> News, Kind<GrantNotice> Grants, Kind<CaseStudy> Cases)
    {
        public int Total => Groups.Total + News.Total + Grants.Total + Cases.Total;
    }

    public async Task<Result?> SearchAsync(string? q, CancellationToken ct = default)
    {
        var words = SearchText.Words(q);
        if (words.Count == 0) return null;
        var groups = await directory.SearchAsync(new GroupDirectory.Query(q, null, null, null, false, null, 1), ct);

        var news = db.Set<NewsItem>().AsNoTracking().Where(n => n.IsPublished);
        var grants = db.Set<GrantNotice>().AsNoTracking().Where(g => g.IsPublished);
        var cases = db.Set<CaseStudy>().AsNoTracking().Where(c => c.IsPublished);
        foreach (var word in words)
        {
            news = news.Where(n => n.SearchText.Contains(word));
            grants = grants.Where(g => g.SearchText.Contains(word));
            cases = cases.Where(c => c.SearchText.Contains(word));
        }
        return new Result(
            new Kind<GroupDirectory.PublicGroup>(groups.Groups.Take(PerKind).ToList(), groups.Total),
            new Kind<NewsItem>(await news.OrderByDescending(n => n.PublishedOn).ThenByDescending(n => n.Id).Take(PerKind).ToListAsync(ct), await news.CountAsync(ct)),
            new Kind<GrantNotice>(await grants.OrderByDescending(g => g.Deadline).ThenByDescending(g => g.Id).Take(PerKind).ToListAsync(ct), await grants.CountAsync(ct)),
            new Kind<CaseStudy>(await cases.OrderByDescending(c => c.FiscalYear).ThenByDescending(c => c.Id).Take(PerKind).ToListAsync(ct), await cases.CountAsync(ct)));
    }
}

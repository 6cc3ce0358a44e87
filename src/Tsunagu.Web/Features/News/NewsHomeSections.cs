using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.News;

/// <summary>新着情報: the latest published news.</summary>
public class LatestNewsSection(TsunaguDb db) : ICityHomeSection
{
    public string Title => "お知らせ";
    public string Path => "news";
    public int Order => 10;

    public async Task<IReadOnlyList<CityHomeItem>> ItemsAsync(CancellationToken ct)
    {
        var items = await db.Set<NewsItem>().AsNoTracking().Where(n => n.IsPublished)
            .OrderByDescending(n => n.PublishedOn).ThenByDescending(n => n.Id).Take(5)
            .Select(n => new { n.Id, n.Title, n.PublishedOn }).ToListAsync(ct);
        return [.. items.Select(n => new CityHomeItem(n.Title, $"news/{n.Id}", Display.Date(n.PublishedOn)))];
    }
}

/// <summary>新着情報: the grant notices most recently published that are still open.</summary>
public class OpenGrantsSection(TsunaguDb db, TimeProvider clock, Text t) : ICityHomeSection
{
    public string Title => "助成金情報";
    public string Path => "grants";
    public int Order => 20;

    public async Task<IReadOnlyList<CityHomeItem>> ItemsAsync(CancellationToken ct)
    {
        var today = Display.Today(clock);
        var grants = await db.Set<GrantNotice>().AsNoTracking().Where(g => g.IsPublished && g.Deadline >= today)
            .OrderByDescending(g => g.PublishedOn).ThenByDescending(g => g.Id).Take(5)
            .Select(g => new { g.Id, g.Title, g.Deadline }).ToListAsync(ct);
        return [.. grants.Select(g => new CityHomeItem(g.Title, $"grants/{g.Id}", t["締切：{0}", Display.Date(g.Deadline)]))];
    }
}

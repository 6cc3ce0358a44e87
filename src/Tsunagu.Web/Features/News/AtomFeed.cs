using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News;

/// <summary>
/// The city's Atom 1.0 feed (RFC 4287) of its published news and grant notices. Text only: titles,
/// plain-text summaries and bodies, links to the public pages; nothing about a group's representative.
/// </summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private const int MaxEntries = 30;

    public static void MapNewsFeed(this IEndpointRouteBuilder app) =>
        app.MapGet("/{city}/feed.atom", async (HttpContext http, TsunaguDb db, CurrentCity currentCity, Email.PublicLinks links, TimeProvider clock, CancellationToken ct) =>
            {
                var xml = await BuildAsync(db, currentCity.Required, links.For("").TrimEnd('/'), clock.GetUtcNow().UtcDateTime, ct);
                // Feed readers poll: a few minutes' staleness costs nothing.
                http.Response.Headers.CacheControl = "public, max-age=300";
                return Results.Text(xml, ContentType, Encoding.UTF8);
            })
            .ExcludeFromDescription();

    private sealed record Entry(string Url, string Title, DateTime Updated, DateOnly Published, string Category, string CategoryLabel, string Summary, string Content);

    public static async Task<string> BuildAsync(TsunaguDb db, City city, string baseUrl, DateTime now, CancellationToken ct = default)
    {
        var cityUrl = $"{baseUrl}/{city.Slug}";
        var news = await db.Set<NewsItem>().AsNoTracking().Where(n => n.IsPublished)
            .OrderByDescending(n => n.PublishedOn).ThenByDescending(n => n.Id).Take(MaxEntries).ToListAsync(ct);
        var grants = await db.Set<GrantNotice>().AsNoTracking().Where(g => g.IsPublished)
            .OrderByDescending(g => g.PublishedOn).ThenByDescending(g => g.Id).Take(MaxEntries).ToListAsync(ct);

        var entries = news.Select(n => new Entry($"{cityUrl}/news/{n.Id}", n.Title, n.UpdatedAt, n.PublishedOn, "news", "お知らせ",
                SafeMarkdown.PlainExcerpt(n.Body), SafeMarkdown.PlainExcerpt(n.Body, 4000)))
            .Concat(grants.Select(g => new Entry($"{cityUrl}/grants/{g.Id}", g.Title, g.UpdatedAt, g.PublishedOn, "grant", "助成金情報",
                $"{g.Funder}・締切 {g.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}・{SafeMarkdown.PlainExcerpt(g.Description, 120)}",
                $"実施団体：{g.Funder}\n締切：{g.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\n対象：{g.Eligibility}\n\n{SafeMarkdown.PlainExcerpt(g.Description, 4000)}")))
            .OrderByDescending(e => e.Published).ThenByDescending(e => e.Updated).Take(MaxEntries).ToList();

        var updated = entries.Count > 0 ? entries.Max(e => e.Updated) : now;
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", "ja"),
            new XElement(Atom + "id", $"{cityUrl}/feed.atom"),
            new XElement(Atom + "title", $"{city.CentreName}のお知らせ・助成金情報"),
            new XElement(Atom + "subtitle", $"{city.Name}の市民活動に関するお知らせと助成金情報"),
            new XElement(Atom + "updated", Rfc3339(updated)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", $"{cityUrl}/feed.atom")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", $"{cityUrl}/news")),
            new XElement(Atom + "author", new XElement(Atom + "name", city.CentreName)),
            new XElement(Atom + "generator", "つなぐ Tsunagu"),
            entries.Select(e => new XElement(Atom + "entry",
                new XElement(Atom + "id", e.Url),
                new XElement(Atom + "title", new XAttribute("type", "text"), e.Title),
                new XElement(Atom + "updated", Rfc3339(e.Updated)),
                new XElement(Atom + "published", Rfc3339(TimeZoneInfo.ConvertTimeToUtc(e.Published.ToDateTime(TimeOnly.MinValue), Tsunagu.Web.Shared.Display.TokyoZone))),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", e.Url)),
                new XElement(Atom + "category", new XAttribute("term", e.Category), new XAttribute("label", e.CategoryLabel)),
                new XElement(Atom + "summary", new XAttribute("type", "text"), e.Summary),
                new XElement(Atom + "content", new XAttribute("type", "text"), e.Content))));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString();
    }

    private static string Rfc3339(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}

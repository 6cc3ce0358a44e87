using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News;

/// <summary>
/// The city's Atom 1.0 feed (RFC 4287) of its published news and grant notices: titles, plain-text summaries, the
/// body as the page shows it (sanitised HTML, <see cref="SafeMarkdown"/>) so readers keep paragraphs and links, and
/// links to the public pages; nothing about a group's representative. Every text passes through
/// <see cref="ControlCharacters.Remove"/>: a character XML 1.0 forbids, pasted into one item, would otherwise make the
/// writer throw and the whole feed answer 500.
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
                SafeMarkdown.PlainExcerpt(n.Body), SafeMarkdown.Render(n.Body)))
            .Concat(grants.Select(g => new Entry($"{cityUrl}/grants/{g.Id}", g.Title, g.UpdatedAt, g.PublishedOn, "grant", "助成金情報",
                $"{g.Funder}・締切 {g.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}・{SafeMarkdown.PlainExcerpt(g.Description, 120)}",
                GrantHtml(g))))
            .OrderByDescending(e => e.Published).ThenByDescending(e => e.Updated).Take(MaxEntries).ToList();

        var updated = entries.Count > 0 ? entries.Max(e => e.Updated) : now;
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", "ja"),
            new XElement(Atom + "id", $"{cityUrl}/feed.atom"),
            new XElement(Atom + "title", Clean($"{city.CentreName}のお知らせ・助成金情報")),
            new XElement(Atom + "subtitle", Clean($"{city.Name}の市民活動に関するお知らせと助成金情報")),
            new XElement(Atom + "updated", Rfc3339(updated)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", $"{cityUrl}/feed.atom")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", $"{cityUrl}/news")),
            new XElement(Atom + "author", new XElement(Atom + "name", Clean(city.CentreName))),
            new XElement(Atom + "generator", "つなぐ Tsunagu"),
            entries.Select(e => new XElement(Atom + "entry",
                new XElement(Atom + "id", e.Url),
                new XElement(Atom + "title", new XAttribute("type", "text"), Clean(e.Title)),
                new XElement(Atom + "updated", Rfc3339(e.Updated)),
                new XElement(Atom + "published", Rfc3339(TimeZoneInfo.ConvertTimeToUtc(e.Published.ToDateTime(TimeOnly.MinValue), Tsunagu.Web.Shared.Display.TokyoZone))),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", e.Url)),
                new XElement(Atom + "category", new XAttribute("term", e.Category), new XAttribute("label", e.CategoryLabel)),
                new XElement(Atom + "summary", new XAttribute("type", "text"), Clean(e.Summary)),
                // Escaped HTML (type="html"); relative links in it resolve against the entry's page, as they do there.
                new XElement(Atom + "content", new XAttribute("type", "html"), new XAttribute(XNamespace.Xml + "base", e.Url), Clean(e.Content)))));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString();
    }

    /// <summary>A notice as its page shows it: who funds it, the deadline, who may apply, the description and the funder's page.</summary>
    private static string GrantHtml(GrantNotice g)
    {
        static string Encode(string text) => WebUtility.HtmlEncode(text).ReplaceLineEndings("<br>");
        var html = new StringBuilder();
        html.Append("<p>実施団体：").Append(Encode(g.Funder)).Append("<br>締切：").Append(g.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (g.AmountNote is { Length: > 0 } amount) html.Append("<br>金額：").Append(Encode(amount));
        html.Append("<br>対象：").Append(Encode(g.Eligibility)).Append("</p>\n");
        html.Append(SafeMarkdown.Render(g.Description));
        if (g.LinkUrl is { } link && SafeMarkdown.IsHttpUrl(link))
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">詳しい情報</a></p>\n");
        return html.ToString();
    }

    private static string Clean(string text) => ControlCharacters.Remove(text);

    private static string Rfc3339(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}

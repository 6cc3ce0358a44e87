using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace Tsunagu.Web.Features.News;

/// <summary>
/// Renders staff-written Markdown safely: raw HTML is escaped (DisableHtml), and a link or image whose
/// address is not http, https, mailto or a relative address (javascript:, data:, vbscript: …) is
/// rendered as plain text. Images become links, since the page's CSP only loads images from this site.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    public static IHtmlContent ToHtml(string? markdown) => new HtmlString(Render(markdown));

    public static string Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafeUrl(link.Url))
            {
                // Keep the words of the link, drop the link.
                while (link.FirstChild is { } child)
                {
                    child.Remove();
                    link.InsertBefore(child);
                }
                link.Remove();
                continue;
            }
            link.IsImage = false;
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafeUrl(autolink.Url)) autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer)
        {
            // A second guard: whatever reaches the renderer with an unsafe address loses it.
            LinkRewriter = url => IsSafeUrl(url) ? url : "#",
        };
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The first 160 characters of the text, without Markdown marks: for lists and the feed.</summary>
    public static string PlainExcerpt(string? markdown, int length = 160)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var text = Markdown.ToPlainText(markdown, Pipeline).ReplaceLineEndings(" ").Trim();
        while (text.Contains("  ", StringComparison.Ordinal)) text = text.Replace("  ", " ", StringComparison.Ordinal);
        return text.Length > length ? text[..length] + "…" : text;
    }

    /// <summary>http, https and mailto addresses, and addresses without a scheme (relative ones).</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return true;
        // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"), so they are removed first.
        var compact = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        var colon = compact.IndexOf(':');
        if (colon < 0) return true;
        var firstSeparator = compact.IndexOfAny(['/', '?', '#']);
        if (firstSeparator >= 0 && firstSeparator < colon) return true;
        var scheme = compact[..colon];
        return scheme is "http" or "https" or "mailto";
    }

    /// <summary>A link URL staff may enter for a notice: an absolute http or https address.</summary>
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);
}

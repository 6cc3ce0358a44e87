using System.Globalization;

namespace Tsunagu.Web.Shared;

/// <summary>
/// A horizontal bar chart drawn on the server (no script): each label and number is HTML text, so it keeps the page's
/// font size at any width, and only the bars are SVG. A table of the same numbers is always beside it, so screen-reader
/// and keyboard users get the data as well. <see cref="HeadingLevel"/> is the level of the chart's title under the
/// page's outline (2 under the page's h1, 3 under an h2).
/// </summary>
public sealed record BarChart(string Id, string Title, string ValueHeading, IReadOnlyList<(string Label, int Value)> Items)
{
    public int HeadingLevel
    {
        get;
        init => field = value is >= 2 and <= 6 ? value : throw new ArgumentOutOfRangeException(nameof(HeadingLevel), value, "A chart's title is an h2 to h6.");
    } = 2;

    public int Max => Math.Max(1, Items.Count == 0 ? 1 : Items.Max(i => i.Value));

    /// <summary>The bar's length in hundredths of the longest bar, for the SVG rect's width (invariant: it is markup).</summary>
    public string BarPercent(int value) => Math.Round(Math.Max(0, value) * 100.0 / Max, 1).ToString(CultureInfo.InvariantCulture);
}

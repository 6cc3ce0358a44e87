namespace Tsunagu.Web.Shared;

/// <summary>
/// A horizontal bar chart drawn as SVG on the server (no script), always shown with a table of the
/// same numbers beside it, so screen-reader and keyboard users get the data as well.
/// </summary>
public sealed record BarChart(string Id, string Title, string ValueHeading, IReadOnlyList<(string Label, int Value)> Items)
{
    public const int LabelWidth = 300, BarArea = 320, RowHeight = 28;
    public int Max => Math.Max(1, Items.Count == 0 ? 1 : Items.Max(i => i.Value));
    public int Height => Math.Max(1, Items.Count) * RowHeight + 8;
    public int Width => LabelWidth + BarArea + 60;
    public int BarWidth(int value) => (int)Math.Round((double)value / Max * BarArea);
}

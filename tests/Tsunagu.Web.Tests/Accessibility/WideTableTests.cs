using System.Text.RegularExpressions;
using Tsunagu.Web.Tests.Localization;

namespace Tsunagu.Web.Tests.Accessibility;

/// <summary>
/// Every page's wide tables, read from the Razor source, so that a page no test opens is held to the same rule: a table
/// that may scroll sideways on a phone sits in a .table-wrap that keyboard users can reach (tabindex="0") and that screen
/// readers name (a region labelled by its table's caption or heading), and no such region shares its name with the
/// section around it (one landmark twice). The browser journeys check the same with axe on the pages they visit.
/// </summary>
public partial class WideTableTests
{
    [Fact]
    public void EveryTableWrap_IsAFocusableRegion_NamedByAnElementOfItsPage()
    {
        var wrong = new List<string>();
        foreach (var (file, text) in RazorFiles())
        {
            foreach (Match wrap in TableWrap().Matches(text))
            {
                var tag = wrap.Value;
                var labelledBy = LabelledBy().Match(tag);
                var named = tag.Contains("aria-label=\"", StringComparison.Ordinal)
                    || labelledBy.Success && text.Contains($"id=\"{labelledBy.Groups["id"].Value}\"", StringComparison.Ordinal);
                if (!tag.Contains("tabindex=\"0\"", StringComparison.Ordinal) || !tag.Contains("role=\"region\"", StringComparison.Ordinal) || !named)
                    wrong.Add($"{file}: {tag}");
            }
        }
        wrong.ShouldBeEmpty("Write <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"…\"> with the id of the table's caption or heading");
    }

    [Fact]
    public void NoRegion_IsNamedLikeTheSectionAroundIt()
    {
        var twice = new List<string>();
        foreach (var (file, text) in RazorFiles())
        {
            var sections = SectionLabelledBy().Matches(text).Select(m => m.Groups["id"].Value).ToHashSet();
            foreach (Match wrap in TableWrap().Matches(text))
                if (LabelledBy().Match(wrap.Value) is { Success: true } l && sections.Contains(l.Groups["id"].Value))
                    twice.Add($"{file}: {wrap.Value}");
        }
        twice.ShouldBeEmpty("Name the table's region by its caption: two regions with one name are one landmark twice (axe landmark-unique)");
    }

    private static IEnumerable<(string File, string Text)> RazorFiles()
    {
        var source = Path.Combine(EnglishTextTests.RepositoryRoot(), "src", "Tsunagu.Web");
        var files = Directory.EnumerateFiles(source, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        files.Count.ShouldBeGreaterThan(50);
        return files.Select(f => (Path.GetRelativePath(source, f), File.ReadAllText(f)));
    }

    [GeneratedRegex(@"<div\b[^>]*\bclass=""[^""]*\btable-wrap\b[^""]*""[^>]*>")]
    private static partial Regex TableWrap();

    [GeneratedRegex(@"aria-labelledby=""(?<id>[^""]+)""")]
    private static partial Regex LabelledBy();

    [GeneratedRegex(@"<section\b[^>]*aria-labelledby=""(?<id>[^""]+)""")]
    private static partial Regex SectionLabelledBy();
}

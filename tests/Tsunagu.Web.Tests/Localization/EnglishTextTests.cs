using System.Text.RegularExpressions;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Localization;

public partial class EnglishTextTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    /// <summary>Every Japanese text the pages pass through the localizer has an English entry in en.json.</summary>
    [Fact]
    public void EveryLocalizedText_HasAnEnglishTranslation()
    {
        var root = RepositoryRoot();
        var source = Path.Combine(root, "src", "Tsunagu.Web");
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            var text = File.ReadAllText(file);
            foreach (var pattern in new[] { LocalizerCall(), DisplayOrError(), NoticeOrHint() })
                foreach (Match m in pattern.Matches(text))
                    keys.Add(Regex.Unescape(m.Groups["text"].Value));
            // Notices chosen by a condition or passed to a helper are shown through the localizer by the layout too.
            foreach (Match statement in NoticeStatement().Matches(text))
                foreach (Match literal in StringLiteral().Matches(statement.Value))
                    keys.Add(Regex.Unescape(literal.Groups["text"].Value));
        }
        keys.Count.ShouldBeGreaterThan(100);
        var english = new Text().English;
        var missing = keys.Where(k => ContainsJapanese(k) && !english.ContainsKey(k)).ToList();
        missing.ShouldBeEmpty("Add these to the feature's en.json (src/Tsunagu.Web/Features/<Feature>/en.json), or to Localization/en.json when several places show them");
    }

    /// <summary>A message put next to a field is passed through the localizer, or the English page shows it in Japanese.</summary>
    [Fact]
    public void FieldErrors_AreNotWrittenAsPlainJapaneseLiterals()
    {
        var source = Path.Combine(RepositoryRoot(), "src", "Tsunagu.Web");
        var plain = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => PlainModelError().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Groups["text"].Value}"))
            .Where(ContainsJapanese).ToList();
        plain.ShouldBeEmpty("Wrap these in t[\"…\"]");
    }

    /// <summary>Each feature keeps its own English; a text is in one file only, so two files never disagree about it.</summary>
    [Fact]
    public void EachText_HasItsEnglishInOneFileOnly()
    {
        var assembly = typeof(Text).Assembly;
        var files = assembly.GetManifestResourceNames().Where(n => n.EndsWith(".en.json", StringComparison.Ordinal)).ToList();
        files.ShouldContain("Tsunagu.Web.Localization.en.json");
        files.ShouldContain("Tsunagu.Web.Features.Groups.en.json");
        var seen = new Dictionary<string, string>();
        var twice = new List<string>();
        foreach (var file in files)
        {
            using var stream = assembly.GetManifestResourceStream(file)!;
            foreach (var key in System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!.Keys)
                if (!seen.TryAdd(key, file)) twice.Add($"{key}: {seen[key]} and {file}");
        }
        twice.ShouldBeEmpty("Keep a text shown by several features in Localization/en.json only");
    }

    [Fact]
    public void EnglishEntries_KeepTheirPlaceholders()
    {
        foreach (var (ja, en) in new Text().English)
            foreach (Match m in Regex.Matches(ja, @"\{\d+\}"))
                en.ShouldContain(m.Value, customMessage: ja);
    }

    [Fact]
    public async Task EnglishSwitch_ChangesLangAndText()
    {
        await factory.EnsurePreparedAsync();
        var browser = Browser.For(factory);
        var switched = await browser.PostWithTokenAsync("/nagato", "/culture", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/nagato" });
        switched.Headers.Location!.OriginalString.ShouldBe("/nagato");
        var (_, page) = await browser.GetPageAsync("/nagato");
        page.DocumentElement.GetAttribute("lang").ShouldBe("en");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Nagato");
        page.QuerySelector(".skip-link")!.TextContent.ShouldBe("Skip to main content");
    }

    [Fact]
    public async Task LanguageSwitch_DoesNotRedirectToAnotherSite()
    {
        await factory.EnsurePreparedAsync();
        var response = await Browser.For(factory).PostWithTokenAsync("/", "/culture", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "https://evil.example/" });
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    private static bool ContainsJapanese(string s) => s.Any(c => c is >= '\u3040' and <= '\u30ff' or >= '\u4e00' and <= '\u9fff' or >= '\uff00' and <= '\uffef');

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tsunagu.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Tsunagu.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(?<![A-Za-z])(?:[Tt]|text)\[""(?<text>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"(?:TempData\[""(?:Notice|Warning)""\] = |ActAsync\()[^;]*;")]
    private static partial Regex NoticeStatement();

    [GeneratedRegex(@"""(?<text>(?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"AddModelError\([^;]*?, \$?""(?<text>(?:[^""\\]|\\.)*)""\)")]
    private static partial Regex PlainModelError();

    [GeneratedRegex(@"(?<![A-Za-z])(?:ErrorMessage|Name) = ""(?<text>(?:[^""\\]|\\.)*)""")]
    private static partial Regex DisplayOrError();

    [GeneratedRegex(@"(?:TempData\[""(?:Notice|Warning)""\] = |hint=)""(?<text>(?:[^""\\]|\\.)*)""")]
    private static partial Regex NoticeOrHint();
}

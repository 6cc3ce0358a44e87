using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Tsunagu.Web.Localization;

/// <summary>
/// Japanese is the source language: the Japanese text is the key, and the en.json files give the English: each
/// feature's own (<c>Features/&lt;Feature&gt;/en.json</c>) and the shared one here, merged once (docs/adr/0003).
/// A missing English entry falls back to the Japanese (a test lists any that are missing).
/// </summary>
public class Text : IStringLocalizer, IStringLocalizerFactory
{
    private readonly IReadOnlyDictionary<string, string> _english;

    public Text() => _english = Merged.Value;

    /// <summary>Read once per process: the files are embedded and never change while it runs.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Merged = new(() => Merge(typeof(Text).Assembly));

    /// <summary>
    /// Every embedded <c>en.json</c> merged into one dictionary. A Japanese text given two different English texts stops the
    /// start, naming both files: features must not quietly overwrite each other's words.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Merge(Assembly assembly)
    {
        var english = new Dictionary<string, string>(StringComparer.Ordinal);
        var from = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".en.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (japanese, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [])
            {
                if (english.TryGetValue(japanese, out var earlier) && earlier != text)
                    throw new InvalidOperationException($"「{japanese}」 has two English texts: \"{earlier}\" ({from[japanese]}) and \"{text}\" ({name}).");
                english[japanese] = text;
                from[japanese] = name;
            }
        }
        if (english.Count == 0) throw new InvalidOperationException("No en.json is embedded.");
        return english;
    }

    public IReadOnlyDictionary<string, string> English => _english;

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public string this[string japanese] => IsEnglish && _english.TryGetValue(japanese, out var en) ? en : japanese;

    public string this[string japanese, params object?[] args] => string.Format(CultureInfo.CurrentCulture, this[japanese], args);

    LocalizedString IStringLocalizer.this[string name]
    {
        get
        {
            var found = !IsEnglish || _english.ContainsKey(name);
            return new LocalizedString(name, this[name], resourceNotFound: !found);
        }
    }

    LocalizedString IStringLocalizer.this[string name, params object[] arguments] =>
        new(name, this[name, arguments]);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        _english.Select(kv => new LocalizedString(kv.Key, IsEnglish ? kv.Value : kv.Key));

    public IStringLocalizer Create(Type resourceSource) => this;
    public IStringLocalizer Create(string baseName, string location) => this;
}

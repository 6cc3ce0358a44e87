using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Tsunagu.Web.Localization;

/// <summary>
/// Japanese is the source language: the Japanese text is the key, and en.json gives the English.
/// A missing English entry falls back to the Japanese (a test lists any that are missing).
/// </summary>
public class Text : IStringLocalizer, IStringLocalizerFactory
{
    private readonly IReadOnlyDictionary<string, string> _english;

    public Text()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tsunagu.Web.Localization.en.json")
            ?? throw new InvalidOperationException("en.json is not embedded.");
        _english = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
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

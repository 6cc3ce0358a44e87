using System.Reflection;
using PdfSharp.Fonts;

namespace Tsunagu.Web.Features.Plans.Reports;

/// <summary>
/// The one font of the PDF reports: IPAexGothic (IPA Font License v1.0), served to PDFsharp from this assembly's
/// resources, so a report looks the same on any machine whatever fonts it has. PDFsharp embeds the glyphs used.
/// IPAexGothic has no bold face: bold is simulated by PDFsharp.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "IPAexGothic";
    private const string FaceName = "IPAexGothic";
    private const string ResourceName = "Tsunagu.Web.Fonts.ipaexg.ttf";

    private static readonly ReportFonts Instance = new();
    private static readonly Lock Gate = new();
    private readonly Lazy<byte[]> bytes = new(LoadFont);

    private ReportFonts() { }

    /// <summary>
    /// Installs the resolver once per process. PDFsharp keeps one resolver for the application and may only be
    /// given the same instance again, so every caller goes through here.
    /// </summary>
    public static void EnsureInstalled()
    {
        if (ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) return;
        lock (Gate)
        {
            if (ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) return;
            if (GlobalFontSettings.FontResolver is not null)
                throw new InvalidOperationException($"Another PDFsharp font resolver ({GlobalFontSettings.FontResolver.GetType()}) is installed.");
            GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Every family asked for is served by the one Japanese face, so nothing falls back to system fonts.
        new(FaceName, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName == FaceName ? bytes.Value : null;

    private static byte[] LoadFont()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded font {ResourceName} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

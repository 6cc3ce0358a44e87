using PdfSharp;

namespace Tsunagu.Web.Features.Plans.Reports;

/// <summary>
/// What PDFsharp needs before the first document: a license and the report font.
/// </summary>
/// <remarks>
/// PDFsharp 6.5 is published under the AGPL-3.0 (earlier 6.x releases were MIT) and throws on every document until a
/// license is loaded: the free AGPL one, or a commercial key with <c>PdfSharpLicense.LoadLicense(key)</c>. We load the
/// AGPL one here, in this one place. Under the AGPL, users of a modified Tsunagu over the network must be offered its
/// source: a decision for the project, recorded in README.md's dependency table.
/// </remarks>
public static class PdfSetup
{
    private static readonly Lazy<bool> Ready = new(() =>
    {
        PdfSharpLicense.SetAgplLicense();
        ReportFonts.EnsureInstalled();
        return true;
    });

    public static void EnsureReady() => _ = Ready.Value;
}

using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Plans.Reports;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>An activity certificate (ボランティア活動証明書) for one confirmed activity, as an A4 PDF with the Japanese font embedded.</summary>
public static class ActivityCertificate
{
    public sealed record Facts(
        string CityName, string CentreName, string VolunteerName, string OpportunityTitle, string Organiser, DateTime StartsAt, DateTime EndsAt,
        decimal Hours, string? Place, DateTime ConfirmedAt, int ApplicationId);

    public static byte[] Render(Facts f)
    {
        PdfSetup.EnsureReady();
        var unicode = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var title = new XFont(ReportFonts.Family, 22, XFontStyleEx.Bold, unicode);
        var body = new XFont(ReportFonts.Family, 12, XFontStyleEx.Regular, unicode);
        var label = new XFont(ReportFonts.Family, 11, XFontStyleEx.Bold, unicode);
        var small = new XFont(ReportFonts.Family, 9, XFontStyleEx.Regular, unicode);

        using var document = new PdfDocument();
        document.Info.Title = "ボランティア活動証明書";
        document.Info.Author = f.CentreName;
        document.Info.Creator = "Tsunagu";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var width = page.Width.Point;
            const double margin = 64;
            var y = 96.0;
            gfx.DrawString("ボランティア活動証明書", title, XBrushes.Black, new XRect(0, y, width, 30), XStringFormats.TopCenter);
            y += 70;
            gfx.DrawString($"{f.VolunteerName} 様", body, XBrushes.Black, margin, y);
            y += 36;
            gfx.DrawString("下記のとおり、ボランティア活動に参加されたことを証明します。", body, XBrushes.Black, margin, y);
            y += 44;
            var local = (DateTime utc) => Tsunagu.Web.Shared.Display.ToTokyo(utc);
            var start = local(f.StartsAt);
            var end = local(f.EndsAt);
            (string, string)[] rows =
            [
                ("活動名", f.OpportunityTitle),
                ("主催", f.Organiser),
                ("活動日", $"{JapaneseDates.ToJapaneseDate(DateOnly.FromDateTime(start))}（{start:yyyy/MM/dd}）"),
                ("時間", $"{start:HH:mm}〜{end:HH:mm}"),
                ("活動時間", $"{f.Hours:0.##} 時間"),
                ("場所", f.Place ?? "—"),
            ];
            foreach (var (name, value) in rows)
            {
                gfx.DrawString(name, label, XBrushes.Black, margin, y);
                gfx.DrawString(value, body, XBrushes.Black, margin + 90, y);
                gfx.DrawLine(XPens.LightGray, margin, y + 8, width - margin, y + 8);
                y += 30;
            }
            y += 50;
            gfx.DrawString(JapaneseDates.ToJapaneseDate(DateOnly.FromDateTime(local(f.ConfirmedAt))), body, XBrushes.Black, width - margin, y, XStringFormats.BottomRight);
            y += 28;
            gfx.DrawString(f.CityName, body, XBrushes.Black, width - margin, y, XStringFormats.BottomRight);
            y += 22;
            gfx.DrawString(f.CentreName, body, XBrushes.Black, width - margin, y, XStringFormats.BottomRight);
            gfx.DrawString($"証明番号 {f.ApplicationId}　つなぐ（Tsunagu）で発行", small, XBrushes.Gray, margin, page.Height.Point - 48);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }
}

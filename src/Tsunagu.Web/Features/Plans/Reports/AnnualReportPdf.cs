using System.Globalization;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Tsunagu.Web.Calendar;

namespace Tsunagu.Web.Features.Plans.Reports;

/// <summary>
/// The annual report as a PDF (A4 portrait) with PDFsharp: a title block, the items as a table that breaks across
/// pages under a repeated header, the indicators as a table and one small chart each, and the council's evaluations
/// and opinion (答申). Japanese text is set in the embedded IPAexGothic (<see cref="ReportFonts"/>) and wrapped by
/// measuring characters, since Japanese has no spaces between words, keeping closing punctuation off the start of a
/// line and opening brackets off its end (禁則).
/// </summary>
public static class AnnualReportPdf
{
    public static byte[] Render(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        PdfSetup.EnsureReady();
        using var writer = new Writer(report);
        return writer.Render();
    }

    /// <summary>The title the document carries (its Title info and the heading of the first page).</summary>
    public static string DocumentTitle(AnnualReport report) =>
        $"{report.PlanTitle} {report.YearText(report.FiscalYear)} 年次報告";

    internal static string Number(decimal value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    internal static string PublishedDate(DateTime publishedAtUtc) =>
        JapaneseDates.ToJapaneseDate(DateOnly.FromDateTime(
            Tsunagu.Web.Shared.Display.ToTokyo(publishedAtUtc)));

    /// <summary>
    /// The report text of one item in one cell: what was done, then the figures, problems, next year's plan and
    /// partners, each under its label.
    /// </summary>
    internal static string Progress(AnnualReport.Item item)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(item.Done)) parts.Add(item.Done.Trim());
        if (!string.IsNullOrWhiteSpace(item.Figures)) parts.Add($"【実績】{item.Figures.Trim()}");
        if (!string.IsNullOrWhiteSpace(item.Problems)) parts.Add($"【課題】{item.Problems.Trim()}");
        if (!string.IsNullOrWhiteSpace(item.NextYear)) parts.Add($"【次年度】{item.NextYear.Trim()}");
        if (!string.IsNullOrWhiteSpace(item.Partners)) parts.Add($"【連携先】{item.Partners.Trim()}");
        return string.Join('\n', parts);
    }

    /// <summary>An upper level of the tree (a policy or measure): the next node in order lies below it.</summary>
    internal static bool IsSection(IReadOnlyList<AnnualReport.Item> items, int index) =>
        index + 1 < items.Count && items[index + 1].Depth > items[index].Depth;

    private sealed record Column(string Header, double Width, bool AlignRight = false);

    /// <summary>A table row: cells, or (Section) one text across the whole row.</summary>
    private sealed record Row(string[] Cells, bool Section = false, int Depth = 0);

    private sealed class Writer(AnnualReport report) : IDisposable
    {
        private static readonly double PageWidth = XUnit.FromMillimeter(210).Point;
        private static readonly double PageHeight = XUnit.FromMillimeter(297).Point;
        private const double MarginX = 36;
        private const double Top = 40;
        private const double Bottom = 50; // room for the footer
        private const double Pad = 3;
        private static double ContentWidth => PageWidth - 2 * MarginX;
        private static double Limit => PageHeight - Bottom;

        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        private readonly XFont body = new(ReportFonts.Family, 8, XFontStyleEx.Regular, Unicode);
        private readonly XFont bodyBold = new(ReportFonts.Family, 8, XFontStyleEx.Bold, Unicode);
        private readonly XFont small = new(ReportFonts.Family, 7, XFontStyleEx.Regular, Unicode);
        private readonly XFont text = new(ReportFonts.Family, 9.5, XFontStyleEx.Regular, Unicode);
        private readonly XFont heading = new(ReportFonts.Family, 13, XFontStyleEx.Bold, Unicode);
        private readonly XFont subheading = new(ReportFonts.Family, 10.5, XFontStyleEx.Bold, Unicode);
        private readonly XFont titleFont = new(ReportFonts.Family, 20, XFontStyleEx.Bold, Unicode);
        private readonly XFont subtitle = new(ReportFonts.Family, 15, XFontStyleEx.Regular, Unicode);
        private readonly XFont cityFont = new(ReportFonts.Family, 12, XFontStyleEx.Regular, Unicode);

        private static readonly XPen Rule = new(XColor.FromArgb(0x99, 0x99, 0x99), 0.5);
        private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(0x1a, 0x1a, 0x1c));
        private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(0x62, 0x62, 0x66));
        private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(0xe8, 0xf1, 0xfe));
        private static readonly XBrush[] SectionFill =
        [
            new XSolidBrush(XColor.FromArgb(0xd9, 0xd9, 0xdf)),
            new XSolidBrush(XColor.FromArgb(0xee, 0xee, 0xf2)),
            new XSolidBrush(XColor.FromArgb(0xf6, 0xf6, 0xf8)),
        ];
        private static readonly XColor Blue = XColor.FromArgb(0x00, 0x41, 0xae);

        private readonly PdfDocument document = new();
        public void Dispose() => document.Dispose();
        private readonly Dictionary<(XFont, string), double> widths = [];
        private XGraphics gfx = null!;
        private double y;

        public byte[] Render()
        {
            var fiscalYear = report.YearText(report.FiscalYear);
            document.Info.Title = DocumentTitle(report);
            document.Info.Author = report.CityName;
            document.Info.Subject = $"{report.CityName} {report.PlanTitle} {fiscalYear} 年次報告（第{report.Version}版）";
            document.Info.Creator = "Tsunagu";
            document.Info.CreationDate = DateTime.SpecifyKind(report.PublishedAt, DateTimeKind.Utc);

            NewPage();
            TitleBlock(fiscalYear);
            Items();
            Indicators();
            Evaluations();
            gfx.Dispose();
            Footers(fiscalYear);

            using var stream = new MemoryStream();
            document.Save(stream, false);
            return stream.ToArray();
        }

        // ---- pages -----------------------------------------------------------------------------------------------

        private void NewPage()
        {
            gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            page.Orientation = PageOrientation.Portrait;
            gfx = XGraphics.FromPdfPage(page);
            y = Top;
        }

        private void EnsureSpace(double height)
        {
            if (y + height > Limit) NewPage();
        }

        private void Footers(string fiscalYear)
        {
            var count = document.PageCount;
            for (var i = 0; i < count; i++)
            {
                gfx = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
                var baseline = PageHeight - 24;
                var number = $"{i + 1} / {count}";
                var numberWidth = Width(small, number);
                gfx.DrawString(number, small, Grey, PageWidth - MarginX - numberWidth, baseline);
                var left = $"{report.CityName}　{report.PlanTitle}　{fiscalYear} 年次報告（第{report.Version}版）";
                var room = ContentWidth - numberWidth - 24;
                if (Width(small, left) > room) left = Wrap(left, small, room - Width(small, "…"))[0] + "…";
                gfx.DrawString(left, small, Grey, MarginX, baseline);
                gfx.DrawLine(Rule, MarginX, baseline - 10, PageWidth - MarginX, baseline - 10);
                gfx.Dispose();
            }
        }

        // ---- text ------------------------------------------------------------------------------------------------

        private static double LineHeight(XFont font) => font.Size * 1.45;

        /// <summary>Top of a line to baseline: the face's ascent, centred in the line's extra leading.</summary>
        private static double Baseline(XFont font) => font.Size * 0.2 + font.Size * 0.88;

        private double Width(XFont font, string s)
        {
            var total = 0.0;
            for (var i = 0; i < s.Length; i++)
            {
                var unit = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? s.Substring(i++, 2) : s[i].ToString();
                if (!widths.TryGetValue((font, unit), out var w))
                {
                    w = gfx.MeasureString(unit, font).Width;
                    widths[(font, unit)] = w;
                }
                total += w;
            }
            return total;
        }

        private const string NoLineStart = "、。，．,.・：；:;？！?!）〕］｝〉》」』】)]}ー…‥ゝゞ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%％↑↓";
        private const string NoLineEnd = "（〔［｛〈《「『【([{";

        private static bool IsWordChar(char c) => c < 0x80 && (char.IsLetterOrDigit(c) || c is '.' or ',' or '-' or '_' or '/' or '%' or '@');

        /// <summary>
        /// Lines of at most <paramref name="width"/> points. Runs of Latin letters and digits stay whole when they fit;
        /// Japanese breaks between any two characters except before closing punctuation and after opening brackets.
        /// </summary>
        private List<string> Wrap(string? value, XFont font, double width)
        {
            var lines = new List<string>();
            if (string.IsNullOrEmpty(value)) { lines.Add(""); return lines; }
            foreach (var paragraph in value.Replace("\r\n", "\n").Split('\n'))
            {
                var line = new StringBuilder();
                var lineWidth = 0.0;
                void Flush()
                {
                    lines.Add(line.ToString().TrimEnd());
                    line.Clear();
                    lineWidth = 0;
                }
                var s = paragraph;
                var i = 0;
                while (i < s.Length)
                {
                    var j = Next(s, i);
                    // An opening bracket goes with what follows it; closing punctuation with what precedes it.
                    while (j < s.Length && NoLineEnd.Contains(s[j - 1])) j = Next(s, j);
                    while (j < s.Length && NoLineStart.Contains(s[j])) j++;
                    var unit = s[i..j];
                    var w = Width(font, unit);
                    if (lineWidth + w <= width) { line.Append(unit); lineWidth += w; }
                    else if (w <= width)
                    {
                        Flush();
                        unit = unit.TrimStart();
                        line.Append(unit);
                        lineWidth = Width(font, unit);
                    }
                    else
                    {
                        // Longer than a line on its own (a long URL or number): break it anywhere.
                        foreach (var c in unit)
                        {
                            var cw = Width(font, c.ToString());
                            if (lineWidth + cw > width && line.Length > 0) Flush();
                            line.Append(c);
                            lineWidth += cw;
                        }
                    }
                    i = j;
                }
                Flush();
            }
            return lines;
        }

        private static int Next(string s, int i)
        {
            if (IsWordChar(s[i]))
            {
                var j = i + 1;
                while (j < s.Length && IsWordChar(s[j])) j++;
                return j;
            }
            return char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? i + 2 : i + 1;
        }

        /// <summary>A paragraph across the page's width, breaking to the next page between lines.</summary>
        private void Paragraph(string? value, XFont font, XBrush? brush = null, double indent = 0, double after = 4)
        {
            foreach (var line in Wrap(value, font, ContentWidth - indent))
            {
                EnsureSpace(LineHeight(font));
                gfx.DrawString(line, font, brush ?? Ink, MarginX + indent, y + Baseline(font));
                y += LineHeight(font);
            }
            y += after;
        }

        private void Heading(string value)
        {
            // A heading is kept with a few lines of what follows it.
            EnsureSpace(LineHeight(heading) + 8 + 60);
            y += 4;
            gfx.DrawString(value, heading, Ink, MarginX, y + Baseline(heading));
            y += LineHeight(heading);
            gfx.DrawLine(new XPen(Blue, 1.2), MarginX, y, PageWidth - MarginX, y);
            y += 8;
        }

        // ---- content ---------------------------------------------------------------------------------------------

        private void TitleBlock(string fiscalYear)
        {
            y += 10;
            gfx.DrawString(report.CityName, cityFont, Grey, MarginX, y + Baseline(cityFont));
            y += LineHeight(cityFont) + 4;
            foreach (var line in Wrap(report.PlanTitle, titleFont, ContentWidth))
            {
                gfx.DrawString(line, titleFont, Ink, MarginX, y + Baseline(titleFont));
                y += LineHeight(titleFont);
            }
            gfx.DrawString($"{fiscalYear}　年次報告", subtitle, Ink, MarginX, y + Baseline(subtitle));
            y += LineHeight(subtitle) + 4;
            var meta = $"第{report.Version}版　{PublishedDate(report.PublishedAt)}公表";
            gfx.DrawString(meta, text, Grey, MarginX, y + Baseline(text));
            y += LineHeight(text) + 6;
            gfx.DrawLine(new XPen(Blue, 2), MarginX, y, PageWidth - MarginX, y);
            y += 10;
            if (report.IncompleteReason is { } reason)
            {
                Paragraph("この年次報告は、すべての報告の受理と評価がそろう前に公表しました。", bodyBold, after: 2);
                Paragraph("理由：" + reason, body, after: 8);
            }
            if (report.Grades.Count > 0)
                Paragraph("評価の区分　" + string.Join("　", report.Grades.Select(g => $"{g.Code}：{g.Label}")), body, Grey, after: 8);
        }

        private void Items()
        {
            Heading("1　項目ごとの実施状況");
            Column[] columns =
            [
                new("番号", 50), new("項目", 122), new("担当課", 66), new("計画", 34), new("評価", 30),
                new("実施状況", ContentWidth - 302),
            ];
            var items = report.Items;
            var rows = new List<Row>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (IsSection(items, i))
                {
                    var level = item.Depth < report.Levels.Count ? report.Levels[item.Depth] + "　" : "";
                    rows.Add(new Row([$"{level}{item.Ref}　{item.Title}"], Section: true, Depth: item.Depth));
                }
                else
                {
                    var progress = Progress(item);
                    rows.Add(new Row([item.Ref, item.Title, item.Departments ?? "", item.PlannedWord ?? "", item.Grade ?? "",
                        progress.Length == 0 ? "（報告なし）" : progress]));
                }
            }
            if (rows.Count == 0) { Paragraph("項目はありません。", text); return; }
            Table(columns, rows);
            y += 10;
        }

        private void Indicators()
        {
            if (report.Indicators.Count == 0) return;
            Heading("2　成果指標");
            var years = report.Indicators.SelectMany(i => i.Actuals).Select(a => a.Year).Distinct().Order().ToList();
            const double nameWidth = 130, valueWidth = 58, achievementWidth = 44;
            var yearWidth = years.Count == 0 ? 0 : (ContentWidth - nameWidth - 2 * valueWidth - achievementWidth) / years.Count;
            var columns = new List<Column> { new("指標", nameWidth), new("基準値", valueWidth, true), new("目標値", valueWidth, true) };
            columns.AddRange(years.Select(year => new Column(report.YearText(year), yearWidth, true)));
            columns.Add(new Column("達成度", achievementWidth, true));
            var rows = report.Indicators.Select(indicator =>
            {
                var cells = new List<string>
                {
                    $"{indicator.Name}（{indicator.Unit}）{(indicator.HigherIsBetter ? "↑" : "↓")}",
                    $"{Number(indicator.BaselineValue)}\n（{report.ShortYear(indicator.BaselineYear)}）",
                    $"{Number(indicator.TargetValue)}\n（{report.ShortYear(indicator.TargetYear)}）",
                };
                cells.AddRange(years.Select(year => indicator.Actuals.FirstOrDefault(a => a.Year == year)?.Value is { } v ? Number(v) : "－"));
                cells.Add(indicator.Achievement is { } a ? $"{a.ToString("0.0", CultureInfo.InvariantCulture)}%" : "－");
                return new Row([.. cells]);
            }).ToList();
            Table([.. columns], rows);
            y += 4;
            Paragraph("↑は値が大きいほど、↓は小さいほど良い指標。達成度は基準値から目標値までの進み具合（100%で目標達成）。", small, Grey, after: 8);

            // Charts, two to a row.
            const double chartHeight = 138, gap = 14;
            var chartWidth = (ContentWidth - gap) / 2;
            for (var i = 0; i < report.Indicators.Count; i += 2)
            {
                EnsureSpace(chartHeight + 8);
                Chart(report.Indicators[i], new XRect(MarginX, y, chartWidth, chartHeight));
                if (i + 1 < report.Indicators.Count)
                    Chart(report.Indicators[i + 1], new XRect(MarginX + chartWidth + gap, y, chartWidth, chartHeight));
                y += chartHeight + 8;
            }
            EnsureSpace(LineHeight(small));
            var legendY = y + Baseline(small);
            var dashed = new XPen(XColor.FromArgb(0x62, 0x62, 0x66), 1) { DashStyle = XDashStyle.Dash };
            gfx.DrawLine(dashed, MarginX, legendY - 2.5, MarginX + 22, legendY - 2.5);
            gfx.DrawString("基準値から目標値への線", small, Grey, MarginX + 26, legendY);
            var x2 = MarginX + 26 + Width(small, "基準値から目標値への線") + 16;
            gfx.DrawEllipse(new XSolidBrush(Blue), x2, legendY - 5, 5, 5);
            gfx.DrawString("実績", small, Grey, x2 + 9, legendY);
            y += LineHeight(small) + 10;
        }

        private void Chart(AnnualReport.IndicatorLine indicator, XRect box)
        {
            gfx.DrawRectangle(Rule, box);
            var title = Wrap($"{indicator.Name}（{indicator.Unit}）", bodyBold, box.Width - 12);
            var ty = box.Y + 4;
            foreach (var line in title.Take(2))
            {
                gfx.DrawString(line, bodyBold, Ink, box.X + 6, ty + Baseline(bodyBold));
                ty += LineHeight(bodyBold);
            }

            var actuals = indicator.Actuals.Where(a => a.Value is not null).OrderBy(a => a.Year).ToList();
            var firstYear = Math.Min(indicator.BaselineYear, actuals.Count > 0 ? actuals[0].Year : indicator.BaselineYear);
            var lastYear = Math.Max(indicator.TargetYear, actuals.Count > 0 ? actuals[^1].Year : indicator.TargetYear);
            if (lastYear == firstYear) lastYear = firstYear + 1;
            var values = actuals.Select(a => a.Value!.Value).Append(indicator.BaselineValue).Append(indicator.TargetValue).ToList();
            double min = (double)values.Min(), max = (double)values.Max();
            if (max - min < 1e-9) { min -= 1; max += 1; }
            var spread = max - min;
            min -= spread * 0.1;
            max += spread * 0.1;
            if (min < 0 && values.All(v => v >= 0)) min = 0;

            var plot = new XRect(box.X + 44, ty + 4, box.Width - 56, box.Bottom - ty - 4 - 20);
            double X(int year) => plot.X + (year - firstYear) * plot.Width / (lastYear - firstYear);
            double Y(double value) => plot.Bottom - (value - min) * plot.Height / (max - min);

            // Axes, with three value labels and the years (as R8) along the bottom.
            var gridPen = new XPen(XColor.FromArgb(0xd0, 0xd0, 0xd6), 0.4);
            for (var k = 0; k <= 2; k++)
            {
                var v = min + (max - min) * k / 2;
                var label = Number(Math.Round((decimal)v, Math.Abs(max - min) < 10 ? 2 : 0));
                gfx.DrawLine(gridPen, plot.X, Y(v), plot.Right, Y(v));
                gfx.DrawString(label, small, Grey, plot.X - 4 - Width(small, label), Y(v) + 2.5);
            }
            gfx.DrawLine(Rule, plot.X, plot.Y, plot.X, plot.Bottom);
            gfx.DrawLine(Rule, plot.X, plot.Bottom, plot.Right, plot.Bottom);
            var step = Math.Max(1, (int)Math.Ceiling((lastYear - firstYear + 1) / 8.0));
            for (var year = firstYear; year <= lastYear; year += step)
            {
                var label = report.ShortYear(year);
                gfx.DrawLine(Rule, X(year), plot.Bottom, X(year), plot.Bottom + 2);
                gfx.DrawString(label, small, Grey, X(year) - Width(small, label) / 2, plot.Bottom + 10);
            }

            // Baseline → target as a straight dashed path, the actuals as points joined by a line.
            var path = new XPen(XColor.FromArgb(0x62, 0x62, 0x66), 1) { DashStyle = XDashStyle.Dash };
            gfx.DrawLine(path, X(indicator.BaselineYear), Y((double)indicator.BaselineValue), X(indicator.TargetYear), Y((double)indicator.TargetValue));
            gfx.DrawEllipse(new XPen(XColor.FromArgb(0x62, 0x62, 0x66), 0.8), XBrushes.White, X(indicator.BaselineYear) - 2.5, Y((double)indicator.BaselineValue) - 2.5, 5, 5);
            gfx.DrawEllipse(new XPen(XColor.FromArgb(0x62, 0x62, 0x66), 0.8), XBrushes.White, X(indicator.TargetYear) - 2.5, Y((double)indicator.TargetValue) - 2.5, 5, 5);
            var points = actuals.Select(a => new XPoint(X(a.Year), Y((double)a.Value!.Value))).ToArray();
            if (points.Length > 1) gfx.DrawLines(new XPen(Blue, 1.2), points);
            var dot = new XSolidBrush(Blue);
            foreach (var p in points) gfx.DrawEllipse(dot, p.X - 2.5, p.Y - 2.5, 5, 5);
        }

        private void Evaluations()
        {
            if (report.Evaluations.Count == 0 && string.IsNullOrWhiteSpace(report.CouncilOpinion)) return;
            Heading($"3　{report.Body}の評価");
            foreach (var e in report.Evaluations)
            {
                EnsureSpace(LineHeight(subheading) + 3 * LineHeight(text));
                Paragraph($"{e.PolicyRef}　{e.PolicyTitle}", subheading, after: 2);
                EnsureSpace(LineHeight(bodyBold) + 2 * LineHeight(text));
                Paragraph("【評価】", bodyBold, Grey, after: 0);
                Paragraph(e.Evaluation, text, indent: 10, after: 3);
                if (!string.IsNullOrWhiteSpace(e.Opinion))
                {
                    EnsureSpace(LineHeight(bodyBold) + 2 * LineHeight(text));
                    Paragraph("【意見】", bodyBold, Grey, after: 0);
                    Paragraph(e.Opinion, text, indent: 10, after: 3);
                }
                y += 8;
            }
            if (!string.IsNullOrWhiteSpace(report.CouncilOpinion))
            {
                EnsureSpace(LineHeight(subheading) + 3 * LineHeight(text) + 8);
                y += 4;
                Paragraph($"{report.Body}の{report.Term}", subheading, after: 4);
                Paragraph(report.CouncilOpinion, text, indent: 10);
            }
        }

        // ---- tables ----------------------------------------------------------------------------------------------

        /// <summary>
        /// A table that breaks across pages, repeating its header on each. A row that does not fit is split between
        /// lines when at least four fit and two go over (its rest marked （続き） on the next page), otherwise it goes to
        /// the next page. An upper-level (section) row is kept with the first lines of the row after it.
        /// </summary>
        private void Table(Column[] columns, List<Row> rows)
        {
            var headerLines = columns.Select(c => Wrap(c.Header, bodyBold, c.Width - 2 * Pad)).ToArray();
            var headerHeight = headerLines.Max(l => l.Count) * LineHeight(bodyBold) + 2 * Pad;
            var lh = LineHeight(body);
            var fullWidth = columns.Sum(c => c.Width);

            void Header()
            {
                var x = MarginX;
                for (var c = 0; c < columns.Length; c++)
                {
                    gfx.DrawRectangle(Rule, HeaderFill, x, y, columns[c].Width, headerHeight);
                    var ly = y + Pad;
                    foreach (var line in headerLines[c])
                    {
                        gfx.DrawString(line, bodyBold, Ink, x + (columns[c].Width - Width(bodyBold, line)) / 2, ly + Baseline(bodyBold));
                        ly += LineHeight(bodyBold);
                    }
                    x += columns[c].Width;
                }
                y += headerHeight;
            }

            void NextPage()
            {
                NewPage();
                Header();
            }

            EnsureSpace(headerHeight + 3 * lh + 2 * Pad);
            Header();
            var freshTop = y;
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                if (row.Section)
                {
                    var indent = Math.Min(row.Depth, 3) * 8;
                    var lines = Wrap(row.Cells[0], bodyBold, fullWidth - 2 * Pad - indent);
                    var height = lines.Count * LineHeight(bodyBold) + 2 * Pad;
                    if (y + height + 2 * lh + 2 * Pad > Limit) { NextPage(); freshTop = y; }
                    gfx.DrawRectangle(Rule, SectionFill[Math.Min(row.Depth, SectionFill.Length - 1)], MarginX, y, fullWidth, height);
                    var ly = y + Pad;
                    foreach (var line in lines)
                    {
                        gfx.DrawString(line, bodyBold, Ink, MarginX + Pad + indent, ly + Baseline(bodyBold));
                        ly += LineHeight(bodyBold);
                    }
                    y += height;
                    continue;
                }

                var cells = columns.Select((c, i) => Wrap(i < row.Cells.Length ? row.Cells[i] : "", body, c.Width - 2 * Pad)).ToArray();
                var total = cells.Max(l => l.Count);
                var from = 0;
                while (from < total)
                {
                    var fit = (int)Math.Floor((Limit - y - 2 * Pad) / lh);
                    var left = total - from;
                    int take;
                    if (fit >= left) take = left;
                    else if (y <= freshTop + 0.1) take = Math.Max(1, fit); // longer than a page
                    else if (fit >= 4 && left - fit >= 2) take = fit;
                    else if (fit >= 4 && left - 2 >= 4) take = left - 2; // leave two lines, not one, for the next page
                    else
                    {
                        // Too little room here for a useful part of the row.
                        NextPage();
                        freshTop = y;
                        continue;
                    }
                    var height = take * lh + 2 * Pad;
                    var x = MarginX;
                    for (var c = 0; c < columns.Length; c++)
                    {
                        gfx.DrawRectangle(Rule, x, y, columns[c].Width, height);
                        var ly = y + Pad;
                        if (c == 0 && from > 0 && from >= cells[c].Count)
                            gfx.DrawString("（続き）", small, Grey, x + Pad, ly + Baseline(small));
                        for (var k = from; k < Math.Min(from + take, cells[c].Count); k++)
                        {
                            var line = cells[c][k];
                            var lx = columns[c].AlignRight ? x + columns[c].Width - Pad - Width(body, line) : x + Pad;
                            gfx.DrawString(line, body, Ink, lx, ly + Baseline(body));
                            ly += lh;
                        }
                        x += columns[c].Width;
                    }
                    y += height;
                    from += take;
                    if (from < total) { NextPage(); freshTop = y; }
                }
            }
        }
    }
}

using Tsunagu.Web.Calendar;
using Tsunagu.Web.Shared.Spreadsheets;

namespace Tsunagu.Web.Features.Plans.Reports;

/// <summary>
/// The annual report as an Excel workbook: 概要 (the plan, year, version, date and the council's opinion), 項目
/// (one row per node of the tree, upper levels in bold), 指標 (one row per indicator, one column per year) and
/// 審議会の評価. Numbers are numbers and the date a date, so they can be summed and sorted.
/// </summary>
public static class AnnualReportExcel
{
    public static byte[] Render(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var workbook = new SpreadsheetWriter();
        Summary(report, workbook.AddSheet("概要", [16, 100]));
        Items(report, workbook.AddSheet("項目", [14, 6, 10, 40, 20, 8, 6, 16, 60, 30, 30, 30, 24], freezeHeader: true));
        var years = report.Indicators.SelectMany(i => i.Actuals).Select(a => a.Year).Distinct().Order().ToList();
        Indicators(report, years, workbook.AddSheet("指標", [36, 8, 12, 12, 10, 12, 10, .. years.Select(_ => 11.0), 10], freezeHeader: true));
        Evaluations(report, workbook.AddSheet("評価", [10, 36, 70, 70], freezeHeader: true));
        return workbook.ToBytes();
    }

    private static void Summary(AnnualReport report, SpreadsheetWriter.SheetBuilder sheet)
    {
        var fy = new FiscalYear(report.FiscalYear);
        var published = Tsunagu.Web.Shared.Display.ToTokyo(report.PublishedAt);
        void Line(string label, SheetCell value) => sheet.Row(SheetCell.Text(label, SheetCellStyle.Label), value);
        sheet.Row(SheetCell.Text(AnnualReportPdf.DocumentTitle(report), SheetCellStyle.Heading));
        Line("市区町村", report.CityName);
        Line("計画", report.PlanTitle);
        Line("計画キー", report.PlanKey);
        Line("年度", report.YearText(report.FiscalYear));
        Line("年度（西暦）", report.FiscalYear);
        Line("版", report.Version);
        Line("公表日", DateOnly.FromDateTime(published));
        Line("公表日（和暦）", AnnualReportPdf.PublishedDate(report.PublishedAt));
        Line("階層", string.Join(" > ", report.Levels));
        Line("評価の区分", SheetCell.Text(string.Join("\n", report.Grades.Select(g => $"{g.Code}：{g.Label}")), SheetCellStyle.Wrapped));
        Line($"{report.Body}の{report.Term}", SheetCell.Text(report.CouncilOpinion, SheetCellStyle.Wrapped));
        if (report.IncompleteReason is not null)
            Line("そろう前に公表した理由", SheetCell.Text(report.IncompleteReason, SheetCellStyle.Wrapped));
    }

    private static void Items(AnnualReport report, SpreadsheetWriter.SheetBuilder sheet)
    {
        sheet.Headings(["番号", "深さ", "階層", "項目", "担当課", "計画", "評価", "評価の内容", "実施状況", "実績", "課題", "次年度の方向性", "連携先"], SheetCellStyle.Heading);
        var labels = report.Grades.ToDictionary(g => g.Code, g => g.Label);
        var items = report.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var style = AnnualReportPdf.IsSection(items, i) ? SheetCellStyle.Section : SheetCellStyle.Wrapped;
            SheetCell Text(string? value) => SheetCell.Text(value, style);
            sheet.Row(
                Text(item.Ref),
                SheetCell.Number(item.Depth, style == SheetCellStyle.Section ? SheetCellStyle.Section : SheetCellStyle.Top),
                Text(item.Depth < report.Levels.Count ? report.Levels[item.Depth] : ""),
                Text(item.Title),
                Text(item.Departments),
                Text(item.PlannedWord),
                Text(item.Grade),
                Text(item.Grade is not null && labels.TryGetValue(item.Grade, out var label) ? label : null),
                Text(item.Done),
                Text(item.Figures),
                Text(item.Problems),
                Text(item.NextYear),
                Text(item.Partners));
        }
    }

    private static void Indicators(AnnualReport report, List<int> years, SpreadsheetWriter.SheetBuilder sheet)
    {
        sheet.Headings(["指標", "単位", "方向", "基準年度", "基準値", "目標年度", "目標値", .. years.Select(report.YearText), "達成度（%）"], SheetCellStyle.Heading);
        static SheetCell Number(decimal? value, SheetCellStyle style = SheetCellStyle.Top) => value is null ? SheetCell.Empty : SheetCell.Number(value, style);
        foreach (var indicator in report.Indicators)
            sheet.Row([
                SheetCell.Text(indicator.Name, SheetCellStyle.Wrapped),
                indicator.Unit,
                indicator.HigherIsBetter ? "高いほど良い" : "低いほど良い",
                report.YearText(indicator.BaselineYear),
                Number(indicator.BaselineValue),
                report.YearText(indicator.TargetYear),
                Number(indicator.TargetValue),
                .. years.Select(year => Number(indicator.Actuals.FirstOrDefault(a => a.Year == year)?.Value)),
                Number(indicator.Achievement, SheetCellStyle.OneDecimal),
            ]);
    }

    private static void Evaluations(AnnualReport report, SpreadsheetWriter.SheetBuilder sheet)
    {
        sheet.Headings(["番号", "基本方針", "評価", "意見"], SheetCellStyle.Heading);
        foreach (var e in report.Evaluations)
            sheet.Row(SheetCell.Text(e.PolicyRef, SheetCellStyle.Wrapped), SheetCell.Text(e.PolicyTitle, SheetCellStyle.Wrapped),
                SheetCell.Text(e.Evaluation, SheetCellStyle.Wrapped), SheetCell.Text(e.Opinion, SheetCellStyle.Wrapped));
        if (!string.IsNullOrWhiteSpace(report.CouncilOpinion))
            sheet.Row(SheetCell.Text(report.Term, SheetCellStyle.Section), SheetCell.Text($"{report.Body}の{report.Term}", SheetCellStyle.Section), SheetCell.Text(report.CouncilOpinion, SheetCellStyle.Wrapped));
    }
}

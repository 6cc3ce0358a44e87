using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared.Spreadsheets;

namespace Tsunagu.Web.Features.Consultations.Admin;

/// <summary>Consultations received per month of a fiscal year, by topic and by channel; also as CSV for Excel.</summary>
[Authorize(Policy = Policies.ConsultationDesk)]
public class StatsModel(ConsultationService consultations, TimeProvider clock, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public FiscalYear FiscalYear { get; private set; }
    /// <summary>April to March.</summary>
    public List<(int Year, int Month)> Months { get; private set; } = [];
    public List<(string Key, string Label, int[] PerMonth)> ByTopic { get; private set; } = [];
    public List<(string Key, string Label, int[] PerMonth)> ByChannel { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? format)
    {
        FiscalYear = Year is { } y and >= 2000 and <= 2100 ? new FiscalYear(y) : FiscalYear.Of(Tsunagu.Web.Shared.Display.Today(clock));
        Months = Enumerable.Range(0, 12).Select(i => FiscalYear.FirstDay.AddMonths(i)).Select(d => (d.Year, d.Month)).ToList();
        var (topics, channels) = await consultations.CountsAsync(FiscalYear);
        ByTopic = Enum.GetValues<ConsultationTopic>().Select(v => Row(v.ToString(), t[ConsultationTexts.Topic(v)], topics)).ToList();
        ByChannel = Enum.GetValues<ConsultationChannel>().Select(v => Row(v.ToString(), t[ConsultationTexts.Channel(v)], channels)).ToList();
        return format == "csv" ? Csv() : Page();
    }

    private (string, string, int[]) Row(string key, string label, List<ConsultationService.MonthlyCount> counts) =>
        (key, label, Months.Select(m => counts.Where(c => c.Key == key && c.Year == m.Year && c.Month == m.Month).Sum(c => c.Count)).ToArray());

    /// <summary>One row per topic and per channel: the twelve months and the year's total.</summary>
    private FileContentResult Csv()
    {
        string[] headings = [t["区分"], t["項目"], .. Months.Select(m => $"{m.Year}-{m.Month:00}"), t["年度計"]];
        var rows = new[] { (Part: t["相談の内容"], Rows: ByTopic), (Part: t["受付方法"], Rows: ByChannel) }.SelectMany(part => part.Rows.Select(row =>
            (SheetCell[])[part.Part, row.Label, .. row.PerMonth.Select(n => (SheetCell)n), row.PerMonth.Sum()]));
        return File(CsvFile.Write(headings, rows), CsvFile.ContentType, $"consultations-FY{FiscalYear.StartYear}.csv");
    }
}

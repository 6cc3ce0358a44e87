using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.Consultations.Desk;

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

    /// <summary>UTF-8 with a BOM, so Japanese Excel opens it without garbling.</summary>
    private FileContentResult Csv()
    {
        var sb = new StringBuilder();
        sb.Append(Field(t["区分"])).Append(',').Append(Field(t["項目"]));
        foreach (var (y, m) in Months) sb.Append(',').Append(Field($"{y}-{m:00}"));
        sb.Append(',').Append(Field(t["年度計"])).Append("\r\n");
        foreach (var (group, rows) in new[] { (t["相談の内容"], ByTopic), (t["受付方法"], ByChannel) })
            foreach (var (_, label, perMonth) in rows)
                sb.Append(Field(group)).Append(',').Append(Field(label)).Append(',')
                  .Append(string.Join(',', perMonth.Select(n => n.ToString(CultureInfo.InvariantCulture))))
                  .Append(',').Append(perMonth.Sum().ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"consultations-FY{FiscalYear.StartYear}.csv");
    }

    private static string Field(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
}

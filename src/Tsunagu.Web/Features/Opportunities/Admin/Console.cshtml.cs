using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Shared.Spreadsheets;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities.Admin;

/// <summary>The coordinators' console: what needs a nudge, and how many matchings the year has made.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class ConsoleModel(ConsoleService console, Exchange.ExchangeIntroductions introductions, TimeProvider clock, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Days { get; set; } = ConsoleService.WaitingDays;
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public FiscalYear FiscalYear { get; private set; }
    public List<ConsoleService.Unanswered> WithoutApplicants { get; private set; } = [];
    public List<ConsoleService.Waiting> Waiting { get; private set; } = [];
    public ConsoleService.MatchingCounts Matchings { get; private set; } = new([], [], [], 0);
    /// <summary>Introductions between groups that succeeded, by month (the group-matchings indicator).</summary>
    public List<Exchange.ExchangeIntroductions.MonthlyMatchings> GroupMatchings { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Days = Math.Clamp(Days, 1, 365);
        FiscalYear = ChosenYear();
        WithoutApplicants = await console.WithoutApplicantsAsync(ct);
        Waiting = await console.WaitingAsync(Days, ct);
        Matchings = await console.MatchingsAsync(FiscalYear, Text.IsEnglish, ct);
        GroupMatchings = await introductions.MatchingsByMonthAsync(FiscalYear, ct);
    }

    /// <summary>The year's matchings one per row, as an Excel workbook or CSV (UTF-8 with BOM) for the yearly report.</summary>
    public async Task<IActionResult> OnGetMatchingsAsync(string? format)
    {
        FiscalYear = ChosenYear();
        var english = Text.IsEnglish;
        var rows = await console.MatchingListAsync(FiscalYear, english, HttpContext.RequestAborted);
        string[] headings = [t["決定日"], t["募集"], t["主催"], t["制度・プログラム"], t["地区"], t["活動日時"], t["参加"], t["活動時間"]];
        var cells = rows.Select(r => new SheetCell[]
        {
            DateOnly.FromDateTime(Display.ToTokyo(r.MatchedAt)), r.Title,
            OpportunityService.OrganiserName(r.Kind, r.GroupName, r.DepartmentName, city.Required, english),
            r.Programme ?? "", r.District ?? "", Display.InvariantSpan(r.ShiftStartsAt, r.ShiftEndsAt),
            r.Attended switch { true => t["参加"], false => t["不参加"], null => t["未記録"] },
            SheetCell.Number(r.Hours is { } hours ? Math.Round(hours, 2) : null),
        }).ToList();
        var name = $"{city.Required.Code}_matchings_FY{FiscalYear.StartYear}";
        return format == "csv"
            ? File(CsvFile.Write(headings, cells), CsvFile.ContentType, name + ".csv")
            : File(SpreadsheetWriter.Table(t["マッチング"], headings, cells), SpreadsheetWriter.ContentType, name + ".xlsx");
    }

    private FiscalYear ChosenYear()
    {
        var current = FiscalYear.Of(Display.Today(clock));
        return Year is { } y && y >= 2000 && y <= current.StartYear ? new FiscalYear(y) : current;
    }
}

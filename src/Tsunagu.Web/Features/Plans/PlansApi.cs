using System.ComponentModel;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Shared.Api;
using Tsunagu.Web.Shared.Spreadsheets;

namespace Tsunagu.Web.Features.Plans;

public static class PlansApi
{
    private static async Task<IResult> Download(PlanService plans, Rounds.RoundService rounds, string key, int year, int? version, string kind, CancellationToken ct)
    {
        if (await plans.FindAsync(key, ct) is not { } plan || await rounds.PublishedAsync(plan.Id, year, version, ct) is not { } published) return Results.NotFound();
        var report = published.Report;
        var name = $"{key}-{year}-v{report.Version}";
        return kind == "pdf"
            ? Results.File(Reports.AnnualReportPdf.Render(report), "application/pdf", $"{name}.pdf")
            : Results.File(Reports.AnnualReportExcel.Render(report), SpreadsheetWriter.ContentType, $"{name}.xlsx");
    }

    private const string PlanParameter = "The plan's key (e.g. `shiminkatsudo-5`) or its id.";

    public sealed record PlanSummary(int Id, string Key, string Title, int StartYear, int EndYear, string Period, IReadOnlyList<string> Levels, bool IsDemo,
        IReadOnlyList<int> PublishedYears);

    public static void MapPlansApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/{city}/plans", async (PlanService plans, Rounds.RoundService rounds, CancellationToken ct) =>
            {
                var list = new List<PlanSummary>();
                foreach (var p in await plans.ListAsync(ct))
                    list.Add(new PlanSummary(p.Id, p.Key, p.Title, p.StartYear, p.EndYear,
                        $"{new FiscalYear(p.StartYear).ToJapanese()}～{new FiscalYear(p.EndYear).ToJapanese()}", p.LevelNames, p.IsDemo,
                        await rounds.PublishedYearsAsync(p.Id, ct)));
                return list;
            })
            .WithTags("Plans")
            .WithName("ListPlans")
            .WithSummary("List the city's plans")
            .WithDescription("Each plan's key, title, period (fiscal years, also in 和暦), the names of its levels and the fiscal years whose annual report is published.");
        // The plan in its import format (docs/plan-format.md), found by its key or its id.
        app.MapGet("/api/v1/{city}/plans/{plan}", async (PlanService plans, [Description(PlanParameter)] string plan, CancellationToken ct) =>
                await plans.TreeAsync(plan, ct: ct) is { } tree ? Results.Json(PlanService.Export(tree), PlanFile.Json) : Results.NotFound())
            .WithTags("Plans")
            .WithName("GetPlan")
            .WithSummary("Get a plan in its import format")
            .WithDescription("The whole plan — levels, grades, the tree of items with their yearly plans and departments, indicators — in the format plan managers import (docs/plan-format.md). "
                + "Each indicator says its unit, its kind (`count`, `percentage` or `yen`), its source (`manual`, `survey`, or the name of a source Tsunagu computes, such as `registered-groups`) "
                + "with the source's `parameters` (`name=value;name=value`), and its yearly actuals: as entered for `manual` and `survey`, as computed for the others. Retired indicators are left out.")
            .Answers<PlanFile>(StatusCodes.Status200OK, "The plan in its import format.")
            .ProducesProblemFor(StatusCodes.Status404NotFound, "No such city, or no such plan in it.");
        // A published annual report: each item's planned word, grade and report, the indicators and the council's evaluation.
        app.MapGet("/api/v1/{city}/plans/{plan}/reports/{year:int}", async (PlanService plans, Rounds.RoundService rounds, [Description(PlanParameter)] string plan,
                [Description("The fiscal year (年度) as a Western year: 2026 is 令和8年度, April 2026 to March 2027.")] int year,
                [Description("A published version; the latest when left out. Publishing again after a correction adds a version and keeps the earlier ones.")] int? version,
                CancellationToken ct) =>
                await plans.FindAsync(plan, ct) is { } found && await rounds.PublishedAsync(found.Id, year, version, ct) is { } published
                    ? Results.Json(published.Report, PlanFile.Json)
                    : Results.NotFound())
            .WithTags("Plans")
            .WithName("GetAnnualReport")
            .WithSummary("Get a published annual report")
            .WithDescription("A fiscal year's published report (年次報告): each item's planned work, grade and report, the indicators and the council's evaluation. It never changes once published.")
            .Answers<Reports.AnnualReport>(StatusCodes.Status200OK, "The published report.")
            .ProducesProblemFor(StatusCodes.Status404NotFound, "No such city or plan, or no report published for that year (or version).");

        // The same report as a file to print (PDF, A4) or to work on (Excel).
        app.MapGet("/{city}/plans/{plan}/reports/{year:int}/pdf", (PlanService plans, Rounds.RoundService rounds, string plan, int year, int? version, CancellationToken ct) =>
            Download(plans, rounds, plan, year, version, "pdf", ct));
        app.MapGet("/{city}/plans/{plan}/reports/{year:int}/xlsx", (PlanService plans, Rounds.RoundService rounds, string plan, int year, int? version, CancellationToken ct) =>
            Download(plans, rounds, plan, year, version, "xlsx", ct));
    }
}

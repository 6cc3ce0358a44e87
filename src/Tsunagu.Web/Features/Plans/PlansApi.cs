using Tsunagu.Web.Calendar;
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
            .WithName("ListPlans");
        // The plan in its import format (docs/plan-format.md), found by its key or its id.
        app.MapGet("/api/v1/{city}/plans/{plan}", async (PlanService plans, string plan, CancellationToken ct) =>
                await plans.TreeAsync(plan, ct: ct) is { } tree ? Results.Json(PlanService.Export(tree), PlanFile.Json) : Results.NotFound())
            .WithTags("Plans")
            .WithName("GetPlan");
        // A published annual report: each item's planned word, grade and report, the indicators and the council's evaluation.
        app.MapGet("/api/v1/{city}/plans/{plan}/reports/{year:int}", async (PlanService plans, Rounds.RoundService rounds, string plan, int year, int? version, CancellationToken ct) =>
                await plans.FindAsync(plan, ct) is { } found && await rounds.PublishedAsync(found.Id, year, version, ct) is { } published
                    ? Results.Json(published.Report, PlanFile.Json)
                    : Results.NotFound())
            .WithTags("Plans")
            .WithName("GetAnnualReport");

        // The same report as a file to print (PDF, A4) or to work on (Excel).
        app.MapGet("/{city}/plans/{plan}/reports/{year:int}/pdf", (PlanService plans, Rounds.RoundService rounds, string plan, int year, int? version, CancellationToken ct) =>
            Download(plans, rounds, plan, year, version, "pdf", ct));
        app.MapGet("/{city}/plans/{plan}/reports/{year:int}/xlsx", (PlanService plans, Rounds.RoundService rounds, string plan, int year, int? version, CancellationToken ct) =>
            Download(plans, rounds, plan, year, version, "xlsx", ct));
    }
}

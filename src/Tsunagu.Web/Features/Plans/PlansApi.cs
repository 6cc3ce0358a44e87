using Tsunagu.Web.Calendar;

namespace Tsunagu.Web.Features.Plans;

public static class PlansApi
{
    public sealed record PlanSummary(int Id, string Key, string Title, int StartYear, int EndYear, string Period, IReadOnlyList<string> Levels, bool IsDemo);

    public static void MapPlansApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/{city}/plans", async (PlanService plans, CancellationToken ct) =>
                (await plans.ListAsync(ct)).Select(p => new PlanSummary(p.Id, p.Key, p.Title, p.StartYear, p.EndYear,
                    $"{new FiscalYear(p.StartYear).ToJapanese()}～{new FiscalYear(p.EndYear).ToJapanese()}", p.LevelNames, p.IsDemo)))
            .WithTags("Plans")
            .WithName("ListPlans");
        // The plan in its import format (docs/plan-format.md), found by its key or its id.
        app.MapGet("/api/v1/{city}/plans/{plan}", async (PlanService plans, string plan, CancellationToken ct) =>
                await plans.TreeAsync(plan, ct) is { } tree ? Results.Json(PlanService.Export(tree), PlanFile.Json) : Results.NotFound())
            .WithTags("Plans")
            .WithName("GetPlan");
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Rounds;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Benchmarks;

/// <summary>
/// The public plan page and the published annual report page for a generated plan of 300 items over 5 years with
/// every year reported, accepted and published, against the real application over loopback.
///   dotnet run -c Release --project bench/Tsunagu.Benchmarks -- plan [--items 300] [--postgres "Host=…;Database=…"]
/// </summary>
public static class PlanLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var items = int.Parse(BenchApp.Option(args, "--items") ?? "300", CultureInfo.InvariantCulture);
        await using var bench = await BenchApp.CreateAsync(args, "plan");
        var clock = Stopwatch.StartNew();
        await SeedAsync(bench.App, items);
        Console.WriteLine($"Plan of {items} items over 5 years, 5 rounds reported and published, in {clock.Elapsed.TotalSeconds:0.0} s ({bench.Provider})");
        var address = await bench.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (label, path) in new[] { ("plan page", "/nagato/plans/bench"), ("annual report page", "/nagato/plans/bench/reports/2030"), ("plan API", "/api/v1/nagato/plans/bench") })
        {
            Console.WriteLine($"{label,-20} 300 requests: {await BenchApp.MeasureGetAsync(http, address + path)}");
        }
        await bench.App.StopAsync();
        return 0;
    }

    private static async Task SeedAsync(WebApplication app, int items)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TsunaguDb>();
        services.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == "nagato"));
        services.GetRequiredService<Tsunagu.Web.Audit.CurrentActor>().Set("bench-user", "bench@example.jp");
        var department = await db.Departments.Select(d => d.Name).FirstAsync();

        // 5 policies × 6 measures × (items / 30) items, each with a yearly word for R8–R12.
        var words = new[] { "検討", "一部実施", "実施", "→", "→" };
        var perMeasure = items / 30;
        var plan = new PlanFile
        {
            Format = PlanFile.FormatName,
            Key = "bench",
            Title = "ベンチマーク用の協働推進計画",
            Period = new PeriodFile { From = "R8", To = "R12" },
            Levels = ["基本方針", "施策", "取組"],
            Nodes = Enumerable.Range(1, 5).Select(p => new NodeFile
            {
                Ref = $"{p}",
                Title = $"基本方針{p}：市民が主役のまちづくりを進めます",
                Children = Enumerable.Range(1, 6).Select(m => new NodeFile
                {
                    Ref = $"{p}-({m})",
                    Title = $"施策{m}：地域の担い手を育て、つながりをつくります",
                    Children = Enumerable.Range(1, perMeasure).Select(i => new NodeFile
                    {
                        Ref = $"{p}-({m})-{i}",
                        Title = $"取組{i}：市民活動団体と連携した地域課題の解決",
                        Departments = [department],
                        Actors = ["市民", "市民活動団体", "行政"],
                        Content = "市民活動団体や地域コミュニティと連携し、地域の課題を解決するための取組を進めます。",
                        Completion = "取組が定着したときを完了とします。",
                        Yearly = words.Select((w, y) => (w, y)).ToDictionary(x => $"R{8 + x.y}", x => x.w),
                    }).ToList(),
                }).ToList(),
            }).ToList(),
            Indicators = Enumerable.Range(1, 10).Select(i => new IndicatorFile
            {
                Node = $"{1 + (i - 1) / 2}",
                Name = $"成果指標{i}",
                Unit = "%",
                Direction = "higher",
                Baseline = new YearValueFile { Year = "R7", Value = 30 + i },
                Target = new YearValueFile { Year = "R12", Value = 40 + i },
                Actuals = Enumerable.Range(8, 5).ToDictionary(y => $"R{y}", y => (decimal)(30 + i + (y - 7) * 1.5)),
            }).ToList(),
        };
        var result = await services.GetRequiredService<PlanImporter>().ImportAsync(JsonSerializer.SerializeToUtf8Bytes(plan, PlanFile.Json));
        if (!result.Ok) throw new InvalidOperationException(string.Join("; ", result.Problems.Take(5).Select(p => $"{p.Where}: {p.Message}")));

        var rounds = services.GetRequiredService<RoundService>();
        var stored = await db.Set<Plan>().SingleAsync(p => p.Key == "bench");
        var reportable = await rounds.ItemsAsync(stored.Id);
        for (var year = 2026; year <= 2030; year++)
        {
            db.Add(new ReportingRound { PlanId = stored.Id, FiscalYear = year, Deadline = new DateOnly(year + 1, 5, 31), OpenedAt = DateTime.UtcNow, Status = RoundStatus.Open });
            await db.SaveChangesAsync();
            var round = await db.Set<ReportingRound>().SingleAsync(r => r.PlanId == stored.Id && r.FiscalYear == year);
            foreach (var node in reportable)
                db.Add(new ProgressReport
                {
                    RoundId = round.Id,
                    NodeId = node.Id,
                    Status = ReportStatus.Accepted,
                    Grade = "ABCD"[node.Id % 4].ToString(),
                    Done = "地域の市民活動団体と連携して講座を年4回開催し、延べ120人が参加した。参加者アンケートでは9割が満足と回答した。",
                    Problems = "若い世代の参加が少ない。",
                    NextYear = "SNSでの広報を強化する。",
                    UpdatedAt = DateTime.UtcNow,
                    AcceptedAt = DateTime.UtcNow,
                });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            await rounds.PublishAsync(await rounds.FindAsync(round.Id) ?? throw new InvalidOperationException(), null);
        }
    }
}

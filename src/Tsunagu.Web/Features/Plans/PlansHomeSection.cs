using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Plans;

/// <summary>
/// 新着情報: the current plan's headline indicators (those of the plan itself or of its top-level items), each with its
/// latest actual against its target.
/// </summary>
public class PlanIndicatorsSection(TsunaguDb db, IndicatorSources sources, TimeProvider clock, Text t) : ICityHomeSection
{
    public string Title => "計画の成果指標";
    public string Path => "plans";
    public int Order => 50;

    public async Task<IReadOnlyList<CityHomeItem>> ItemsAsync(CancellationToken ct)
    {
        var year = FiscalYear.Of(Display.Today(clock)).StartYear;
        // The plan in force this year, else the one that ended last.
        var plan = await db.Set<Plan>().AsNoTracking().Where(p => p.StartYear <= year && p.EndYear >= year).OrderByDescending(p => p.StartYear).FirstOrDefaultAsync(ct)
            ?? await db.Set<Plan>().AsNoTracking().Where(p => p.StartYear <= year).OrderByDescending(p => p.EndYear).FirstOrDefaultAsync(ct);
        if (plan is null) return [];
        var indicators = await db.Set<Indicator>().AsNoTracking().Include(i => i.Actuals)
            .Where(i => i.PlanId == plan.Id && i.RetiredAt == null && (i.NodeId == null || i.Node!.ParentId == null))
            .OrderBy(i => i.NodeId == null ? 0 : 1).ThenBy(i => i.SortOrder).ThenBy(i => i.Id).Take(5).ToListAsync(ct);
        var english = Text.IsEnglish;
        var items = new List<CityHomeItem>();
        foreach (var i in indicators)
        {
            var (actualYear, actual) = await LatestAsync(i, year, ct);
            var target = t["目標 {0}{1}（{2}）", PlanText.Number(i.TargetValue), i.Unit, PlanText.Year(i.TargetYear, english)];
            var note = actual is { } value ? t["実績 {0}{1}（{2}）", PlanText.Number(value), i.Unit, PlanText.Year(actualYear, english)] + "・" + target : target;
            items.Add(new CityHomeItem(i.Name, $"plans/{plan.Key}#indicators", note));
        }
        return items;
    }

    /// <summary>The latest actual up to this year: entered or computed, else the baseline, which is that year's measured value.</summary>
    private async Task<(int Year, decimal? Value)> LatestAsync(Indicator i, int year, CancellationToken ct)
    {
        // A computed source is asked for this year and the two before; entered actuals are all at hand.
        var from = sources.Find(i.Source) is null ? i.BaselineYear : Math.Max(i.BaselineYear, year - 2);
        for (var y = year; y >= from; y--)
            if (await sources.ActualAsync(i, y, ct) is { } value) return (y, value);
        return year >= i.BaselineYear ? (i.BaselineYear, i.BaselineValue) : (year, null);
    }
}

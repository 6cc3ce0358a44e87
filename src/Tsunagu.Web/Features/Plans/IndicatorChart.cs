using Tsunagu.Web.Features.Plans.Reports;

namespace Tsunagu.Web.Features.Plans;

/// <summary>What an indicator's chart and table show, from the live plan or from a published report alike.</summary>
public sealed record IndicatorChart(
    string Id, string Name, string Unit, bool HigherIsBetter, int BaselineYear, decimal BaselineValue, int TargetYear, decimal TargetValue,
    IReadOnlyList<(int Year, decimal? Actual)> Years, string? NodeRef, bool Computed, IndicatorKind Kind = IndicatorKind.Count)
{
    /// <summary>The planned value of a year: in whole units unless the indicator is a percentage (no 255.2団体).</summary>
    public decimal PathValue(int year) => IndicatorPath.Value(BaselineYear, BaselineValue, TargetYear, TargetValue, year, Kind != IndicatorKind.Percentage);

    public decimal? Achievement(decimal actual) => IndicatorPath.Achievement(BaselineValue, TargetValue, actual);

    public static IndicatorChart From(PlanService.IndicatorView view) => new(
        $"indicator-{view.Indicator.Id}", view.Indicator.Name, view.Indicator.Unit, view.Indicator.Direction == IndicatorDirection.Higher,
        view.Indicator.BaselineYear, view.Indicator.BaselineValue, view.Indicator.TargetYear, view.Indicator.TargetValue,
        view.Years, view.NodeRef, !IndicatorSources.IsEntered(view.Indicator.Source), view.Indicator.Kind);

    public static IndicatorChart From(AnnualReport.IndicatorLine line, int index) => new(
        $"indicator-{index + 1}", line.Name, line.Unit, line.HigherIsBetter, line.BaselineYear, line.BaselineValue, line.TargetYear, line.TargetValue,
        Enumerable.Range(line.BaselineYear, Math.Max(0, line.TargetYear - line.BaselineYear + 1))
            .Select(y => (y, line.Actuals.FirstOrDefault(a => a.Year == y)?.Value)).ToList(),
        // A published report keeps the kind it was published with; one published before kinds were recorded, the kind its unit suggests.
        null, false, line.Kind ?? IndicatorKinds.FromUnit(line.Unit));
}

/// <summary>Achievement is measured against a straight path from the baseline to the target.</summary>
public static class IndicatorPath
{
    public static decimal Value(int baselineYear, decimal baseline, int targetYear, decimal target, int year, bool wholeUnits = false)
    {
        if (targetYear == baselineYear) return target;
        var share = Math.Clamp((decimal)(year - baselineYear) / (targetYear - baselineYear), 0m, 1m);
        var value = baseline + (target - baseline) * share;
        return wholeUnits ? Math.Round(value, 0, MidpointRounding.AwayFromZero) : value;
    }

    /// <summary>Progress from baseline towards target, in percent (100 = target reached), or null if they are equal.</summary>
    public static decimal? Achievement(decimal baseline, decimal target, decimal actual) =>
        target == baseline ? null : Math.Round((actual - baseline) / (target - baseline) * 100m, 1);
}

using System.Globalization;
using Tsunagu.Web.Calendar;

namespace Tsunagu.Web.Features.Plans;

/// <summary>How plans, years and figures read on the page.</summary>
public static class PlanText
{
    public static string Year(int fiscalYear, bool english) =>
        english ? $"FY{fiscalYear}" : new FiscalYear(fiscalYear).ToJapanese();

    /// <summary>The short column heading plans use (H25, R8), or FY2026 in English.</summary>
    public static string ShortYear(int fiscalYear, bool english) =>
        english ? $"FY{fiscalYear}" : JapaneseDates.ToShortEra(new FiscalYear(fiscalYear));

    /// <summary>The era the plan was written in (the era of its first year): its exports keep counting in it.</summary>
    public static string EraOf(Plan plan) => JapaneseDates.EraOf(new FiscalYear(plan.StartYear));

    public static string Period(Plan plan, bool english) =>
        english ? $"FY{plan.StartYear}–FY{plan.EndYear}" : $"{new FiscalYear(plan.StartYear).ToJapanese()}～{new FiscalYear(plan.EndYear).ToJapanese()}";

    public static string Number(decimal value) => value.ToString(value == Math.Truncate(value) ? "N0" : "N1", CultureInfo.InvariantCulture);
}

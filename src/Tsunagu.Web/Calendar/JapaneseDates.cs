using System.Globalization;
using System.Text.RegularExpressions;

namespace Tsunagu.Web.Calendar;

/// <summary>A Japanese fiscal year (年度): FY2026 = 令和8年度 = April 2026 to March 2027.</summary>
public readonly record struct FiscalYear(int StartYear) : IComparable<FiscalYear>
{
    public DateOnly FirstDay => new(StartYear, 4, 1);
    public DateOnly LastDay => new(StartYear + 1, 3, 31);

    public static FiscalYear Of(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);
    public static FiscalYear Of(DateTime date) => Of(DateOnly.FromDateTime(date));

    /// <summary>April 1 to the next April 1, Japan time, in UTC: the range records of the year are counted in.</summary>
    public (DateTime Start, DateTime End) UtcRange() =>
        (Shared.Display.ToUtc(FirstDay, TimeOnly.MinValue), Shared.Display.ToUtc(LastDay.AddDays(1), TimeOnly.MinValue));

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public static bool operator <(FiscalYear a, FiscalYear b) => a.StartYear < b.StartYear;
    public static bool operator >(FiscalYear a, FiscalYear b) => a.StartYear > b.StartYear;
    public static bool operator <=(FiscalYear a, FiscalYear b) => a.StartYear <= b.StartYear;
    public static bool operator >=(FiscalYear a, FiscalYear b) => a.StartYear >= b.StartYear;

    public int CompareTo(FiscalYear other) => StartYear.CompareTo(other.StartYear);

    /// <summary>
    /// e.g. 令和8年度. A fiscal year in which an era began is named by the new era when the era
    /// began in its first calendar year (FY2019 = 令和元年度, FY1989 = 平成元年度), otherwise by the old one
    /// (FY1988 = 昭和63年度), as ministries and cities write them.
    /// </summary>
    /// <param name="writtenIn">
    /// The era a document was written in (a plan adopted in 平成): its later years keep that era's count, as the document
    /// wrote them (FY2019 = 平成31年度, FY2021 = 平成33年度), so a report reads like its plan. Null: the era of the year.
    /// </param>
    public string ToJapanese(string? writtenIn = null)
    {
        var (era, year) = JapaneseDates.FiscalEraYear(this, writtenIn);
        return $"{era.Name}{JapaneseDates.YearText(year)}年度";
    }

    public override string ToString() => $"FY{StartYear}";
}

public sealed record Era(string Name, string Letter, string NameEn, DateOnly Start);

/// <summary>
/// Era (和暦) and fiscal-year arithmetic on top of <see cref="JapaneseCalendar"/>, which knows
/// the era boundaries; this class only names the eras and parses what plans write.
/// </summary>
public static partial class JapaneseDates
{
    private static readonly JapaneseCalendar Calendar = new();

    // Indexed by JapaneseCalendar's era numbers (1 = 明治 … 5 = 令和).
    private static readonly Era[] Eras =
    [
        new("明治", "M", "Meiji", new DateOnly(1868, 10, 23)),
        new("大正", "T", "Taisho", new DateOnly(1912, 7, 30)),
        new("昭和", "S", "Showa", new DateOnly(1926, 12, 25)),
        new("平成", "H", "Heisei", new DateOnly(1989, 1, 8)),
        new("令和", "R", "Reiwa", new DateOnly(2019, 5, 1)),
    ];

    public static IReadOnlyList<Era> AllEras => Eras;

    /// <summary>The era and year of the era on a given day, e.g. 2019-05-01 → (令和, 1).</summary>
    public static (Era Era, int Year) EraYear(DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        var eraNumber = Calendar.GetEra(dt);
        return (Eras[eraNumber - 1], Calendar.GetYear(dt));
    }

    /// <summary>The era that names a fiscal year, and the fiscal year's number in it.</summary>
    public static (Era Era, int Year) FiscalEraYear(FiscalYear fy, string? writtenIn = null)
    {
        var era = Eras.Last(e => e.Start <= fy.LastDay && e.Start.Year <= fy.StartYear);
        // A document written in an earlier era counts on in it: 平成31年度 stays 平成31年度.
        if (Eras.FirstOrDefault(e => e.Name == writtenIn) is { } written && written.Start < era.Start && written.Start.Year <= fy.StartYear) era = written;
        return (era, fy.StartYear - era.Start.Year + 1);
    }

    /// <summary>The era a document whose first fiscal year is <paramref name="firstYear"/> was written in (the plan's own era).</summary>
    public static string EraOf(FiscalYear firstYear) => FiscalEraYear(firstYear).Era.Name;

    /// <summary>令和元年 rather than 令和1年, as the Japanese write it.</summary>
    public static string YearText(int yearOfEra) => yearOfEra == 1 ? "元" : yearOfEra.ToString(CultureInfo.InvariantCulture);

    /// <summary>e.g. 2019-05-01 → 令和元年5月1日.</summary>
    public static string ToJapaneseDate(DateOnly date)
    {
        var (era, year) = EraYear(date);
        return $"{era.Name}{YearText(year)}年{date.Month}月{date.Day}日";
    }

    /// <summary>The weekday as written after a date in parentheses: 日, 月, 火, 水, 木, 金, 土.</summary>
    public static string WeekdayName(DayOfWeek day) => "日月火水木金土"[(int)day].ToString();

    /// <summary>The Gregorian year in which year <paramref name="yearOfEra"/> of an era falls (令和8 → 2026).</summary>
    public static int GregorianYear(Era era, int yearOfEra)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(yearOfEra, 1);
        return era.Start.Year + yearOfEra - 1;
    }

    /// <summary>
    /// Reads a fiscal year as plans write it: 令和8年度, 令和元年度, R8, H25, 平成25年度, FY2026, 2026, 2026年度.
    /// Full-width digits are accepted.
    /// </summary>
    public static bool TryParseFiscalYear(string? text, out FiscalYear fiscalYear)
    {
        fiscalYear = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim().Normalize(System.Text.NormalizationForm.FormKC);

        var gregorian = GregorianPattern().Match(s);
        if (gregorian.Success)
        {
            fiscalYear = new FiscalYear(int.Parse(gregorian.Groups["y"].Value, CultureInfo.InvariantCulture));
            return fiscalYear.StartYear is >= 1868 and <= 9999;
        }

        var eraMatch = EraPattern().Match(s);
        if (!eraMatch.Success) return false;
        var eraText = eraMatch.Groups["era"].Value;
        var era = Eras.FirstOrDefault(e => e.Name == eraText || e.Letter.Equals(eraText, StringComparison.OrdinalIgnoreCase));
        if (era is null) return false;
        var yearText = eraMatch.Groups["y"].Value;
        var yearOfEra = yearText == "元" ? 1 : int.Parse(yearText, CultureInfo.InvariantCulture);
        if (yearOfEra < 1) return false;
        fiscalYear = new FiscalYear(GregorianYear(era, yearOfEra));
        return true;
    }

    public static FiscalYear ParseFiscalYear(string text) =>
        TryParseFiscalYear(text, out var fy) ? fy : throw new FormatException($"Not a fiscal year: '{text}'");

    /// <summary>"R8" / "H25": the short form plans use in tables.</summary>
    public static string ToShortEra(FiscalYear fy, string? writtenIn = null)
    {
        var (era, year) = FiscalEraYear(fy, writtenIn);
        return $"{era.Letter}{year}";
    }

    [GeneratedRegex(@"^(?:FY)?(?<y>\d{4})(?:年度)?$", RegexOptions.IgnoreCase)]
    private static partial Regex GregorianPattern();

    [GeneratedRegex(@"^(?<era>明治|大正|昭和|平成|令和|[MTSHR])\s*(?<y>元|\d{1,2})(?:年度?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex EraPattern();
}

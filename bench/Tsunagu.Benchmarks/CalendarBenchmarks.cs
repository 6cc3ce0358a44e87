using BenchmarkDotNet.Attributes;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Benchmarks;

/// <summary>
/// Work done on every request or every imported plan row: reading fiscal years as plans write them,
/// naming them, and checking city codes. Run: dotnet run -c Release --project bench/Tsunagu.Benchmarks -- --filter '*'
/// </summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private static readonly string[] Texts = ["令和8年度", "H25", "R12", "平成29年度", "FY2026", "令和元年度"];

    [Benchmark]
    public int ParseFiscalYears()
    {
        var sum = 0;
        foreach (var t in Texts) sum += JapaneseDates.ParseFiscalYear(t).StartYear;
        return sum;
    }

    [Benchmark]
    public int NameFiscalYears()
    {
        var length = 0;
        for (var y = 2013; y < 2031; y++) length += new FiscalYear(y).ToJapanese().Length;
        return length;
    }

    [Benchmark]
    public int ValidateCityCodes()
    {
        var valid = 0;
        foreach (var code in new[] { "352012", "352039", "352110", "012050", "352013" })
            if (LocalGovernmentCode.IsValid(code)) valid++;
        return valid;
    }
}

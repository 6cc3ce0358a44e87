using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Exchange;

/// <summary>Group-to-group matchings in a fiscal year: introductions that succeeded, dated by when their outcome was recorded.</summary>
public class GroupMatchingsSource(ExchangeIntroductions introductions, TimeProvider clock) : IIndicatorSource
{
    public string Name => "group-matchings";
    public string Label => "年度内の団体同士のマッチング件数";

    public async Task<decimal?> ValueAsync(int fiscalYear, CancellationToken ct = default)
    {
        var year = new FiscalYear(fiscalYear);
        if (year.FirstDay > Display.Today(clock)) return null;
        return await introductions.MatchingsCountAsync(year, ct);
    }
}

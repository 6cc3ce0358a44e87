using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.News.Admin;

/// <summary>Reading what staff type: dates as 2026-11-23 or 2026/11/23, yen with commas or full-width digits.</summary>
public static class HubInput
{
    public static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim().Normalize(NormalizationForm.FormKC);
        return DateOnly.TryParseExact(s, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date field ([Required] reports a missing one): an unreadable date gets its error next to the field.</summary>
    public static DateOnly? ValidDate(ModelStateDictionary state, string key, string? text, Text t)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var date = ParseDate(text);
        if (date is null) state.AddModelError(key, t["日付は 2026-04-01 のように、年-月-日の順に入力してください。"]);
        else if (!Tsunagu.Web.Shared.CalendarRange.Contains(date.Value))
        {
            // 0202-12-01 (a slip for 2022) would sort first for ever and break the pages that count back from it.
            state.AddModelError(key, t["日付は{0}年から{1}年までの日付で入力してください。", Tsunagu.Web.Shared.CalendarRange.First.Year, Tsunagu.Web.Shared.CalendarRange.Last.Year]);
            return null;
        }
        return date;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.News;

/// <summary>How the hub's dates, fiscal years, amounts and fields are written, in Japanese or English.</summary>
public static class HubDisplay
{
    public static string FiscalYearName(int startYear, bool english) =>
        english ? new FiscalYear(startYear).ToString() : new FiscalYear(startYear).ToJapanese();

    public static string Field(int number, bool english) =>
        ActivityFields.Find(number) is { } f ? (english ? f.NameEn : f.ShortName) : number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The amount as the notice words it; otherwise the maximum in yen.</summary>
    public static string Amount(GrantNotice notice, Text t) =>
        !string.IsNullOrWhiteSpace(notice.AmountNote) ? notice.AmountNote
        : notice.AmountMaxYen is { } yen ? t["上限{0}円", yen.ToString("N0", CultureInfo.InvariantCulture)]
        : t["募集要項をご覧ください"];

    /// <summary>Centre staff of the city see drafts on the public pages too (a preview), marked as such.</summary>
    public static async Task<bool> IsStaffAsync(PageModel page, IAuthorizationService authorization) =>
        page.User.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(page.User, Policies.CentreStaff)).Succeeded;
}

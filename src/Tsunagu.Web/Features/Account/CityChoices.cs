using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Account;

/// <summary>The "which city" drop-down of the sign-up and profile forms.</summary>
public static class CityChoices
{
    public static List<SelectListItem> For(IEnumerable<City> cities, Text t, string? selectedSlug)
    {
        var english = Text.IsEnglish;
        List<SelectListItem> items = [new SelectListItem(t["選んでください"], "")];
        items.AddRange(cities.Select(c => new SelectListItem(c.DisplayName(english), c.Slug, c.Slug == selectedSlug)));
        return items;
    }
}

namespace Tsunagu.Web.Shared.Contract;

/// <summary>
/// A card on the staff menu. <see cref="Path"/> is below the city (<c>admin/groups</c> for <c>/{city}/admin/groups</c>);
/// texts are Japanese, shown through the localizer. Cards are grouped by <see cref="Section"/> and ordered by
/// <see cref="Order"/> (sections by their first card).
/// </summary>
public sealed record StaffMenuEntry(string Section, string Title, string Description, string Path, string Policy)
{
    public int Order { get; init; }

    /// <summary>How much work waits for the person (applications to review, requests to answer); shown when above zero.</summary>
    public Func<IServiceProvider, CancellationToken, Task<int>>? Waiting { get; init; }
}

/// <summary>A card on the city's home page, below the city (<c>groups</c> for <c>/{city}/groups</c>), in <see cref="Order"/>.</summary>
public sealed record CityHomeEntry(string Title, string Description, string Path)
{
    public int Order { get; init; }
}

/// <summary>
/// A feed of the city's (<c>feed.atom</c> for <c>/{city}/feed.atom</c>) that every city page advertises in its head as
/// <c>&lt;link rel="alternate"&gt;</c>, so browsers and feed readers find it from any page. <see cref="Title"/> is Japanese
/// with <c>{0}</c> for the centre's name, shown through the localizer; <see cref="MediaType"/> is the feed's type
/// (<c>application/atom+xml</c>, <c>text/calendar</c>).
/// </summary>
public sealed record CityFeedEntry(string Title, string Path, string MediaType)
{
    public int Order { get; init; }
}

/// <summary>A card on マイページ, grouped by <see cref="Section"/> and ordered by <see cref="Order"/>.</summary>
public sealed record MyPageEntry(string Section, string Title, string Description, string Path)
{
    public int Order { get; init; }

    /// <summary>How much waits for the signed-in person (whose user id it is given), such as invitations to answer; shown when above zero.</summary>
    public Func<IServiceProvider, string, CancellationToken, Task<int>>? Waiting { get; init; }
}

/// <summary>Sections of the staff menu and マイページ that several features share; a feature may name its own.</summary>
public static class MenuSections
{
    public const string Centre = "センターの業務";
    public const string Plans = "計画と評価";
    public const string CityAdministration = "市の管理";
    public const string Volunteering = "ボランティア";
    public const string GroupsAndCentre = "団体とセンター";
}

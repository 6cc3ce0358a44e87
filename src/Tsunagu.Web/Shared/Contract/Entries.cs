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

    /// <summary>
    /// Where that work is done, below the city, when it is a part of the card's page (<c>admin/groups?status=Submitted</c>,
    /// <c>admin/spaces#waiting</c>): the count links straight to it.
    /// </summary>
    public string? WaitingPath { get; init; }
}

/// <summary>A card on the city's home page, below the city (<c>groups</c> for <c>/{city}/groups</c>), in <see cref="Order"/>.</summary>
public sealed record CityHomeEntry(string Title, string Description, string Path)
{
    public int Order { get; init; }
}

/// <summary>
/// A short list of what is new in a feature, shown under 新着情報 on the city's home page: the latest news, the next
/// events with places left. <see cref="Title"/> is Japanese, shown through the localizer; <see cref="Path"/> (below the
/// city) is the page with all of them. A section with nothing to show is left out.
/// </summary>
public interface ICityHomeSection
{
    string Title { get; }
    string Path { get; }
    int Order { get; }

    /// <summary>A few items (up to five), newest or soonest first, in the current culture.</summary>
    Task<IReadOnlyList<CityHomeItem>> ItemsAsync(CancellationToken ct);
}

/// <summary>One line of a <see cref="ICityHomeSection"/>: a link below the city, and a note after it (a date, places left) already in the current culture.</summary>
public sealed record CityHomeItem(string Text, string Path, string? Note = null);

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

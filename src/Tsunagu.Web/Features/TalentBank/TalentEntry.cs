using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.TalentBank;

/// <summary>講師 gives talks and courses; アドバイザー advises a group on its own work.</summary>
public enum TalentKind { Instructor, Adviser }

/// <summary>An entry is public only once the centre has published it.</summary>
public enum TalentStatus { Pending, Published, Withdrawn }

/// <summary>
/// A person or group in the city's talent bank (人材バンク): what they can teach or advise on, and on what terms.
/// The public sees the display name and the terms; the registrant's contact stays with the centre, which relays requests.
/// </summary>
public class TalentEntry : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    /// <summary>Who registered (or last changed) the entry; null only for demo entries.</summary>
    public string? UserId { get; set; }
    /// <summary>Set when the entry is a group's; only the group's administrators may change it.</summary>
    public int? GroupId { get; set; }
    public TalentKind Kind { get; set; }
    /// <summary>The public name: a pen name or the group's name is fine.</summary>
    public required string DisplayName { get; set; }
    public required string Subjects { get; set; }
    public required string Profile { get; set; }
    /// <summary>The terms as the registrant states them (無料, 1回5,000円＋交通費 …).</summary>
    public required string FeeText { get; set; }
    /// <summary>The usual fee in yen when there is one figure; 0 for free, null when it depends.</summary>
    public int? FeeYen { get; set; }
    public bool CityWide { get; set; }
    public bool Online { get; set; }
    public required string Times { get; set; }
    /// <summary>For the centre only, to relay requests; never shown publicly or to requesters.</summary>
    public string? ContactPhone { get; set; }
    public TalentStatus Status { get; set; }
    /// <summary>Fictional demo data, labelled as such wherever the entry is shown.</summary>
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    /// <summary>Name, subjects, profile and field names folded for search (see <see cref="Groups.SearchText"/>).</summary>
    public string SearchText { get; set; } = "";

    public List<TalentEntryField> Fields { get; set; } = [];
    public List<TalentEntryDistrict> Districts { get; set; } = [];
}

/// <summary>An activity field (1–20) the entry's subjects belong to.</summary>
public class TalentEntryField
{
    public int EntryId { get; set; }
    public int Field { get; set; }
}

/// <summary>A district of the city the registrant will go to.</summary>
public class TalentEntryDistrict
{
    public int EntryId { get; set; }
    public int DistrictId { get; set; }
}

using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.TalentBank;

/// <summary>受付 → 調整中 → 決定 or 見送り; the requester may cancel while it is open.</summary>
public enum TalentRequestStatus { Received, Forwarded, Arranged, Declined, Cancelled }

/// <summary>
/// A request for a talk or advice, made through the centre: the centre relays it to the registrant and
/// arranges it, so neither side needs the other's contact details to ask.
/// </summary>
public class TalentRequest : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int EntryId { get; set; }
    public required string RequesterUserId { get; set; }
    /// <summary>The group the request is made for, when the requester administers one.</summary>
    public int? GroupId { get; set; }
    public required string Purpose { get; set; }
    public required string PreferredDates { get; set; }
    public int? Participants { get; set; }
    public string? Message { get; set; }
    public TalentRequestStatus Status { get; set; }
    /// <summary>What the centre tells the requester (sent with each status change and shown on their page).</summary>
    public string? StaffNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool IsOpen => Status is TalentRequestStatus.Received or TalentRequestStatus.Forwarded;
}

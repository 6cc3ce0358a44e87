using System.Globalization;
using System.Text.RegularExpressions;

namespace Tsunagu.Web.Features.Events;

/// <summary>What staff (or a group) enter for an event; meeting times in UTC.</summary>
public sealed record EventDraft(
    string Title, string Description, EventKind Kind, string? Place, string? OnlineLink, int Capacity,
    DateTime RegistrationOpensAt, DateTime RegistrationClosesAt, bool SignLanguage, bool Captioning, bool Childcare, int Fee,
    IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)> Meetings,
    int? RoomId = null, EventEligibility Eligibility = EventEligibility.Anyone, int? EligibleGroupId = null)
{
    /// <summary>A group may not offer the centre's on-request lectures, and limits an event to a group only to itself.</summary>
    public EventDraft ForGroup(int groupId) => this with
    {
        Kind = Kind == EventKind.OnRequestLecture ? EventKind.Course : Kind,
        EligibleGroupId = Eligibility == EventEligibility.OneGroup ? groupId : null,
    };

    /// <summary>A new event as entered, its meetings in time order (no room booked yet).</summary>
    internal Event NewEvent(EventStatus status, string? userId, int? groupId, DateTime now)
    {
        var e = new Event { Title = "", Description = "", CreatedByUserId = userId, CreatedAt = now, Status = status, GroupId = groupId };
        ApplyTo(e, now);
        foreach (var (start, end) in Meetings.OrderBy(m => m.StartsAt))
            e.Meetings.Add(new EventMeeting { StartsAt = start, EndsAt = end });
        return e;
    }

    /// <summary>Writes what was entered onto the event, apart from its meetings.</summary>
    internal void ApplyTo(Event e, DateTime now)
    {
        e.Title = Title.Trim();
        e.Description = Description.Trim();
        e.Kind = Kind;
        e.Place = string.IsNullOrWhiteSpace(Place) ? null : Place.Trim();
        e.OnlineLink = string.IsNullOrWhiteSpace(OnlineLink) ? null : OnlineLink.Trim();
        e.Capacity = Capacity;
        e.RegistrationOpensAt = RegistrationOpensAt;
        e.RegistrationClosesAt = RegistrationClosesAt;
        e.SignLanguage = SignLanguage;
        e.Captioning = Captioning;
        e.Childcare = Childcare;
        e.Fee = Fee;
        e.RoomId = RoomId;
        e.Eligibility = Eligibility;
        e.EligibleGroupId = Eligibility == EventEligibility.OneGroup ? EligibleGroupId : null;
        e.UpdatedAt = now;
    }
}

/// <summary>How problems name a meeting's fields: <c>Meetings[i].Date</c>, by the meeting's place in the list checked.</summary>
public static partial class MeetingFields
{
    public static string Of(int index, string field) => $"Meetings[{index}].{field}";

    /// <summary>The same field of the meeting at another place (from a list to the one it was taken from); other fields as they are.</summary>
    public static string Renumber(string field, Func<int, int> index)
    {
        var m = Pattern().Match(field);
        return m.Success ? Of(index(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)), m.Groups[2].Value) : field;
    }

    [GeneratedRegex(@"^Meetings\[(\d+)\]\.(\w+)$")]
    private static partial Regex Pattern();
}

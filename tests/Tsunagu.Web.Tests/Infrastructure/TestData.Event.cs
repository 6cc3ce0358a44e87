using Tsunagu.Web.Features.Events;

namespace Tsunagu.Web.Tests.Infrastructure;

public static partial class TestData
{
    public sealed class EventSpec
    {
        public string Title { get; set; } = "はじめてのボランティア講座";
        public EventKind Kind { get; set; } = EventKind.Course;
        public int Capacity { get; set; } = 10;
        public int MeetingCount { get; set; } = 1;
        /// <summary>When the first meeting starts, from now; the others follow weekly.</summary>
        public TimeSpan StartsIn { get; set; } = TimeSpan.FromDays(14);
        /// <summary>When the first meeting starts, instead of <see cref="StartsIn"/> from now.</summary>
        public DateTime? FirstStartsAt { get; set; }
        public string? OnlineLink { get; set; }
        public EventEligibility Eligibility { get; set; }
        public int? EligibleGroupId { get; set; }
        /// <summary>The group that organises it (主催); null for the centre's own event.</summary>
        public int? GroupId { get; set; }
        public EventStatus Status { get; set; } = EventStatus.Published;

        public EventSpec Titled(string title) { Title = title; return this; }
        public EventSpec OfKind(EventKind kind) { Kind = kind; return this; }
        public EventSpec Places(int capacity) { Capacity = capacity; return this; }
        /// <summary>How many weekly two-hour meetings.</summary>
        public EventSpec Meetings(int count) { MeetingCount = count; return this; }
        public EventSpec StartingIn(TimeSpan fromNow) { StartsIn = fromNow; return this; }
        public EventSpec StartingAt(DateTime firstMeeting) { FirstStartsAt = firstMeeting; return this; }
        public EventSpec Online(string link) { OnlineLink = link; return this; }
        /// <summary>Who may register; <see cref="EventEligibility.OneGroup"/> names the group.</summary>
        public EventSpec OpenTo(EventEligibility eligibility, int? groupId = null) { Eligibility = eligibility; EligibleGroupId = groupId; return this; }
        public EventSpec OrganisedBy(int groupId) { GroupId = groupId; return this; }
        public EventSpec WithStatus(EventStatus status) { Status = status; return this; }
    }

    /// <summary>
    /// An event open for registration (published unless told otherwise), with weekly two-hour meetings:
    /// `await TestData.CreateEventAsync(f, "nagato", e => e.Titled("防災講座").Places(100))`.
    /// </summary>
    public static async Task<Event> CreateEventAsync(TsunaguFactory factory, string city, Action<EventSpec>? configure = null)
    {
        var spec = new EventSpec();
        configure?.Invoke(spec);
        var cityId = await CityIdAsync(factory, city);
        var now = DateTime.UtcNow;
        var e = new Event
        {
            CityId = cityId,
            Title = spec.Title,
            Description = "地域活動の始め方を学びます。",
            Kind = spec.Kind,
            Place = "市民活動センター 会議室1",
            OnlineLink = spec.OnlineLink,
            Capacity = spec.Capacity,
            RegistrationOpensAt = now.AddDays(-1),
            RegistrationClosesAt = spec.FirstStartsAt is { } first ? first.AddDays(-2) : now.Add(spec.StartsIn / 2),
            Status = spec.Status,
            CreatedAt = now,
            UpdatedAt = now,
            Eligibility = spec.Eligibility,
            EligibleGroupId = spec.EligibleGroupId,
            GroupId = spec.GroupId,
        };
        for (var i = 0; i < spec.MeetingCount; i++)
        {
            var start = (spec.FirstStartsAt ?? now.Add(spec.StartsIn)).AddDays(7 * i);
            e.Meetings.Add(new EventMeeting { CityId = cityId, StartsAt = start, EndsAt = start.AddHours(2) });
        }
        return await AddAsync(factory, e);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events;

/// <summary>The kinds of event a centre runs, as its plans name them.</summary>
public enum EventKind
{
    /// <summary>講座・研修</summary>
    Course,
    /// <summary>交流会</summary>
    Exchange,
    /// <summary>オンライン交流会</summary>
    OnlineExchange,
    /// <summary>活動報告会</summary>
    ActivityReport,
    /// <summary>出前講座・お気軽講座</summary>
    OnRequestLecture,
}

/// <summary>
/// Staff events are published at once; a group's proposal waits for the centre's approval (PendingApproval) and is then
/// published or rejected with a reason. Only published events are public, take registrations or appear in feeds.
/// </summary>
public enum EventStatus { Published, Cancelled, PendingApproval, Rejected }

/// <summary>Who may register for an event.</summary>
public enum EventEligibility
{
    /// <summary>Anyone signed in.</summary>
    Anyone,
    /// <summary>People who live, work or study in the city; the profile holds no address, so they declare it when registering.</summary>
    Residents,
    /// <summary>Administrators of any registered (approved) group of the city: the members the platform knows of.</summary>
    GroupMembers,
    /// <summary>Administrators of one registered group.</summary>
    OneGroup,
}

/// <summary>
/// A course, seminar or exchange meeting with one or more meetings (回) and registration.
/// <see cref="Confirmed"/> only grows inside one conditional UPDATE (…WHERE Confirmed &lt; Capacity), and
/// <see cref="WaitlistIssued"/> hands out waitlist positions in arrival order, so no concurrency overfills it.
/// </summary>
public class Event : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public EventKind Kind { get; set; }
    public string? Place { get; set; }
    /// <summary>A centre room: each meeting books it (<see cref="EventMeeting.BookingId"/>) while the event is published.</summary>
    public int? RoomId { get; set; }
    public Room? Room { get; set; }
    /// <summary>The registered group that organises the event (主催); null for the centre's own events.</summary>
    public int? GroupId { get; set; }
    public Group? Group { get; set; }
    public EventEligibility Eligibility { get; set; }
    /// <summary>For <see cref="EventEligibility.OneGroup"/>: the group whose administrators may register.</summary>
    public int? EligibleGroupId { get; set; }
    public Group? EligibleGroup { get; set; }
    /// <summary>Why the centre rejected a group's proposal, shown to the group.</summary>
    public string? ReviewComment { get; set; }
    public DateTime? ReviewedAt { get; set; }
    /// <summary>Why staff cancelled the event, shown on its page and in the mail to registrants.</summary>
    public string? CancellationReason { get; set; }
    public DateTime? CancelledAt { get; set; }
    /// <summary>Shown only to confirmed registrants from 24 hours before the start.</summary>
    public string? OnlineLink { get; set; }
    public int Capacity { get; set; }
    public int Confirmed { get; set; }
    /// <summary>The last waitlist position handed out; never goes down, so positions are never given twice.</summary>
    public int WaitlistIssued { get; set; }
    public DateTime RegistrationOpensAt { get; set; }
    public DateTime RegistrationClosesAt { get; set; }
    /// <summary>手話通訳</summary>
    public bool SignLanguage { get; set; }
    /// <summary>要約筆記</summary>
    public bool Captioning { get; set; }
    /// <summary>託児</summary>
    public bool Childcare { get; set; }
    /// <summary>In yen; 0 for free.</summary>
    public int Fee { get; set; }
    public EventStatus Status { get; set; }
    public bool IsDemo { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The last change to what the event says (LAST-MODIFIED of its calendar entries).</summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>
    /// The revision of its calendar entries (SEQUENCE, RFC 5545 3.8.7.4): one more each time a meeting's time, the place or
    /// the status changes, so calendars that subscribed replace what they hold. Only ever grows, counted in the database
    /// (<see cref="EventSequence"/>).
    /// </summary>
    public int Sequence { get; set; }

    public List<EventMeeting> Meetings { get; set; } = [];

    public DateTime? StartsAt => Meetings.Count == 0 ? null : Meetings.Min(m => m.StartsAt);
    public DateTime? EndsAt => Meetings.Count == 0 ? null : Meetings.Max(m => m.EndsAt);
    public int PlacesLeft => Math.Max(0, Capacity - Confirmed);

    /// <summary>Where it takes place as people read it: the room's name (with the free text as a supplement), the free text, or online.</summary>
    public string? PlaceText => Room is { } room ? (Place is null ? room.Name : $"{room.Name}（{Place}）") : Place;
}

/// <summary>One meeting (回) of an event.</summary>
public class EventMeeting : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int EventId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    /// <summary>The room booking this meeting holds (for an event with a room, once published); released when the meeting moves or the event is cancelled.</summary>
    public int? BookingId { get; set; }
}

public enum RegistrationStatus { Confirmed, Waitlisted, Cancelled, Attended }

/// <summary>A person's registration for an event: confirmed while places remain, else waitlisted in arrival order.</summary>
public class EventRegistration : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int EventId { get; set; }
    public required string UserId { get; set; }
    public RegistrationStatus Status { get; set; }
    /// <summary>For a waitlisted registration, its place in the queue (1 first); kept after promotion as a record.</summary>
    public int? Position { get; set; }
    /// <summary>Shown as a QR code and typed at the door.</summary>
    public required string Code { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PromotedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime? CheckedInAt { get; set; }
    /// <summary>For an event for residents only: the person declared they live, work or study in the city.</summary>
    public bool DeclaredResident { get; set; }
}

/// <summary>
/// That the day-before reminder for one meeting went to one registration. Unique per (registration, meeting, start), so
/// however many instances run the job, or however often it restarts, each reminder is written, and its mail queued, once;
/// a meeting moved to another day is reminded again.
/// </summary>
public class EventReminder : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int RegistrationId { get; set; }
    public int MeetingId { get; set; }
    public DateTime MeetingStartsAt { get; set; }
    public DateTime SentAt { get; set; }
}

/// <summary>An attendee's answer to the 5-point satisfaction survey after the event.</summary>
public class EventSurveyAnswer : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int EventId { get; set; }
    /// <summary>Null once the person deleted their account: the answer still counts, without them (and without their comment).</summary>
    public int? RegistrationId { get; set; }
    /// <summary>1 (dissatisfied) to 5 (satisfied).</summary>
    public int Satisfaction { get; set; }
    public string? Comment { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.ToTable("Events");
        b.Property(e => e.Title).HasMaxLength(100);
        b.Property(e => e.Description).HasMaxLength(4000);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        // Approving, rejecting, cancelling and editing each check the status they started from.
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.Property(e => e.Eligibility).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Place).HasMaxLength(200);
        b.Property(e => e.ReviewComment).HasMaxLength(1000);
        b.Property(e => e.CancellationReason).HasMaxLength(1000);
        b.Property(e => e.OnlineLink).HasMaxLength(500);
        b.Ignore(e => e.StartsAt);
        b.Ignore(e => e.EndsAt);
        b.Ignore(e => e.PlacesLeft);
        b.Ignore(e => e.PlaceText);
        b.HasOne(e => e.Room).WithMany().HasForeignKey(e => e.RoomId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(e => e.Group).WithMany().HasForeignKey(e => e.GroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(e => e.EligibleGroup).WithMany().HasForeignKey(e => e.EligibleGroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(e => e.GroupId);
        b.HasOne<City>().WithMany().HasForeignKey(e => e.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(e => e.Meetings).WithOne().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.CityId, e.Status });
    }
}

public class EventMeetingConfiguration : IEntityTypeConfiguration<EventMeeting>
{
    public void Configure(EntityTypeBuilder<EventMeeting> b)
    {
        b.ToTable("EventMeetings");
        b.HasOne<City>().WithMany().HasForeignKey(m => m.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.EventId, m.StartsAt });
        b.HasIndex(m => new { m.CityId, m.StartsAt });
        b.HasOne<Booking>().WithMany().HasForeignKey(m => m.BookingId).OnDelete(DeleteBehavior.SetNull);
    }
}

public class EventRegistrationConfiguration : IEntityTypeConfiguration<EventRegistration>
{
    public void Configure(EntityTypeBuilder<EventRegistration> b)
    {
        b.ToTable("EventRegistrations");
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.Property(r => r.Code).HasMaxLength(16);
        b.HasOne<City>().WithMany().HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        // One registration per person per event, whatever the concurrency; codes are unique within an event.
        b.HasIndex(r => new { r.EventId, r.UserId }).IsUnique();
        b.HasIndex(r => new { r.EventId, r.Code }).IsUnique();
        b.HasIndex(r => new { r.EventId, r.Status, r.Position });
        b.HasIndex(r => r.UserId);
    }
}

public class EventSurveyAnswerConfiguration : IEntityTypeConfiguration<EventSurveyAnswer>
{
    public void Configure(EntityTypeBuilder<EventSurveyAnswer> b)
    {
        b.ToTable("EventSurveyAnswers");
        b.Property(a => a.Comment).HasMaxLength(1000);
        b.HasOne<City>().WithMany().HasForeignKey(a => a.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Event>().WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EventRegistration>().WithMany().HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(a => a.RegistrationId).IsUnique();
        b.HasIndex(a => new { a.CityId, a.CreatedAt });
    }
}

public class EventReminderConfiguration : IEntityTypeConfiguration<EventReminder>
{
    public void Configure(EntityTypeBuilder<EventReminder> b)
    {
        b.ToTable("EventReminders");
        b.HasOne<City>().WithMany().HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EventRegistration>().WithMany().HasForeignKey(r => r.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EventMeeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.RegistrationId, r.MeetingId, r.MeetingStartsAt }).IsUnique();
        b.HasIndex(r => r.MeetingId);
    }
}

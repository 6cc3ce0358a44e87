using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>A room of the centre that people book (活動の場の提供).</summary>
public class Room : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Name { get; set; }
    public int Capacity { get; set; }
    public string? Facilities { get; set; }
    public string? AccessibilityNotes { get; set; }
    public int SortOrder { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>The city's booking rules for its centre: hours, closed weekdays, how far ahead each kind of user may book, fees.</summary>
public class SpaceRules : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public TimeOnly Opens { get; set; } = new(9, 0);
    public TimeOnly Closes { get; set; } = new(21, 0);
    /// <summary>Closed weekdays, one bit each, Monday = bit 0 (e.g. 休館日 on Mondays).</summary>
    public int ClosedWeekdays { get; set; }
    public int GroupHorizonDays { get; set; } = 90;
    public int OtherHorizonDays { get; set; } = 30;
    /// <summary>Days a provisional booking (仮予約) is held for payment at the counter before it lapses.</summary>
    public int ProvisionalDays { get; set; } = 7;
    /// <summary>Hourly fee in yen for registered groups and for others.</summary>
    public int GroupFeePerHour { get; set; } = 200;
    public int OtherFeePerHour { get; set; } = 400;
    /// <summary>Cancellations up to this many days before the start are free; later ones are recorded as late.</summary>
    public int FreeCancellationDays { get; set; } = 3;

    /// <summary>Whether the centre is closed on this day's weekday (休館日).</summary>
    public bool IsClosedOn(DayOfWeek day) => (ClosedWeekdays & (1 << (((int)day + 6) % 7))) != 0;
}

public enum BookingStatus { Provisional, Confirmed, Cancelled, Lapsed, Blocked }

/// <summary>A booking of a room for a time (or a staff block of it). Two live bookings of a room never overlap.</summary>
public class Booking : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int RoomId { get; set; }
    /// <summary>Who asked; null for a staff block.</summary>
    public string? UserId { get; set; }
    public int? GroupId { get; set; }
    public required string Purpose { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public BookingStatus Status { get; set; }
    /// <summary>Bookings made together as a weekly or monthly series share this.</summary>
    public Guid? SeriesId { get; set; }
    public int FeeYen { get; set; }
    public DateTime ConfirmBy { get; set; }
    public DateTime? PaidAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public bool LateCancellation { get; set; }
    /// <summary>People who used the room, recorded by staff at check-out: the centre's visitor count.</summary>
    public int? People { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.ToTable("Rooms");
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Facilities).HasMaxLength(500);
        b.Property(r => r.AccessibilityNotes).HasMaxLength(500);
        b.HasOne<City>().WithMany().HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.CityId, r.Name }).IsUnique();
    }
}

public class SpaceRulesConfiguration : IEntityTypeConfiguration<SpaceRules>
{
    public void Configure(EntityTypeBuilder<SpaceRules> b)
    {
        b.ToTable("SpaceRules");
        b.HasOne<City>().WithMany().HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.CityId).IsUnique();
    }
}

public class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> b)
    {
        b.ToTable("Bookings");
        b.Property(x => x.Purpose).HasMaxLength(200);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.RoomId, x.StartsAt });
        b.HasIndex(x => new { x.CityId, x.StartsAt });
        b.HasIndex(x => new { x.Status, x.ConfirmBy });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

public enum LotteryStatus { Open, Drawn }

public enum LotteryResult { Pending, Won, Lost }

/// <summary>
/// A lottery (抽選) for a popular room: requests for slots in a period are collected until a deadline, then drawn in an
/// order fixed by a recorded seed, so anyone can recompute the draw. What is left is booked first-come afterwards.
/// </summary>
public class Lottery : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int RoomId { get; set; }
    public required string Title { get; set; }
    /// <summary>The slots the lottery is for: bookings starting in [From, To) go through it until it is drawn.</summary>
    public DateTime From { get; set; }
    public DateTime To { get; set; }
    public DateTime EntriesCloseAt { get; set; }
    public LotteryStatus Status { get; set; }
    public int? Seed { get; set; }
    public DateTime? DrawnAt { get; set; }
    /// <summary>The draw, line by line: position, entry number, slot, result.</summary>
    public string? Log { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class LotteryEntry : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int LotteryId { get; set; }
    public required string UserId { get; set; }
    public int? GroupId { get; set; }
    public required string Purpose { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public LotteryResult Result { get; set; }
    public int? BookingId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class LotteryConfiguration : IEntityTypeConfiguration<Lottery>
{
    public void Configure(EntityTypeBuilder<Lottery> b)
    {
        b.ToTable("Lotteries");
        b.Property(l => l.Title).HasMaxLength(200);
        b.Property(l => l.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.HasOne<City>().WithMany().HasForeignKey(l => l.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Room>().WithMany().HasForeignKey(l => l.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new { l.RoomId, l.Status });
    }
}

public class LotteryEntryConfiguration : IEntityTypeConfiguration<LotteryEntry>
{
    public void Configure(EntityTypeBuilder<LotteryEntry> b)
    {
        b.ToTable("LotteryEntries");
        b.Property(e => e.Purpose).HasMaxLength(200);
        b.Property(e => e.Result).HasConversion<string>().HasMaxLength(20);
        b.HasOne<City>().WithMany().HasForeignKey(e => e.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Lottery>().WithMany().HasForeignKey(e => e.LotteryId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Booking>().WithMany().HasForeignKey(e => e.BookingId).OnDelete(DeleteBehavior.SetNull);
        // One entry per person per slot start; a person may enter several slots.
        b.HasIndex(e => new { e.LotteryId, e.UserId, e.StartsAt }).IsUnique();
    }
}

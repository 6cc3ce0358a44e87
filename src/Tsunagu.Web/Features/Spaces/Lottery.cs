using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

public enum LotteryStatus { Open, Drawn }

public enum LotteryResult { Pending, Won, Lost }

/// <summary>
/// A lottery (抽選) for a popular room: requests for slots in a period are collected until a deadline, then drawn in an
/// order fixed by a seed, so anyone can recompute the draw. The seed is drawn from a CSPRNG when the lottery is created
/// and kept secret, its SHA-256 published (commit), and revealed at the draw (reveal): nobody, staff included, can choose
/// it, and nobody can change it unnoticed. What is left is booked first-come afterwards.
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
    /// <summary>
    /// The draw's seed: 32 bytes from a CSPRNG as 64 lowercase hex digits, set when the lottery is created. Secret until
    /// the draw (never shown, exported, logged or audited before it), public after. Null only for lotteries drawn before
    /// seeds were committed to (<see cref="LegacySeed"/>).
    /// </summary>
    public string? Seed { get; set; }
    /// <summary>SHA-256 of the seed's 32 bytes, 64 lowercase hex digits: public from <see cref="SeedHashPublishedAt"/> on.</summary>
    public string? SeedHash { get; set; }
    public DateTime? SeedHashPublishedAt { get; set; }
    /// <summary>
    /// The whole-number seed of a lottery drawn before seeds were committed to (chosen at the draw, by staff or at
    /// random): such a draw is still recomputed with <see cref="LotteryService.LegacyOrder"/>.
    /// </summary>
    public int? LegacySeed { get; set; }
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
        b.Property(l => l.Seed).HasMaxLength(64);
        b.Property(l => l.SeedHash).HasMaxLength(64);
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

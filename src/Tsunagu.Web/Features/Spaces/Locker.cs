using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

public enum LockerKind { Locker, Mailbox }

/// <summary>A locker (ロッカー) or mailbox (レターケース) of the centre that registered groups rent by the fiscal year.</summary>
public class Locker : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    /// <summary>The number or label on the door, e.g. "L-03".</summary>
    public required string Label { get; set; }
    public LockerKind Kind { get; set; }
    /// <summary>Size or anything else worth knowing (e.g. "幅30×奥行45×高さ40cm、鍵付き").</summary>
    public string? Notes { get; set; }
    public int AnnualFeeYen { get; set; }
    /// <summary>Inactive lockers are not offered (broken, kept for the centre's own use).</summary>
    public bool Active { get; set; } = true;
    public bool IsDemo { get; set; }
}

public enum LockerRentalStatus { Applied, Confirmed, Cancelled }

/// <summary>
/// A group's application for a locker or mailbox for one fiscal year (年度): applied (with or without a locker picked or
/// assigned) → confirmed once paid at the counter, or cancelled. A locker is in at most one live rental per year, and a
/// group has at most one live rental per kind and year: both held by unique indexes, so no interleaving can break them.
/// </summary>
public class LockerRental : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int GroupId { get; set; }
    /// <summary>The group's administrator who applied; null once that account is deleted.</summary>
    public string? ApplicantUserId { get; set; }
    public LockerKind Kind { get; set; }
    /// <summary>The fiscal year's first calendar year: 2026 = 令和8年度 (April 2026 – March 2027).</summary>
    public int FiscalYear { get; set; }
    /// <summary>The locker the group picked or staff assigned; null until one is.</summary>
    public int? LockerId { get; set; }
    public LockerRentalStatus Status { get; set; }
    /// <summary>The locker's annual fee when it was assigned (or picked); what the group pays at the counter.</summary>
    public int FeeYen { get; set; }
    public string? Note { get; set; }
    public DateTime AppliedAt { get; set; }
    public DateOnly? PaidOn { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? CancelledAt { get; set; }

    public bool Live => Status != LockerRentalStatus.Cancelled;
}

public class LockerConfiguration : IEntityTypeConfiguration<Locker>
{
    public void Configure(EntityTypeBuilder<Locker> b)
    {
        b.ToTable("Lockers");
        b.Property(x => x.Label).HasMaxLength(20);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Notes).HasMaxLength(200);
        b.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CityId, x.Label }).IsUnique();
    }
}

public class LockerRentalConfiguration : IEntityTypeConfiguration<LockerRental>
{
    public const string LiveFilter = "\"Status\" <> 'Cancelled'";

    public void Configure(EntityTypeBuilder<LockerRental> b)
    {
        b.ToTable("LockerRentals");
        b.Ignore(x => x.Live);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.Property(x => x.Note).HasMaxLength(200);
        b.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ApplicantUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Locker>().WithMany().HasForeignKey(x => x.LockerId).OnDelete(DeleteBehavior.Restrict);
        // A locker is never rented to two groups for the same year, whatever the concurrency.
        b.HasIndex(x => new { x.LockerId, x.FiscalYear }).IsUnique().HasFilter("\"LockerId\" IS NOT NULL AND " + LiveFilter)
            .HasDatabaseName("IX_LockerRentals_Live_Locker_Year");
        // One live application per group, kind and year.
        b.HasIndex(x => new { x.GroupId, x.Kind, x.FiscalYear }).IsUnique().HasFilter(LiveFilter)
            .HasDatabaseName("IX_LockerRentals_Live_Group_Kind_Year");
        b.HasIndex(x => new { x.CityId, x.FiscalYear, x.Status });
    }
}

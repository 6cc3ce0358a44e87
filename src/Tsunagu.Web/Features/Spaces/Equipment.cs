using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>Equipment (備品) the centre lends with room bookings: a projector, a printer, … with how many it owns.</summary>
public class EquipmentItem : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Name { get; set; }
    /// <summary>How many the centre owns: at no moment are more lent to live bookings.</summary>
    public int Quantity { get; set; }
    /// <summary>Yen per unit per booking; 0 = free.</summary>
    public int FeePerBooking { get; set; }
    public string? Notes { get; set; }
    public bool Active { get; set; } = true;
    public int SortOrder { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>Units of an item lent with a booking; they count while the booking is live (provisional or confirmed).</summary>
public class BookingEquipment : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int BookingId { get; set; }
    public int EquipmentItemId { get; set; }
    public int Quantity { get; set; }
    /// <summary>The fee charged for these units, as it was when booked (part of the booking's FeeYen).</summary>
    public int FeeYen { get; set; }
}

public class EquipmentItemConfiguration : IEntityTypeConfiguration<EquipmentItem>
{
    public void Configure(EntityTypeBuilder<EquipmentItem> b)
    {
        b.ToTable("EquipmentItems");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Notes).HasMaxLength(500);
        b.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CityId, x.Name }).IsUnique();
    }
}

public class BookingEquipmentConfiguration : IEntityTypeConfiguration<BookingEquipment>
{
    public void Configure(EntityTypeBuilder<BookingEquipment> b)
    {
        b.ToTable("BookingEquipment");
        b.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EquipmentItem>().WithMany().HasForeignKey(x => x.EquipmentItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.EquipmentItemId, x.BookingId }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tsunagu.Web.Tenancy;

/// <summary>A district of a city, usually the area of one まちづくり協議会 / 地域づくり協議会.</summary>
public class District : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? CouncilName { get; set; }
    public int? Population { get; set; }
    public int? Population65Plus { get; set; }
    /// <summary>高齢化率 as the city publishes it, in percent.</summary>
    public decimal? AgingRatePercent { get; set; }
    public int? Households { get; set; }
    public int SortOrder { get; set; }
}

public class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.NameEn).HasMaxLength(100);
        b.Property(d => d.CouncilName).HasMaxLength(200);
        b.Property(d => d.AgingRatePercent).HasPrecision(5, 2);
        b.HasOne<City>().WithMany().HasForeignKey(d => d.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.CityId, d.Name }).IsUnique();
    }
}

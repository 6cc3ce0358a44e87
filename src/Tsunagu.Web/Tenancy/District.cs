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
    /// <summary>Population figures by year; the latest is copied into the columns above.</summary>
    public List<DistrictPopulation> Populations { get; set; } = [];
}

/// <summary>A district's figures for one year (as of the city's reference day, usually 3月31日 or 10月1日).</summary>
public class DistrictPopulation
{
    public int DistrictId { get; set; }
    public int Year { get; set; }
    public int? Population { get; set; }
    public int? Population65Plus { get; set; }
    public int? Households { get; set; }
}

public class DistrictPopulationConfiguration : IEntityTypeConfiguration<DistrictPopulation>
{
    public void Configure(EntityTypeBuilder<DistrictPopulation> b)
    {
        b.ToTable("DistrictPopulations");
        b.HasKey(p => new { p.DistrictId, p.Year });
        b.HasOne<District>().WithMany(d => d.Populations).HasForeignKey(p => p.DistrictId).OnDelete(DeleteBehavior.Cascade);
    }
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

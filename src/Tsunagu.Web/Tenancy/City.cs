using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tsunagu.Web.Tenancy;

/// <summary>A city is a tenant: every city-owned row points at one.</summary>
public class City
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required string Prefecture { get; set; }
    public required string CentreName { get; set; }
    public required string CentreNameEn { get; set; }

    public string DisplayName(bool english) => english ? NameEn : Name;
    public string CentreDisplayName(bool english) => english ? CentreNameEn : CentreName;

    public string PrefectureDisplayName(bool english) =>
        english && Prefectures.OfCityCode(Code) is { } p && p.Ja == Prefecture ? p.En : Prefecture;
}

public class CityConfiguration : IEntityTypeConfiguration<City>
{
    public void Configure(EntityTypeBuilder<City> b)
    {
        b.Property(c => c.Slug).HasMaxLength(40);
        b.Property(c => c.Code).HasMaxLength(6);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.NameEn).HasMaxLength(100);
        b.Property(c => c.Prefecture).HasMaxLength(20);
        b.Property(c => c.CentreName).HasMaxLength(200);
        b.Property(c => c.CentreNameEn).HasMaxLength(200);
        b.HasIndex(c => c.Slug).IsUnique();
        b.HasIndex(c => c.Code).IsUnique();
    }
}

/// <summary>A row that belongs to one city; the DbContext filters and guards these by the current city.</summary>
public interface ICityOwned
{
    int CityId { get; set; }
}

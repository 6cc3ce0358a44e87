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
    /// <summary>
    /// Whether the city's centre exists yet. Until it does (Nagato plans one), <see cref="DeskName"/> is where citizens
    /// go, and no rooms or equipment are lent.
    /// </summary>
    public bool HasCentre { get; set; } = true;
    /// <summary>The desk of city hall that does the centre's work while there is none, e.g. 企画政策課 市民協働推進室.</summary>
    public string? DeskName { get; set; }
    public string? DeskNameEn { get; set; }
    /// <summary>What the body that evaluates the plan is called: 下関市市民協働参画審議会, 室蘭市市民協働推進委員会.</summary>
    public string? EvaluatingBodyName { get; set; }
    public string? EvaluatingBodyNameEn { get; set; }
    /// <summary>What its evaluation is called: 答申 (a 審議会 answers the mayor's 諮問), 検証・評価 (a 委員会).</summary>
    public string? EvaluationTerm { get; set; }
    public string? EvaluationTermEn { get; set; }
    /// <summary>What the city calls its districts: 地区 or 地域.</summary>
    public string? DistrictTerm { get; set; }

    public string DisplayName(bool english) => english ? NameEn : Name;
    public string CentreDisplayName(bool english) => english ? CentreNameEn : CentreName;

    /// <summary>Where citizens go for support: the centre, or while there is none, the desk at city hall.</summary>
    public string SupportDeskDisplayName(bool english) =>
        HasCentre || string.IsNullOrEmpty(DeskName) ? CentreDisplayName(english) : english && !string.IsNullOrEmpty(DeskNameEn) ? DeskNameEn : DeskName;

    public string EvaluatingBodyDisplayName(bool english) =>
        english ? (string.IsNullOrEmpty(EvaluatingBodyNameEn) ? "the council" : EvaluatingBodyNameEn) : (string.IsNullOrEmpty(EvaluatingBodyName) ? "審議会" : EvaluatingBodyName);

    public string EvaluationTermDisplay(bool english) =>
        english ? (string.IsNullOrEmpty(EvaluationTermEn) ? "evaluation" : EvaluationTermEn) : (string.IsNullOrEmpty(EvaluationTerm) ? "評価" : EvaluationTerm);

    public string DistrictTermDisplay(bool english) => english ? "district" : string.IsNullOrEmpty(DistrictTerm) ? "地区" : DistrictTerm;

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
        b.Property(c => c.DeskName).HasMaxLength(200);
        b.Property(c => c.DeskNameEn).HasMaxLength(200);
        b.Property(c => c.EvaluatingBodyName).HasMaxLength(200);
        b.Property(c => c.EvaluatingBodyNameEn).HasMaxLength(200);
        b.Property(c => c.EvaluationTerm).HasMaxLength(20);
        b.Property(c => c.EvaluationTermEn).HasMaxLength(50);
        b.Property(c => c.DistrictTerm).HasMaxLength(10);
        // The sentinel is true: EF leaves a true out of the INSERT (the column's default), and writes a false; with the CLR
        // default (false) as the sentinel, a city seeded without a centre (Nagato) was stored with the default, true.
        b.Property(c => c.HasCentre).HasDefaultValue(true).HasSentinel(true);
        b.HasIndex(c => c.Slug).IsUnique();
        b.HasIndex(c => c.Code).IsUnique();
    }
}

/// <summary>A row that belongs to one city; the DbContext filters and guards these by the current city.</summary>
public interface ICityOwned
{
    int CityId { get; set; }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Exchange;

/// <summary>Whether a group asks for something (ニーズ・獲得要求) or offers it (シーズ・提供要求).</summary>
public enum ExchangeDirection { Need, Offer }

public enum ExchangeCategory { People, Venue, Equipment, KnowHow, Funds }

public enum ExchangePostStatus { Open, Closed }

/// <summary>
/// What a published group needs or can offer another group (Yamaguchi's ニーズ・シーズ matching);
/// centre staff broker introductions between a need and an offer.
/// </summary>
public class ExchangePost : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int GroupId { get; set; }
    public ExchangeDirection Direction { get; set; }
    public ExchangeCategory Category { get; set; }
    public required string Title { get; set; }
    public required string Details { get; set; }
    public int? DistrictId { get; set; }
    public ExchangePostStatus Status { get; set; }
    /// <summary>Fictional demo data, labelled as such wherever the post is shown.</summary>
    public bool IsDemo { get; set; }
    public string? PostedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Title and details folded for search (<see cref="Groups.SearchText"/>).</summary>
    public string SearchText { get; set; } = "";

    public Group? Group { get; set; }
    public List<ExchangePostField> Fields { get; set; } = [];
}

/// <summary>An activity field (1–20, <see cref="ActivityFields"/>) a post is about.</summary>
public class ExchangePostField
{
    public int PostId { get; set; }
    public int Field { get; set; }
}

public class ExchangePostConfiguration : IEntityTypeConfiguration<ExchangePost>
{
    public void Configure(EntityTypeBuilder<ExchangePost> b)
    {
        b.ToTable("ExchangePosts");
        b.Property(p => p.Direction).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.Title).HasMaxLength(100);
        b.Property(p => p.Details).HasMaxLength(2000);
        b.Property(p => p.SearchText).HasMaxLength(4000);
        b.HasOne<City>().WithMany().HasForeignKey(p => p.CityId).OnDelete(DeleteBehavior.Cascade);
        // Posts and their introductions are the record of matchings: a group with posts is not deleted with them.
        b.HasOne(p => p.Group).WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<District>().WithMany().HasForeignKey(p => p.DistrictId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.PostedByUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(p => new { p.CityId, p.Status, p.Direction });
        b.HasIndex(p => p.GroupId);
        b.HasMany(p => p.Fields).WithOne().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ExchangePostFieldConfiguration : IEntityTypeConfiguration<ExchangePostField>
{
    public void Configure(EntityTypeBuilder<ExchangePostField> b)
    {
        b.ToTable("ExchangePostFields");
        b.HasKey(f => new { f.PostId, f.Field });
        b.HasIndex(f => new { f.Field, f.PostId });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News;

/// <summary>A grant-funding notice (助成金情報): who funds what, for whom, how much, until when.</summary>
public class GrantNotice : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Title { get; set; }
    /// <summary>実施団体: the city, a foundation, a company.</summary>
    public required string Funder { get; set; }
    /// <summary>The most one application can receive, in yen; null when the notice gives no figure.</summary>
    public int? AmountMaxYen { get; set; }
    /// <summary>How the amount is put in words (e.g. 「1団体あたり上限50万円（補助率2分の1）」).</summary>
    public string? AmountNote { get; set; }
    /// <summary>The last day to apply (Asia/Tokyo).</summary>
    public DateOnly Deadline { get; set; }
    /// <summary>対象: who may apply.</summary>
    public required string Eligibility { get; set; }
    /// <summary>Markdown, rendered by <see cref="SafeMarkdown"/>.</summary>
    public required string Description { get; set; }
    /// <summary>The funder's page (http or https only).</summary>
    public string? LinkUrl { get; set; }
    public DateOnly PublishedOn { get; set; }
    public bool IsPublished { get; set; }
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string SearchText { get; set; } = "";

    public bool IsOpen(DateOnly today) => Deadline >= today;
}

public class GrantNoticeConfiguration : IEntityTypeConfiguration<GrantNotice>
{
    public void Configure(EntityTypeBuilder<GrantNotice> b)
    {
        b.ToTable("GrantNotices");
        b.Property(g => g.Title).HasMaxLength(200);
        b.Property(g => g.Funder).HasMaxLength(200);
        b.Property(g => g.AmountNote).HasMaxLength(200);
        b.Property(g => g.Eligibility).HasMaxLength(2000);
        b.Property(g => g.Description).HasMaxLength(10000);
        b.Property(g => g.LinkUrl).HasMaxLength(500);
        b.Property(g => g.SearchText).HasMaxLength(14000);
        b.HasOne<City>().WithMany().HasForeignKey(g => g.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(g => new { g.CityId, g.IsPublished, g.Deadline });
    }
}

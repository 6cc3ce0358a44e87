using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News;

/// <summary>A news item the centre publishes (お知らせ), optionally about one registered group.</summary>
public class NewsItem : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Title { get; set; }
    /// <summary>Markdown, rendered by <see cref="SafeMarkdown"/> (raw HTML escaped, only http/https/mailto links).</summary>
    public required string Body { get; set; }
    public DateOnly PublishedOn { get; set; }
    /// <summary>Only published items are public; the others are drafts for staff.</summary>
    public bool IsPublished { get; set; }
    public int? GroupId { get; set; }
    /// <summary>Fictional demo data, labelled as such wherever it is shown.</summary>
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Title and body folded for search (<see cref="Groups.SearchText"/>).</summary>
    public string SearchText { get; set; } = "";
}

public class NewsItemConfiguration : IEntityTypeConfiguration<NewsItem>
{
    public void Configure(EntityTypeBuilder<NewsItem> b)
    {
        b.ToTable("NewsItems");
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.Body).HasMaxLength(10000);
        b.Property(n => n.SearchText).HasMaxLength(12000);
        b.HasOne<City>().WithMany().HasForeignKey(n => n.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Group>().WithMany().HasForeignKey(n => n.GroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(n => new { n.CityId, n.IsPublished, n.PublishedOn });
    }
}

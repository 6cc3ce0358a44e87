using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News;

/// <summary>活動事例 (what a group did) or 協働事例 (what groups and the city did together).</summary>
public enum CaseKind { Activity, Collaboration }

/// <summary>A case study for the city's case collection (活動事例集・協働事例集).</summary>
public class CaseStudy : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Title { get; set; }
    public CaseKind Kind { get; set; }
    /// <summary>One or two sentences for lists and the feed.</summary>
    public required string Summary { get; set; }
    /// <summary>Markdown, rendered by <see cref="SafeMarkdown"/>.</summary>
    public required string Body { get; set; }
    /// <summary>The fiscal year (年度) it took place, by the year it starts in.</summary>
    public int FiscalYear { get; set; }
    public DateOnly PublishedOn { get; set; }
    public bool IsPublished { get; set; }
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string SearchText { get; set; } = "";

    public List<CaseStudyGroup> Groups { get; set; } = [];
    public List<CaseStudyField> Fields { get; set; } = [];
    public List<CaseStudyForm> Forms { get; set; } = [];
}

/// <summary>A registered group that took part in a case.</summary>
public class CaseStudyGroup
{
    public int CaseStudyId { get; set; }
    public int GroupId { get; set; }
}

/// <summary>One of a case's activity fields (1–20, <see cref="ActivityFields"/>).</summary>
public class CaseStudyField
{
    public int CaseStudyId { get; set; }
    public int Field { get; set; }
}

/// <summary>One of the forms of collaboration a case used (<see cref="CollaborationForms"/>).</summary>
public class CaseStudyForm
{
    public int CaseStudyId { get; set; }
    public CollaborationForm Form { get; set; }
}

public class CaseStudyConfiguration : IEntityTypeConfiguration<CaseStudy>
{
    public void Configure(EntityTypeBuilder<CaseStudy> b)
    {
        b.ToTable("CaseStudies");
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Summary).HasMaxLength(500);
        b.Property(c => c.Body).HasMaxLength(10000);
        b.Property(c => c.SearchText).HasMaxLength(12000);
        b.HasOne<City>().WithMany().HasForeignKey(c => c.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.CityId, c.IsPublished, c.PublishedOn });
        b.HasMany(c => c.Groups).WithOne().HasForeignKey(g => g.CaseStudyId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Fields).WithOne().HasForeignKey(f => f.CaseStudyId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Forms).WithOne().HasForeignKey(f => f.CaseStudyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CaseStudyGroupConfiguration : IEntityTypeConfiguration<CaseStudyGroup>
{
    public void Configure(EntityTypeBuilder<CaseStudyGroup> b)
    {
        b.ToTable("CaseStudyGroups");
        b.HasKey(g => new { g.CaseStudyId, g.GroupId });
        b.HasOne<Group>().WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CaseStudyFieldConfiguration : IEntityTypeConfiguration<CaseStudyField>
{
    public void Configure(EntityTypeBuilder<CaseStudyField> b)
    {
        b.ToTable("CaseStudyFields");
        b.HasKey(f => new { f.CaseStudyId, f.Field });
        b.HasIndex(f => f.Field);
    }
}

public class CaseStudyFormConfiguration : IEntityTypeConfiguration<CaseStudyForm>
{
    public void Configure(EntityTypeBuilder<CaseStudyForm> b)
    {
        b.ToTable("CaseStudyForms");
        b.Property(f => f.Form).HasConversion<string>().HasMaxLength(30);
        b.HasKey(f => new { f.CaseStudyId, f.Form });
        b.HasIndex(f => f.Form);
    }
}

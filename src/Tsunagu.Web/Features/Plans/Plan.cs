using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans;

/// <summary>A city's plan (計画): a period in fiscal years and a tree of policies and measures whose level names it defines.</summary>
public class Plan : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    /// <summary>The plan's short name in addresses (a-z, 0-9, -), unique in the city.</summary>
    public required string Key { get; set; }
    public required string Title { get; set; }
    /// <summary>First and last fiscal year (年度), by their starting calendar year.</summary>
    public int StartYear { get; set; }
    public int EndYear { get; set; }
    /// <summary>The level names top first, joined by '>' (山口: 推進方針>推進施策>推進項目).</summary>
    public required string Levels { get; set; }
    /// <summary>The grade scale as JSON ([{code, label}]), or null for the default A/B/C/D/完了.</summary>
    public string? Grades { get; set; }
    public string? Source { get; set; }
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<PlanNode> Nodes { get; set; } = [];

    public IReadOnlyList<string> LevelNames => Levels.Split('>');
    public IEnumerable<int> Years => Enumerable.Range(StartYear, EndYear - StartYear + 1);

    /// <summary>The plan's own grade scale, or null when it uses the default one (as its file says).</summary>
    public List<GradeFile>? OwnGrades() => Grades is null ? null : System.Text.Json.JsonSerializer.Deserialize<List<GradeFile>>(Grades, PlanFile.Json);

    /// <summary>The grades a report chooses from: the plan's own, else the default A/B/C/D/完了.</summary>
    public List<GradeFile> GradeScale() => OwnGrades() ?? [.. PlanVocabulary.DefaultGrades];
}

/// <summary>The six target actors (対象主体) Yamaguchi ticks on every card.</summary>
[Flags]
public enum TargetActors
{
    None = 0,
    Citizens = 1,
    Community = 2,
    CivicGroups = 4,
    Businesses = 8,
    Education = 16,
    Government = 32,
}

/// <summary>One policy, measure, item or action of a plan, at any level of its tree.</summary>
public class PlanNode : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int PlanId { get; set; }
    public int? ParentId { get; set; }
    /// <summary>Depth in the tree: 0 for the top level.</summary>
    public int Depth { get; set; }
    public int SortOrder { get; set; }
    /// <summary>The reference number exactly as the plan writes it (e.g. Ⅰ-(2)-⑥); unique in the plan.</summary>
    public required string Ref { get; set; }
    public required string Title { get; set; }
    /// <summary>ねらい.</summary>
    public string? Aim { get; set; }
    /// <summary>種別: 新規 or 継続.</summary>
    public string? Kind { get; set; }
    public TargetActors Actors { get; set; }
    public string? Purpose { get; set; }
    public string? Content { get; set; }
    /// <summary>完了の目安; null when the plan gives none.</summary>
    public string? Completion { get; set; }
    /// <summary>A priority item (重点, ○).</summary>
    public bool Priority { get; set; }
    /// <summary>Pillar tags joined by '、'.</summary>
    public string? Pillars { get; set; }
    /// <summary>The role split by actor as JSON ({"市": "…"}), in the plan's order.</summary>
    public string? Roles { get; set; }

    public PlanNode? Parent { get; set; }
    public List<PlanNodeDepartment> Departments { get; set; } = [];
    public List<PlanNodeYear> Years { get; set; } = [];
}

public class PlanNodeDepartment
{
    public int NodeId { get; set; }
    public int DepartmentId { get; set; }
    /// <summary>Departments are listed in the plan's order (the lead department first).</summary>
    public int SortOrder { get; set; }
}

/// <summary>The word the plan gives a node for one fiscal year (検討, 実施, → …).</summary>
public class PlanNodeYear
{
    public int NodeId { get; set; }
    public int FiscalYear { get; set; }
    public required string Word { get; set; }
}

/// <summary>A node listed again under another parent (【再掲】): one item shown in two places.</summary>
public class PlanNodeRepeat
{
    public int Id { get; set; }
    public int NodeId { get; set; }
    public int ParentId { get; set; }
    public int SortOrder { get; set; }
    /// <summary>The number the plan gives it in the second place, when different.</summary>
    public string? ListedRef { get; set; }

    public PlanNode? Node { get; set; }
    public PlanNode? Parent { get; set; }
}

public class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.ToTable("Plans");
        b.Property(p => p.Key).HasMaxLength(50);
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.Levels).HasMaxLength(200);
        b.Property(p => p.Grades).HasMaxLength(1000);
        b.Property(p => p.Source).HasMaxLength(500);
        b.HasOne<City>().WithMany().HasForeignKey(p => p.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.CityId, p.Key }).IsUnique();
        b.HasMany(p => p.Nodes).WithOne().HasForeignKey(n => n.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(p => p.LevelNames);
        b.Ignore(p => p.Years);
    }
}

public class PlanNodeConfiguration : IEntityTypeConfiguration<PlanNode>
{
    public void Configure(EntityTypeBuilder<PlanNode> b)
    {
        b.ToTable("PlanNodes");
        b.Property(n => n.Ref).HasMaxLength(50);
        b.Property(n => n.Title).HasMaxLength(500);
        b.Property(n => n.Aim).HasMaxLength(2000);
        b.Property(n => n.Kind).HasMaxLength(10);
        b.Property(n => n.Purpose).HasMaxLength(2000);
        b.Property(n => n.Content).HasMaxLength(4000);
        b.Property(n => n.Completion).HasMaxLength(2000);
        b.Property(n => n.Pillars).HasMaxLength(200);
        b.Property(n => n.Roles).HasMaxLength(4000);
        b.HasOne<City>().WithMany().HasForeignKey(n => n.CityId).OnDelete(DeleteBehavior.Cascade);
        // Nodes go with their plan; a parent is never deleted on its own while it has children.
        b.HasOne(n => n.Parent).WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(n => new { n.PlanId, n.Ref }).IsUnique();
        b.HasMany(n => n.Departments).WithOne().HasForeignKey(d => d.NodeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(n => n.Years).WithOne().HasForeignKey(y => y.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class PlanNodeDepartmentConfiguration : IEntityTypeConfiguration<PlanNodeDepartment>
{
    public void Configure(EntityTypeBuilder<PlanNodeDepartment> b)
    {
        b.ToTable("PlanNodeDepartments");
        b.HasKey(d => new { d.NodeId, d.DepartmentId });
        b.HasOne<Department>().WithMany().HasForeignKey(d => d.DepartmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class PlanNodeYearConfiguration : IEntityTypeConfiguration<PlanNodeYear>
{
    public void Configure(EntityTypeBuilder<PlanNodeYear> b)
    {
        b.ToTable("PlanNodeYears");
        b.HasKey(y => new { y.NodeId, y.FiscalYear });
        b.Property(y => y.Word).HasMaxLength(20);
    }
}

public class PlanNodeRepeatConfiguration : IEntityTypeConfiguration<PlanNodeRepeat>
{
    public void Configure(EntityTypeBuilder<PlanNodeRepeat> b)
    {
        b.ToTable("PlanNodeRepeats");
        b.Property(r => r.ListedRef).HasMaxLength(50);
        b.HasOne(r => r.Node).WithMany().HasForeignKey(r => r.NodeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Parent).WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.NoAction);
    }
}

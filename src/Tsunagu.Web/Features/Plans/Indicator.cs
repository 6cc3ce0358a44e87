using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans;

public enum IndicatorDirection { Higher, Lower }

/// <summary>What an indicator measures: things counted one by one (its planned path in whole units), a percentage, or an amount in yen.</summary>
public enum IndicatorKind { Count, Percentage, Yen }

/// <summary>An indicator (成果指標) of a plan or of one of its nodes, with its baseline, target and yearly actuals.</summary>
public class Indicator : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int PlanId { get; set; }
    public int? NodeId { get; set; }
    public int SortOrder { get; set; }
    public required string Name { get; set; }
    public required string Unit { get; set; }
    public IndicatorKind Kind { get; set; }
    public IndicatorDirection Direction { get; set; }
    public int BaselineYear { get; set; }
    public decimal BaselineValue { get; set; }
    public int TargetYear { get; set; }
    public decimal TargetValue { get; set; }
    /// <summary>"manual" (entered by the plan manager) or the name of a computed source (<see cref="IndicatorSources"/>).</summary>
    public required string Source { get; set; }
    /// <summary>The computed source's parameters as written ("type=NPO法人;field=福祉"), or a survey's question; see <see cref="IndicatorSourceParameters"/>.</summary>
    public string? SourceParameters { get; set; }
    public string? Note { get; set; }
    /// <summary>When the plan manager retired it: it leaves the plan's pages and API but stays in the reports already published.</summary>
    public DateTime? RetiredAt { get; set; }

    /// <summary>Whether its planned path is shown in whole units (no 255.2団体).</summary>
    public bool CountsWholeUnits => Kind != IndicatorKind.Percentage;

    public List<IndicatorActual> Actuals { get; set; } = [];
    public PlanNode? Node { get; set; }

    /// <summary>Progress from baseline towards target, in percent (100 = target reached), or null if they are equal.</summary>
    public decimal? Achievement(decimal actual) => IndicatorPath.Achievement(BaselineValue, TargetValue, actual);
}

public class IndicatorActual
{
    public int IndicatorId { get; set; }
    public int FiscalYear { get; set; }
    public decimal Value { get; set; }
}

public class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.ToTable("Indicators");
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.Unit).HasMaxLength(20);
        b.Property(i => i.Direction).HasConversion<string>().HasMaxLength(10);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(i => i.SourceParameters).HasMaxLength(200);
        b.Property(i => i.BaselineValue).HasPrecision(18, 3);
        b.Property(i => i.TargetValue).HasPrecision(18, 3);
        b.Property(i => i.Source).HasMaxLength(50);
        b.Property(i => i.Note).HasMaxLength(1000);
        b.HasOne<City>().WithMany().HasForeignKey(i => i.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Plan>().WithMany().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Node).WithMany().HasForeignKey(i => i.NodeId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(i => i.Actuals).WithOne().HasForeignKey(a => a.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class IndicatorActualConfiguration : IEntityTypeConfiguration<IndicatorActual>
{
    public void Configure(EntityTypeBuilder<IndicatorActual> b)
    {
        b.ToTable("IndicatorActuals");
        b.HasKey(a => new { a.IndicatorId, a.FiscalYear });
        b.Property(a => a.Value).HasPrecision(18, 3);
    }
}

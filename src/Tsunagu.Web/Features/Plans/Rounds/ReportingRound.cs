using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Rounds;

public enum RoundStatus { Open, Published }

/// <summary>
/// One year's progress survey of a plan (進捗状況調査): the departments report on their items by the deadline, the plan
/// manager accepts or returns each report, the council evaluates, and the manager publishes the annual report.
/// </summary>
public class ReportingRound : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int PlanId { get; set; }
    public int FiscalYear { get; set; }
    /// <summary>The last day (in Japan) a department may submit.</summary>
    public DateOnly Deadline { get; set; }
    public RoundStatus Status { get; set; }
    public DateTime OpenedAt { get; set; }
    /// <summary>When the departments were last reminded of unsubmitted reports.</summary>
    public DateTime? RemindedAt { get; set; }
    /// <summary>The council's overall opinion (答申), recorded by the plan manager.</summary>
    public string? CouncilOpinion { get; set; }
}

public enum ReportStatus { Draft, Submitted, Returned, Accepted }

/// <summary>A department's report on one item for the round's year.</summary>
public class ProgressReport : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int RoundId { get; set; }
    public int NodeId { get; set; }
    public ReportStatus Status { get; set; }
    /// <summary>実施状況: what was done.</summary>
    public string? Done { get; set; }
    /// <summary>The grade code on the plan's scale (A, B, C, D, 完了 by default).</summary>
    public string? Grade { get; set; }
    /// <summary>Figures achieved (実績値), as the department writes them.</summary>
    public string? Figures { get; set; }
    public string? Problems { get; set; }
    /// <summary>Next year's direction (今後の方向性).</summary>
    public string? NextYear { get; set; }
    /// <summary>Partners in the work (協働の相手).</summary>
    public string? Partners { get; set; }
    /// <summary>The forms of collaboration (Muroran's eight), as their names joined by ','.</summary>
    public string? Forms { get; set; }
    /// <summary>Why the manager returned it.</summary>
    public string? ReturnComment { get; set; }
    public string? UpdatedByUserId { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
}

/// <summary>A council member's evaluation of one top-level policy for the round.</summary>
public class CouncilEvaluation : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int RoundId { get; set; }
    public int NodeId { get; set; }
    public required string UserId { get; set; }
    /// <summary>順調 / おおむね順調 / やや遅れ / 遅れ.</summary>
    public required string Evaluation { get; set; }
    public string? Opinion { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A published annual report: an unchangeable snapshot; a correction adds the next version.</summary>
public class PublishedReport : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int RoundId { get; set; }
    public int PlanId { get; set; }
    public int FiscalYear { get; set; }
    public int Version { get; set; }
    public DateTime PublishedAt { get; set; }
    public string? PublishedByUserId { get; set; }
    /// <summary>Why the manager published a round that was not complete; printed on the report. Null when complete.</summary>
    public string? IncompleteReason { get; set; }
    /// <summary>The <see cref="Reports.AnnualReport"/> as JSON.</summary>
    public required string Snapshot { get; set; }
}

public class ReportingRoundConfiguration : IEntityTypeConfiguration<ReportingRound>
{
    public void Configure(EntityTypeBuilder<ReportingRound> b)
    {
        b.ToTable("ReportingRounds");
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.CouncilOpinion).HasMaxLength(4000);
        b.HasOne<City>().WithMany().HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Plan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PlanId, r.FiscalYear }).IsUnique();
    }
}

public class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> b)
    {
        b.ToTable("ProgressReports");
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Done).HasMaxLength(4000);
        b.Property(r => r.Grade).HasMaxLength(10);
        b.Property(r => r.Figures).HasMaxLength(1000);
        b.Property(r => r.Problems).HasMaxLength(2000);
        b.Property(r => r.NextYear).HasMaxLength(2000);
        b.Property(r => r.Partners).HasMaxLength(1000);
        b.Property(r => r.Forms).HasMaxLength(300);
        b.Property(r => r.ReturnComment).HasMaxLength(1000);
        b.HasOne<City>().WithMany().HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReportingRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlanNode>().WithMany().HasForeignKey(r => r.NodeId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UpdatedByUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(r => new { r.RoundId, r.NodeId }).IsUnique();
    }
}

public class CouncilEvaluationConfiguration : IEntityTypeConfiguration<CouncilEvaluation>
{
    public void Configure(EntityTypeBuilder<CouncilEvaluation> b)
    {
        b.ToTable("CouncilEvaluations");
        b.Property(e => e.Evaluation).HasMaxLength(20);
        b.Property(e => e.Opinion).HasMaxLength(4000);
        b.HasOne<City>().WithMany().HasForeignKey(e => e.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReportingRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlanNode>().WithMany().HasForeignKey(e => e.NodeId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.RoundId, e.NodeId, e.UserId }).IsUnique();
    }
}

public class PublishedReportConfiguration : IEntityTypeConfiguration<PublishedReport>
{
    public void Configure(EntityTypeBuilder<PublishedReport> b)
    {
        b.ToTable("PublishedReports");
        b.Property(r => r.IncompleteReason).HasMaxLength(500);
        b.HasOne<City>().WithMany().HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReportingRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Plan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.PublishedByUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(r => new { r.PlanId, r.FiscalYear, r.Version }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Renewal;

/// <summary>
/// One year's registration renewal (年次更新): the centre asks every published group to confirm or update its
/// registration by a due date; a group that has not by then is flagged, and unpublished once the grace period
/// the city chose has passed too.
/// </summary>
public class RenewalRound : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    /// <summary>The fiscal year (年度) the renewal is for, by its starting calendar year.</summary>
    public int FiscalYear { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>The last day (in Japan) to confirm.</summary>
    public DateOnly DueOn { get; set; }
    /// <summary>Days after the due date before an unconfirmed group is unpublished.</summary>
    public int GraceDays { get; set; }
    /// <summary>Set once the groups still unconfirmed after the grace period have been unpublished.</summary>
    public DateTime? EnforcedAt { get; set; }

    /// <summary>The first day (in Japan) on which an unconfirmed group is unpublished.</summary>
    public DateOnly UnpublishOn => DueOn.AddDays(GraceDays + 1);
}

public class RenewalRoundConfiguration : IEntityTypeConfiguration<RenewalRound>
{
    public void Configure(EntityTypeBuilder<RenewalRound> b)
    {
        b.ToTable("RenewalRounds");
        b.HasOne<City>().WithMany().HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.CityId, r.FiscalYear }).IsUnique();
        b.Ignore(r => r.UnpublishOn);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Exchange;

public enum IntroductionOutcome { Pending, Succeeded, NotSucceeded }

/// <summary>
/// An introduction centre staff broker between a group that needs something and a group that can offer it,
/// usually a need post and an offer post, or a post and another group directly. It may start as a group's
/// request (<see cref="RequestedAt"/> set, <see cref="IntroducedAt"/> not yet). A succeeded introduction is a
/// group-to-group matching (各団体同士のマッチング), dated by <see cref="OutcomeAt"/>.
/// </summary>
public class ExchangeIntroduction : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int NeedGroupId { get; set; }
    public int OfferGroupId { get; set; }
    public int? NeedPostId { get; set; }
    public int? OfferPostId { get; set; }

    /// <summary>A group administrator who asked the centre for this introduction, with what they wrote.</summary>
    public string? RequestedByUserId { get; set; }
    public DateTime? RequestedAt { get; set; }
    public string? RequestMessage { get; set; }

    public string? BrokerUserId { get; set; }
    /// <summary>What the centre told both groups when introducing them.</summary>
    public string? Note { get; set; }
    public DateTime? IntroducedAt { get; set; }

    public IntroductionOutcome Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    /// <summary>When the outcome was recorded; for a succeeded introduction, the date of the matching.</summary>
    public DateTime? OutcomeAt { get; set; }

    public Group? NeedGroup { get; set; }
    public Group? OfferGroup { get; set; }
    public ExchangePost? NeedPost { get; set; }
    public ExchangePost? OfferPost { get; set; }

    public bool IsRequestOnly => IntroducedAt is null;
}

public class ExchangeIntroductionConfiguration : IEntityTypeConfiguration<ExchangeIntroduction>
{
    public void Configure(EntityTypeBuilder<ExchangeIntroduction> b)
    {
        b.ToTable("ExchangeIntroductions");
        b.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.RequestMessage).HasMaxLength(1000);
        b.Property(i => i.Note).HasMaxLength(1000);
        b.Property(i => i.OutcomeNote).HasMaxLength(1000);
        b.HasOne<City>().WithMany().HasForeignKey(i => i.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.NeedGroup).WithMany().HasForeignKey(i => i.NeedGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.OfferGroup).WithMany().HasForeignKey(i => i.OfferGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.NeedPost).WithMany().HasForeignKey(i => i.NeedPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.OfferPost).WithMany().HasForeignKey(i => i.OfferPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.RequestedByUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.BrokerUserId).OnDelete(DeleteBehavior.SetNull);
        // The indicator and the console count succeeded introductions by outcome date.
        b.HasIndex(i => new { i.CityId, i.Outcome, i.OutcomeAt });
        b.Ignore(i => i.IsRequestOnly);
    }
}

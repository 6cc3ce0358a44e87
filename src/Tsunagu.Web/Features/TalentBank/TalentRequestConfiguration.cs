using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.TalentBank;

public class TalentRequestConfiguration : IEntityTypeConfiguration<TalentRequest>
{
    public void Configure(EntityTypeBuilder<TalentRequest> b)
    {
        b.ToTable("TalentRequests");
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Purpose).HasMaxLength(200);
        b.Property(r => r.PreferredDates).HasMaxLength(200);
        b.Property(r => r.Message).HasMaxLength(2000);
        b.Property(r => r.StaffNote).HasMaxLength(1000);
        b.Ignore(r => r.IsOpen);
        b.HasOne<City>().WithMany().HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TalentEntry>().WithMany().HasForeignKey(r => r.EntryId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.RequesterUserId).OnDelete(DeleteBehavior.Cascade);
        // The request stays when the group goes; it was the requester's.
        b.HasOne<Group>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(r => new { r.CityId, r.Status });
    }
}

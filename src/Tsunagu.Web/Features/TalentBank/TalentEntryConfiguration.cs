using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.TalentBank;

public class TalentEntryConfiguration : IEntityTypeConfiguration<TalentEntry>
{
    public void Configure(EntityTypeBuilder<TalentEntry> b)
    {
        b.ToTable("TalentEntries");
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.DisplayName).HasMaxLength(100);
        b.Property(e => e.Subjects).HasMaxLength(500);
        b.Property(e => e.Profile).HasMaxLength(2000);
        b.Property(e => e.FeeText).HasMaxLength(200);
        b.Property(e => e.Times).HasMaxLength(200);
        b.Property(e => e.ContactPhone).HasMaxLength(20);
        b.Property(e => e.SearchText).HasMaxLength(4000);
        b.HasOne<City>().WithMany().HasForeignKey(e => e.CityId).OnDelete(DeleteBehavior.Cascade);
        // A person's or group's entry goes with them when the account or the group is deleted.
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Group>().WithMany().HasForeignKey(e => e.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.CityId, e.Status });
        b.HasMany(e => e.Fields).WithOne().HasForeignKey(f => f.EntryId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Districts).WithOne().HasForeignKey(d => d.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class TalentEntryFieldConfiguration : IEntityTypeConfiguration<TalentEntryField>
{
    public void Configure(EntityTypeBuilder<TalentEntryField> b)
    {
        b.ToTable("TalentEntryFields");
        b.HasKey(f => new { f.EntryId, f.Field });
        b.HasIndex(f => new { f.Field, f.EntryId });
    }
}

public class TalentEntryDistrictConfiguration : IEntityTypeConfiguration<TalentEntryDistrict>
{
    public void Configure(EntityTypeBuilder<TalentEntryDistrict> b)
    {
        b.ToTable("TalentEntryDistricts");
        b.HasKey(d => new { d.EntryId, d.DistrictId });
        b.HasIndex(d => new { d.DistrictId, d.EntryId });
        b.HasOne<District>().WithMany().HasForeignKey(d => d.DistrictId).OnDelete(DeleteBehavior.Cascade);
    }
}

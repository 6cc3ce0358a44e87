using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups;

/// <summary>Where a group's registration stands: applied, returned for correction, published, refused or taken down.</summary>
public enum GroupStatus
{
    Draft,
    Submitted,
    Returned,
    Approved,
    Rejected,
    Unpublished,
}

/// <summary>A citizens' group registered with the city's centre (市民活動団体の登録).</summary>
public class Group : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Name { get; set; }
    public required string NameKana { get; set; }
    public GroupType Type { get; set; }
    /// <summary>For a まちづくり協議会・地域づくり協議会: the district it represents.</summary>
    public int? CouncilDistrictId { get; set; }
    public required string Description { get; set; }
    public string? MeetingSchedule { get; set; }
    public string? MeetingPlace { get; set; }
    public int? MemberCount { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string? Fees { get; set; }
    public string? Website { get; set; }
    public string? SocialLinks { get; set; }
    public bool RecruitingVolunteers { get; set; }
    /// <summary>Fictional demo data, labelled as such wherever the group is shown.</summary>
    public bool IsDemo { get; set; }

    public string? PublicContactName { get; set; }
    public string? PublicEmail { get; set; }
    public string? PublicPhone { get; set; }

    /// <summary>The representative's contact: for the centre only, never shown publicly.</summary>
    public required string RepresentativeName { get; set; }
    public required string RepresentativeEmail { get; set; }
    public string? RepresentativePhone { get; set; }
    public string? RepresentativePostalCode { get; set; }
    public string? RepresentativeAddress { get; set; }

    public GroupStatus Status { get; set; }
    /// <summary>Why staff returned or rejected the application, shown to the applicant.</summary>
    public string? ReviewComment { get; set; }
    public string? ApplicantUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? ApprovedAt { get; set; }
    /// <summary>When the group last confirmed or updated its registration (年次更新).</summary>
    public DateTime? ConfirmedAt { get; set; }
    /// <summary>When the group was unpublished for not confirming its yearly renewal; cleared when it confirms.</summary>
    public DateTime? LapsedAt { get; set; }
    /// <summary>When the logo was last changed; null when the group has none. Also the logo address's version.</summary>
    public DateTime? LogoUpdatedAt { get; set; }

    /// <summary>Name, furigana and description folded for search (NFKC, katakana as hiragana, lower case).</summary>
    public string SearchText { get; set; } = "";

    public List<GroupActivityField> Fields { get; set; } = [];
    public List<GroupDistrict> Districts { get; set; } = [];
    public List<GroupAdministrator> Administrators { get; set; } = [];
    public GroupLogo? Logo { get; set; }
}

/// <summary>One of a group's activity fields (1–20, <see cref="ActivityFields"/>).</summary>
public class GroupActivityField
{
    public int GroupId { get; set; }
    public int Field { get; set; }
}

/// <summary>A district a group is active in.</summary>
public class GroupDistrict
{
    public int GroupId { get; set; }
    public int DistrictId { get; set; }
}

/// <summary>A person who keeps a group's profile current.</summary>
public class GroupAdministrator
{
    public int GroupId { get; set; }
    public required string UserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class GroupAdministratorQueries
{
    /// <summary>The e-mail addresses of a group's administrators, once each: whom news about the group goes to.</summary>
    public static Task<List<string>> AdministratorEmailsAsync(this Data.TsunaguDb db, int groupId, CancellationToken ct = default) =>
        (from a in db.Set<GroupAdministrator>()
         where a.GroupId == groupId
         join u in db.Users on a.UserId equals u.Id
         where u.Email != null
         select u.Email!).Distinct().ToListAsync(ct);
}

public class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> b)
    {
        b.Property(g => g.Name).HasMaxLength(100);
        b.Property(g => g.NameKana).HasMaxLength(200);
        b.Property(g => g.Type).HasConversion<string>().HasMaxLength(30);
        b.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(g => g.Description).HasMaxLength(2000);
        b.Property(g => g.MeetingSchedule).HasMaxLength(200);
        b.Property(g => g.MeetingPlace).HasMaxLength(200);
        b.Property(g => g.Fees).HasMaxLength(200);
        b.Property(g => g.Website).HasMaxLength(300);
        b.Property(g => g.SocialLinks).HasMaxLength(1000);
        b.Property(g => g.PublicContactName).HasMaxLength(100);
        b.Property(g => g.PublicEmail).HasMaxLength(256);
        b.Property(g => g.PublicPhone).HasMaxLength(20);
        b.Property(g => g.RepresentativeName).HasMaxLength(100);
        b.Property(g => g.RepresentativeEmail).HasMaxLength(256);
        b.Property(g => g.RepresentativePhone).HasMaxLength(20);
        b.Property(g => g.RepresentativePostalCode).HasMaxLength(8);
        b.Property(g => g.RepresentativeAddress).HasMaxLength(200);
        b.Property(g => g.ReviewComment).HasMaxLength(1000);
        b.Property(g => g.SearchText).HasMaxLength(4000);
        b.HasOne<City>().WithMany().HasForeignKey(g => g.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<District>().WithMany().HasForeignKey(g => g.CouncilDistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(g => g.ApplicantUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(g => new { g.CityId, g.Name }).IsUnique();
        b.HasIndex(g => new { g.CityId, g.Status });
        b.HasMany(g => g.Fields).WithOne().HasForeignKey(f => f.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(g => g.Districts).WithOne().HasForeignKey(d => d.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(g => g.Administrators).WithOne().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(g => g.Logo).WithOne().HasForeignKey<GroupLogo>(l => l.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class GroupActivityFieldConfiguration : IEntityTypeConfiguration<GroupActivityField>
{
    public void Configure(EntityTypeBuilder<GroupActivityField> b)
    {
        b.ToTable("GroupActivityFields");
        b.HasKey(f => new { f.GroupId, f.Field });
        // Covering: the directory reads a field's group ids from the index alone.
        b.HasIndex(f => new { f.Field, f.GroupId });
    }
}

public class GroupDistrictConfiguration : IEntityTypeConfiguration<GroupDistrict>
{
    public void Configure(EntityTypeBuilder<GroupDistrict> b)
    {
        b.ToTable("GroupDistricts");
        b.HasKey(d => new { d.GroupId, d.DistrictId });
        // Covering, as for fields; it also serves the foreign key on DistrictId.
        b.HasIndex(d => new { d.DistrictId, d.GroupId });
        b.HasOne<District>().WithMany().HasForeignKey(d => d.DistrictId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class GroupAdministratorConfiguration : IEntityTypeConfiguration<GroupAdministrator>
{
    public void Configure(EntityTypeBuilder<GroupAdministrator> b)
    {
        b.ToTable("GroupAdministrators");
        b.HasKey(a => new { a.GroupId, a.UserId });
        b.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

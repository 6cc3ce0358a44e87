using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Volunteers;

public enum AgeBand { Under18, Age18To29, Age30s, Age40s, Age50s, Age60s, Age70Plus }

/// <summary>How a volunteer wants to hear of new opportunities.</summary>
public enum NotifyPreference { None, Each, WeeklyDigest }

public enum VolunteerStatus { Active, Paused, Left }

/// <summary>A skill on the city's list (the centre keeps the list); volunteers pick from it and add free tags.</summary>
public class VolunteerSkill : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>
/// A citizen registered as a volunteer in a city (ボランティアギルド, 総合サポート制度): what they can do, what they care
/// about, where and when they can help. Their contact details reach a group only once the group accepts them.
/// </summary>
public class Volunteer : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string UserId { get; set; }
    public AgeBand AgeBand { get; set; }
    /// <summary>Weekday × time of day, one bit each: bit (day * 3 + period), Monday = 0, morning = 0.</summary>
    public int Availability { get; set; }
    public string? FreeSkills { get; set; }
    public string? Languages { get; set; }
    public string? Qualifications { get; set; }
    public string? Phone { get; set; }
    public NotifyPreference Notify { get; set; }
    public VolunteerStatus Status { get; set; }
    /// <summary>For a volunteer under 18: the guardian who consented, and when.</summary>
    public string? GuardianName { get; set; }
    public DateTime? GuardianConsentAt { get; set; }
    /// <summary>Past reliability: shifts whose attendance the organiser recorded, and of those, attended.</summary>
    public int ShiftsRecorded { get; set; }
    public int ShiftsAttended { get; set; }
    /// <summary>When the last weekly digest went out; claimed before sending so several instances send once.</summary>
    public DateTime? DigestSentAt { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Moves on every change, reliability included: the matching index reloads from it.</summary>
    public DateTime UpdatedAt { get; set; }

    public List<VolunteerSkillChoice> Skills { get; set; } = [];
    public List<VolunteerInterest> Interests { get; set; } = [];
    public List<VolunteerDistrict> Districts { get; set; } = [];

    public bool NeedsGuardianConsent => AgeBand == AgeBand.Under18 && GuardianConsentAt is null;
}

public class VolunteerSkillChoice
{
    public int VolunteerId { get; set; }
    public int SkillId { get; set; }
}

/// <summary>An activity field (1–20) the volunteer is interested in.</summary>
public class VolunteerInterest
{
    public int VolunteerId { get; set; }
    public int Field { get; set; }
}

public class VolunteerDistrict
{
    public int VolunteerId { get; set; }
    public int DistrictId { get; set; }
}

public class VolunteerSkillConfiguration : IEntityTypeConfiguration<VolunteerSkill>
{
    public void Configure(EntityTypeBuilder<VolunteerSkill> b)
    {
        b.ToTable("VolunteerSkills");
        b.Property(s => s.Name).HasMaxLength(50);
        b.HasOne<City>().WithMany().HasForeignKey(s => s.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.CityId, s.Name }).IsUnique();
    }
}

public class VolunteerConfiguration : IEntityTypeConfiguration<Volunteer>
{
    public void Configure(EntityTypeBuilder<Volunteer> b)
    {
        b.ToTable("Volunteers");
        b.Property(v => v.AgeBand).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.Notify).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.FreeSkills).HasMaxLength(500);
        b.Property(v => v.Languages).HasMaxLength(200);
        b.Property(v => v.Qualifications).HasMaxLength(500);
        b.Property(v => v.Phone).HasMaxLength(20);
        b.Property(v => v.GuardianName).HasMaxLength(100);
        b.HasOne<City>().WithMany().HasForeignKey(v => v.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.CityId, v.UserId }).IsUnique();
        b.HasIndex(v => new { v.CityId, v.Status });
        b.HasIndex(v => new { v.CityId, v.UpdatedAt });
        b.Ignore(v => v.NeedsGuardianConsent);
        b.HasMany(v => v.Skills).WithOne().HasForeignKey(s => s.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(v => v.Interests).WithOne().HasForeignKey(s => s.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(v => v.Districts).WithOne().HasForeignKey(s => s.VolunteerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class VolunteerSkillChoiceConfiguration : IEntityTypeConfiguration<VolunteerSkillChoice>
{
    public void Configure(EntityTypeBuilder<VolunteerSkillChoice> b)
    {
        b.ToTable("VolunteerSkillChoices");
        b.HasKey(s => new { s.VolunteerId, s.SkillId });
        b.HasOne<VolunteerSkill>().WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.SkillId, s.VolunteerId });
    }
}

public class VolunteerInterestConfiguration : IEntityTypeConfiguration<VolunteerInterest>
{
    public void Configure(EntityTypeBuilder<VolunteerInterest> b)
    {
        b.ToTable("VolunteerInterests");
        b.HasKey(s => new { s.VolunteerId, s.Field });
        b.HasIndex(s => new { s.Field, s.VolunteerId });
    }
}

public class VolunteerDistrictConfiguration : IEntityTypeConfiguration<VolunteerDistrict>
{
    public void Configure(EntityTypeBuilder<VolunteerDistrict> b)
    {
        b.ToTable("VolunteerDistricts");
        b.HasKey(s => new { s.VolunteerId, s.DistrictId });
        b.HasOne<District>().WithMany().HasForeignKey(s => s.DistrictId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.DistrictId, s.VolunteerId });
    }
}

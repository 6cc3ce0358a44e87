using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>Who runs an opportunity: a registered group (a district council is a group too), the centre, or a city department.</summary>
public enum OrganiserKind { Group, Centre, Department }

public enum OpportunityStatus { Open, Closed }

/// <summary>
/// A city's programme that opportunities and matchings are counted under (e.g. Muroran's まかせて・まごころ・まち「ピカ」
/// partners, Shimonoseki's ボランティアギルド).
/// </summary>
public class Programme : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A call for volunteers (募集): what to do, where, for whom, and its shifts.</summary>
public class Opportunity : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public OrganiserKind OrganiserKind { get; set; }
    public int? GroupId { get; set; }
    /// <summary>For a department's opportunity: the department's name as shown.</summary>
    public string? DepartmentName { get; set; }
    /// <summary>Who posted it; null for demo data and when that account is deleted.</summary>
    public string? CreatedByUserId { get; set; }
    public string? Place { get; set; }
    public int? DistrictId { get; set; }
    public bool Online { get; set; }
    /// <summary>Age limits in years, inclusive; null for none.</summary>
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    /// <summary>Whether the city's volunteer activity insurance (ボランティア活動保険) covers it.</summary>
    public bool InsuranceCovered { get; set; }
    public int? ProgrammeId { get; set; }
    public OpportunityStatus Status { get; set; }
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Moves whenever the opportunity, its shifts or their fill change: the matching index reloads from it.</summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>When volunteers who asked to hear of each new opportunity were told; claimed once, so several instances send once.</summary>
    public DateTime? NotifiedAt { get; set; }
    /// <summary>Title and description folded for search (see <see cref="SearchText"/>).</summary>
    public string SearchText { get; set; } = "";

    public List<OpportunitySkill> Skills { get; set; } = [];
    public List<OpportunityField> Fields { get; set; } = [];
    public List<Shift> Shifts { get; set; } = [];
}

/// <summary>A skill from the city's list that the opportunity needs (required) or would welcome.</summary>
public class OpportunitySkill
{
    public int OpportunityId { get; set; }
    public int SkillId { get; set; }
    public bool Required { get; set; }
}

public class OpportunityField
{
    public int OpportunityId { get; set; }
    public int Field { get; set; }
}

/// <summary>One date and time the opportunity needs people, and how many; <see cref="Confirmed"/> only grows inside a conditional update.</summary>
public class Shift : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int OpportunityId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public int Places { get; set; }
    public int Confirmed { get; set; }

    public int PlacesLeft => Math.Max(0, Places - Confirmed);
}

public enum ApplicationStatus
{
    /// <summary>The organiser invited the volunteer; the volunteer has not answered.</summary>
    Invited,
    /// <summary>The volunteer applied; the organiser has not answered.</summary>
    Applied,
    /// <summary>Both sides agreed: a matching.</summary>
    Confirmed,
    Declined,
    /// <summary>The shift filled before this one was accepted.</summary>
    Full,
    Withdrawn,
    /// <summary>The organiser closed the opportunity before answering.</summary>
    Closed,
}

/// <summary>
/// A volunteer's application to (or invitation for) one shift. Once confirmed it is a matching, recorded with its date,
/// the opportunity's group, programme and district as they were then, so later edits do not move past counts.
/// </summary>
public class ShiftApplication : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int ShiftId { get; set; }
    public int OpportunityId { get; set; }
    public int VolunteerId { get; set; }
    public ApplicationStatus Status { get; set; }
    public bool Invited { get; set; }
    public string? Message { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateTime? MatchedAt { get; set; }
    public int? GroupId { get; set; }
    public int? ProgrammeId { get; set; }
    public int? DistrictId { get; set; }
    /// <summary>Recorded by the organiser after the shift.</summary>
    public bool? Attended { get; set; }
    public decimal? Hours { get; set; }
    public DateTime? AttendanceRecordedAt { get; set; }
    /// <summary>When the volunteer confirmed the recorded hours; the certificate lists only confirmed activity.</summary>
    public DateTime? VolunteerConfirmedAt { get; set; }
}

/// <summary>A message between the organiser and an applicant, kept inside Tsunagu: e-mails only say that one arrived.</summary>
public class ApplicationMessage : ICityOwned
{
    public long Id { get; set; }
    public int CityId { get; set; }
    public int ApplicationId { get; set; }
    public bool FromOrganiser { get; set; }
    public required string SenderUserId { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.ToTable("Programmes");
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.Description).HasMaxLength(500);
        b.HasOne<City>().WithMany().HasForeignKey(p => p.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.CityId, p.Name }).IsUnique();
    }
}

public class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> b)
    {
        b.ToTable("Opportunities");
        b.Property(o => o.Title).HasMaxLength(100);
        b.Property(o => o.Description).HasMaxLength(2000);
        b.Property(o => o.OrganiserKind).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.DepartmentName).HasMaxLength(100);
        b.Property(o => o.Place).HasMaxLength(200);
        b.Property(o => o.SearchText).HasMaxLength(4000);
        b.HasOne<City>().WithMany().HasForeignKey(o => o.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Group>().WithMany().HasForeignKey(o => o.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<District>().WithMany().HasForeignKey(o => o.DistrictId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Programme>().WithMany().HasForeignKey(o => o.ProgrammeId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(o => o.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(o => new { o.CityId, o.Status, o.CreatedAt });
        b.HasIndex(o => new { o.CityId, o.UpdatedAt });
        b.HasMany(o => o.Skills).WithOne().HasForeignKey(s => s.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Fields).WithOne().HasForeignKey(f => f.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Shifts).WithOne().HasForeignKey(s => s.OpportunityId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class OpportunitySkillConfiguration : IEntityTypeConfiguration<OpportunitySkill>
{
    public void Configure(EntityTypeBuilder<OpportunitySkill> b)
    {
        b.ToTable("OpportunitySkills");
        b.HasKey(s => new { s.OpportunityId, s.SkillId });
        b.HasOne<VolunteerSkill>().WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.SkillId);
    }
}

public class OpportunityFieldConfiguration : IEntityTypeConfiguration<OpportunityField>
{
    public void Configure(EntityTypeBuilder<OpportunityField> b)
    {
        b.ToTable("OpportunityFields");
        b.HasKey(f => new { f.OpportunityId, f.Field });
    }
}

public class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> b)
    {
        b.ToTable("Shifts");
        b.Ignore(s => s.PlacesLeft);
        b.HasOne<City>().WithMany().HasForeignKey(s => s.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.OpportunityId, s.StartsAt });
        b.HasIndex(s => new { s.CityId, s.StartsAt });
    }
}

public class ShiftApplicationConfiguration : IEntityTypeConfiguration<ShiftApplication>
{
    public void Configure(EntityTypeBuilder<ShiftApplication> b)
    {
        b.ToTable("ShiftApplications");
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.Property(a => a.Message).HasMaxLength(500);
        b.Property(a => a.Hours).HasPrecision(5, 2);
        b.Property(a => a.AttendanceRecordedAt).IsConcurrencyToken();
        b.HasOne<City>().WithMany().HasForeignKey(a => a.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Shift>().WithMany().HasForeignKey(a => a.ShiftId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Opportunity>().WithMany().HasForeignKey(a => a.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Volunteer>().WithMany().HasForeignKey(a => a.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        // One application per person per shift, whatever the concurrency.
        b.HasIndex(a => new { a.ShiftId, a.VolunteerId }).IsUnique();
        b.HasIndex(a => new { a.VolunteerId, a.Status });
        b.HasIndex(a => new { a.OpportunityId, a.Status });
        b.HasIndex(a => new { a.CityId, a.MatchedAt });
    }
}

public class ApplicationMessageConfiguration : IEntityTypeConfiguration<ApplicationMessage>
{
    public void Configure(EntityTypeBuilder<ApplicationMessage> b)
    {
        b.ToTable("ApplicationMessages");
        b.Property(m => m.Body).HasMaxLength(2000);
        b.HasOne<City>().WithMany().HasForeignKey(m => m.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ShiftApplication>().WithMany().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(m => m.SenderUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.ApplicationId, m.CreatedAt });
    }
}

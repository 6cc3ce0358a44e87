using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Lectures;

/// <summary>A talk in the on-request catalogue (出前講座・お気軽講座) that citizens or groups can ask the city to give.</summary>
public class LectureTopic : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    /// <summary>Who gives it: a department, the centre, or a named speaker.</summary>
    public required string Speaker { get; set; }
    public int Minutes { get; set; } = 60;
    public string? Audience { get; set; }
    public bool Active { get; set; } = true;
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum LectureRequestStatus { Received, Scheduled, Done, Declined, Cancelled }

public class LectureRequest : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public int TopicId { get; set; }
    public required string RequesterUserId { get; set; }
    public required string Organisation { get; set; }
    public required string PreferredDates { get; set; }
    public required string Place { get; set; }
    public int Participants { get; set; }
    public string? Message { get; set; }
    public LectureRequestStatus Status { get; set; }
    public DateTime? ScheduledAt { get; set; }
    public string? StaffNote { get; set; }
    /// <summary>How many came, recorded when the lecture was given.</summary>
    public int? Attended { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public class LectureTopicConfiguration : IEntityTypeConfiguration<LectureTopic>
{
    public void Configure(EntityTypeBuilder<LectureTopic> b)
    {
        b.ToTable("LectureTopics");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Speaker).HasMaxLength(200);
        b.Property(x => x.Audience).HasMaxLength(200);
        b.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class LectureRequestConfiguration : IEntityTypeConfiguration<LectureRequest>
{
    public void Configure(EntityTypeBuilder<LectureRequest> b)
    {
        b.ToTable("LectureRequests");
        b.Property(x => x.Organisation).HasMaxLength(200);
        b.Property(x => x.PreferredDates).HasMaxLength(500);
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.Message).HasMaxLength(1000);
        b.Property(x => x.StaffNote).HasMaxLength(1000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<LectureTopic>().WithMany().HasForeignKey(x => x.TopicId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.RequesterUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CityId, x.Status });
    }
}

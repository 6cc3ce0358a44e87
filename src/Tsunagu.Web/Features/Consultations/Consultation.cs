using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Consultations;

public enum ConsultationTopic { Founding, Incorporation, Management, Funding, Accounting, PublicRelations, Volunteers, Collaboration, Other }

/// <summary>How the consultation reached the centre.</summary>
public enum ConsultationChannel { Online, Counter, Phone }

/// <summary>How the person would like to meet or be answered.</summary>
public enum PreferredContact { Counter, Phone, Online, Email }

public enum ConsultationStatus { Received, InProgress, Done }

/// <summary>A consultation case at the centre's desk (相談受付). Its personal data is for centre staff only.</summary>
public class Consultation : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public ConsultationTopic Topic { get; set; }
    public ConsultationChannel Channel { get; set; }
    public PreferredContact PreferredContact { get; set; }
    public ConsultationStatus Status { get; set; }
    public required string Question { get; set; }
    public required string RequesterName { get; set; }
    public string? RequesterEmail { get; set; }
    public string? RequesterPhone { get; set; }
    public string? RequesterUserId { get; set; }
    public int? GroupId { get; set; }
    public string? AssigneeUserId { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>Fictional demo data, labelled as such on the desk.</summary>
    public bool IsDemo { get; set; }

    public List<ConsultationNote> Notes { get; set; } = [];
    public List<ConsultationFollowUp> FollowUps { get; set; } = [];
}

/// <summary>A dated note on a case, by the staff member who wrote it.</summary>
public class ConsultationNote
{
    public int Id { get; set; }
    public int ConsultationId { get; set; }
    public required string AuthorUserId { get; set; }
    public DateTime At { get; set; }
    public required string Text { get; set; }
}

/// <summary>Something to do on a case by a date.</summary>
public class ConsultationFollowUp
{
    public int Id { get; set; }
    public int ConsultationId { get; set; }
    public DateOnly DueOn { get; set; }
    public required string Text { get; set; }
    public DateTime? DoneAt { get; set; }
}

public class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> b)
    {
        b.Property(c => c.Topic).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.PreferredContact).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Question).HasMaxLength(4000);
        b.Property(c => c.RequesterName).HasMaxLength(100);
        b.Property(c => c.RequesterEmail).HasMaxLength(256);
        b.Property(c => c.RequesterPhone).HasMaxLength(20);
        b.HasOne<City>().WithMany().HasForeignKey(c => c.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Group>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.RequesterUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.AssigneeUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => new { c.CityId, c.Status });
        b.HasIndex(c => new { c.CityId, c.ReceivedAt });
        b.HasMany(c => c.Notes).WithOne().HasForeignKey(n => n.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.FollowUps).WithOne().HasForeignKey(f => f.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ConsultationNoteConfiguration : IEntityTypeConfiguration<ConsultationNote>
{
    public void Configure(EntityTypeBuilder<ConsultationNote> b)
    {
        b.ToTable("ConsultationNotes");
        b.Property(n => n.Text).HasMaxLength(4000);
        b.HasOne<AppUser>().WithMany().HasForeignKey(n => n.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ConsultationFollowUpConfiguration : IEntityTypeConfiguration<ConsultationFollowUp>
{
    public void Configure(EntityTypeBuilder<ConsultationFollowUp> b)
    {
        b.ToTable("ConsultationFollowUps");
        b.Property(f => f.Text).HasMaxLength(1000);
    }
}

public static class ConsultationTexts
{
    public static string Topic(ConsultationTopic t) => t switch
    {
        ConsultationTopic.Founding => "設立",
        ConsultationTopic.Incorporation => "法人化",
        ConsultationTopic.Management => "運営",
        ConsultationTopic.Funding => "資金・助成金",
        ConsultationTopic.Accounting => "会計・税務",
        ConsultationTopic.PublicRelations => "広報",
        ConsultationTopic.Volunteers => "人材・ボランティア",
        ConsultationTopic.Collaboration => "協働",
        _ => "その他",
    };

    public static string Channel(ConsultationChannel c) => c switch
    {
        ConsultationChannel.Online => "オンライン申込",
        ConsultationChannel.Counter => "窓口",
        _ => "電話",
    };

    public static string Preferred(PreferredContact p) => p switch
    {
        PreferredContact.Counter => "センターの窓口で",
        PreferredContact.Phone => "電話で",
        PreferredContact.Online => "オンライン（ビデオ通話）で",
        _ => "メールで",
    };

    public static string Status(ConsultationStatus s) => s switch
    {
        ConsultationStatus.Received => "受付",
        ConsultationStatus.InProgress => "対応中",
        _ => "完了",
    };
}

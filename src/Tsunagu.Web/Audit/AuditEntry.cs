using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tsunagu.Web.Audit;

/// <summary>One create, update or delete made by a signed-in person.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    /// <summary>Null for changes that belong to no city (accounts, API tokens).</summary>
    public int? CityId { get; set; }
    public required string UserId { get; set; }
    public string? UserEmail { get; set; }
    public DateTime At { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }
    /// <summary>JSON: { "Field": { "old": …, "new": … } }.</summary>
    public required string Changes { get; set; }
}

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.UserEmail).HasMaxLength(256);
        b.Property(e => e.Action).HasMaxLength(10);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityKey).HasMaxLength(200);
        b.HasIndex(e => new { e.CityId, e.At });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>
/// A photo of a room, kept in the database so every app instance serves the same file. Its bytes never change once
/// uploaded (a new photo is a new row), so its address can be cached for good.
/// </summary>
public class RoomPhoto : ICityOwned
{
    public const int MaxPerRoom = 12;
    public const int MaxAltLength = 200;

    public int Id { get; set; }
    public int CityId { get; set; }
    public int RoomId { get; set; }
    public required string ContentType { get; set; }
    /// <summary>The image's bytes (named Content so the audit log records only that it changed).</summary>
    public required byte[] Content { get; set; }
    public int Length { get; set; }
    /// <summary>What the photo shows, for people who cannot see it (screen readers read it as the image's alt text).</summary>
    public required string Alt { get; set; }
    public int SortOrder { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class RoomPhotoConfiguration : IEntityTypeConfiguration<RoomPhoto>
{
    public void Configure(EntityTypeBuilder<RoomPhoto> b)
    {
        b.ToTable("RoomPhotos");
        b.Property(x => x.ContentType).HasMaxLength(20);
        b.Property(x => x.Alt).HasMaxLength(RoomPhoto.MaxAltLength);
        b.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.RoomId, x.SortOrder });
    }
}

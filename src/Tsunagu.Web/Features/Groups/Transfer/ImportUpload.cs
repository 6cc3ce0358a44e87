using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Transfer;

/// <summary>An uploaded import file kept between its preview and its commit (so several app instances agree on it).</summary>
public class ImportUpload : ICityOwned
{
    public Guid Id { get; set; }
    public int CityId { get; set; }
    public required string UserId { get; set; }
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CommittedAt { get; set; }
}

public class ImportUploadConfiguration : IEntityTypeConfiguration<ImportUpload>
{
    public void Configure(EntityTypeBuilder<ImportUpload> b)
    {
        b.ToTable("ImportUploads");
        b.Property(u => u.FileName).HasMaxLength(260);
        b.HasOne<City>().WithMany().HasForeignKey(u => u.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
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

/// <summary>The steps every import page shares: read the posted file, and keep it between the preview and the commit.</summary>
public static class ImportUploads
{
    /// <summary>The posted file's bytes, or the problem to show beside the file field (none chosen, too large).</summary>
    public static async Task<Result<byte[]>> ReadAsync(IFormFile? file, int maxBytes, Text t, CancellationToken ct = default)
    {
        if (file is null || file.Length == 0) return Problems.Of("file", t["取り込むファイルを選んでください。"]);
        if (file.Length > maxBytes) return Problems.Of("file", t["ファイルは{0}MB以下にしてください。", maxBytes / (1024 * 1024)]);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>Keeps a checked file for its commit; only its uploader may commit it, once.</summary>
    public static async Task<Guid> KeepAsync(TsunaguDb db, string userId, string fileName, byte[] content, DateTime now, CancellationToken ct = default)
    {
        var upload = new ImportUpload { Id = Guid.NewGuid(), UserId = userId, FileName = fileName, Content = content, CreatedAt = now };
        db.ImportUploads.Add(upload);
        await db.SaveChangesAsync(ct);
        return upload.Id;
    }
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

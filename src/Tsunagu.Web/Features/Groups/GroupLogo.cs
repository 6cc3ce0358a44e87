using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tsunagu.Web.Features.Groups;

/// <summary>A group's logo image, kept in the database so every app instance serves the same file.</summary>
public class GroupLogo
{
    public int GroupId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public class GroupLogoConfiguration : IEntityTypeConfiguration<GroupLogo>
{
    public void Configure(EntityTypeBuilder<GroupLogo> b)
    {
        b.ToTable("GroupLogos");
        b.HasKey(l => l.GroupId);
        b.Property(l => l.ContentType).HasMaxLength(20);
    }
}

/// <summary>Which images a logo may be, told by the file's first bytes: a name or a browser's content type can lie.</summary>
public static class LogoImages
{
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>The image type the bytes begin with (image/png, image/jpeg or image/webp), or null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }

    public enum Problem { None, TooLarge, NotAnImage }

    /// <summary>Reads an upload and checks it: at most 2 MB, and a PNG, JPEG or WebP by content.</summary>
    public static async Task<(Problem Problem, string? ContentType, byte[]? Content)> ReadAsync(IFormFile file, CancellationToken ct = default)
    {
        if (file.Length > MaxBytes) return (Problem.TooLarge, null, null);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes) return (Problem.TooLarge, null, null);
        var bytes = buffer.ToArray();
        return Sniff(bytes) is { } type ? (Problem.None, type, bytes) : (Problem.NotAnImage, null, null);
    }
}

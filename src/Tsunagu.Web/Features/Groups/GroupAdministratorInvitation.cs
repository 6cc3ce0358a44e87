using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups;

/// <summary>
/// An invitation to become one of a group's administrators, sent to an e-mail address. Nobody becomes an administrator
/// by being named: the person signs in with an account whose confirmed address is the invited one and accepts (or
/// declines). The link's token is random; only its SHA-256 is kept, so the table alone cannot be used to accept.
/// </summary>
public class GroupAdministratorInvitation : ICityOwned
{
    /// <summary>How long an invitation can be accepted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public int Id { get; set; }
    public int CityId { get; set; }
    public int GroupId { get; set; }
    /// <summary>The address as the administrator typed it (trimmed): where the invitation is mailed.</summary>
    public required string Email { get; set; }
    /// <summary>The address as Identity normalises an account's (ILookupNormalizer), compared with AspNetUsers.NormalizedEmail.</summary>
    public required string NormalizedEmail { get; set; }
    /// <summary>Who invited; kept empty once that account is deleted (the audit log still says who it was).</summary>
    public string? InvitedByUserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? DeclinedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public Group? Group { get; set; }

    public InvitationState StateAt(DateTime now) =>
        AcceptedAt is not null ? InvitationState.Accepted
        : DeclinedAt is not null ? InvitationState.Declined
        : RevokedAt is not null ? InvitationState.Revoked
        : ExpiresAt <= now ? InvitationState.Expired
        : InvitationState.Pending;

    /// <summary>A new secret for the link (256 random bits, URL-safe) and the hash that is stored.</summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

public enum InvitationState { Pending, Accepted, Declined, Revoked, Expired }

public class GroupAdministratorInvitationConfiguration : IEntityTypeConfiguration<GroupAdministratorInvitation>
{
    public void Configure(EntityTypeBuilder<GroupAdministratorInvitation> b)
    {
        b.ToTable("GroupAdministratorInvitations");
        b.Property(i => i.Email).HasMaxLength(256);
        b.Property(i => i.NormalizedEmail).HasMaxLength(256);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.HasOne<City>().WithMany().HasForeignKey(i => i.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Group).WithMany().HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.InvitedByUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(i => i.TokenHash).IsUnique();
        // The group's pending invitations, and a person's (in every city: the personal data export and deletion).
        b.HasIndex(i => new { i.GroupId, i.NormalizedEmail });
        b.HasIndex(i => i.NormalizedEmail);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tsunagu.Web.Identity;

/// <summary>One account for a person, whatever cities they take part in.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>The city the person signed up in; their pages open there.</summary>
    public int? HomeCityId { get; set; }
    public bool IsPlatformAdmin { get; set; }
    /// <summary>Only the printed Development demo accounts: they may use staff pages without 2FA.</summary>
    public bool TwoFactorExempt { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.HasOne<Tenancy.City>().WithMany().HasForeignKey(u => u.HomeCityId).OnDelete(DeleteBehavior.SetNull);
    }
}

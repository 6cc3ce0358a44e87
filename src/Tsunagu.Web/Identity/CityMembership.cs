using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Identity;

/// <summary>A role a person holds in a city; department staff are tied to their department (担当課).</summary>
public class CityMembership : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string UserId { get; set; }
    public CityRole Role { get; set; }
    public int? DepartmentId { get; set; }
    public DateTime CreatedAt { get; set; }

    public AppUser? User { get; set; }
    public Department? Department { get; set; }
}

public static class CityMembershipQueries
{
    /// <summary>The e-mail addresses of everyone holding <paramref name="role"/> in the current city (the query filter's city), once each.</summary>
    public static Task<List<string>> EmailsOfAsync(this IQueryable<CityMembership> memberships, CityRole role, CancellationToken ct = default) =>
        memberships.Where(m => m.Role == role && m.User!.Email != null).Select(m => m.User!.Email!).Distinct().ToListAsync(ct);
}

public class CityMembershipConfiguration : IEntityTypeConfiguration<CityMembership>
{
    public void Configure(EntityTypeBuilder<CityMembership> b)
    {
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(30);
        b.HasOne<City>().WithMany().HasForeignKey(m => m.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Department).WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.CityId, m.UserId, m.Role }).IsUnique();
    }
}

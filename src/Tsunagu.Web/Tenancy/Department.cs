using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tsunagu.Web.Tenancy;

/// <summary>A department of city hall (担当課), e.g. 協働推進課.</summary>
public class Department : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int SortOrder { get; set; }
    /// <summary>部, e.g. 市民部.</summary>
    public string? Bureau { get; set; }
    /// <summary>課・室, e.g. 市民協働推進室 (when the department is a 室 within a 課, the 課 is in the name).</summary>
    public string? Section { get; set; }
    /// <summary>The first day it exists; null when it always has (as far as Tsunagu knows).</summary>
    public DateOnly? ActiveFrom { get; set; }
    /// <summary>The last day it exists: departments merge and get renamed. Its items and staff moved to <see cref="SuccessorId"/>.</summary>
    public DateOnly? ActiveTo { get; set; }
    /// <summary>The department that took over its work (Muroran's 市民活動推進課 became 地域生活課 in H24).</summary>
    public int? SuccessorId { get; set; }

    public bool IsActiveOn(DateOnly day) => (ActiveFrom is null || ActiveFrom <= day) && (ActiveTo is null || day <= ActiveTo);

    public string DisplayName(bool english) => english && !string.IsNullOrEmpty(NameEn) ? NameEn : Name;
}

public static class DepartmentQueries
{
    /// <summary>The departments that exist on <paramref name="day"/>: the only ones new work and new staff can be given to.</summary>
    public static IQueryable<Department> ActiveOn(this IQueryable<Department> departments, DateOnly day) =>
        departments.Where(d => (d.ActiveFrom == null || d.ActiveFrom <= day) && (d.ActiveTo == null || day <= d.ActiveTo));
}

public class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.NameEn).HasMaxLength(200);
        b.Property(d => d.Bureau).HasMaxLength(100);
        b.Property(d => d.Section).HasMaxLength(100);
        b.HasOne<Department>().WithMany().HasForeignKey(d => d.SuccessorId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<City>().WithMany().HasForeignKey(d => d.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.CityId, d.Name }).IsUnique();
    }
}

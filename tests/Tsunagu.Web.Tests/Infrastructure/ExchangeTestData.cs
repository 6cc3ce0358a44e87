using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>Published groups with an administrator, as needs-and-offers tests (HTTP and browser) need them.</summary>
public static class ExchangeTestData
{
    public static async Task<(AppUser Admin, int GroupId, string Name)> PublishedGroupAsync(TsunaguFactory factory, string city, string theme, params int[] fields)
    {
        var admin = await TestData.CreateUserAsync(factory, u => u.InCity(city, CityRole.GroupAdmin));
        var name = $"{theme}{Guid.NewGuid():N}"[..(theme.Length + 6)];
        var id = await TestData.WithDbAsync(factory, async db =>
        {
            var cityId = await db.Cities.Where(c => c.Slug == city).Select(c => c.Id).SingleAsync();
            var group = new Group
            {
                CityId = cityId,
                Name = name,
                NameKana = "しけん",
                Description = $"{theme}の試験をする団体です。",
                RepresentativeName = "代表",
                RepresentativeEmail = $"rep-{Guid.NewGuid():N}@example.jp",
                Status = GroupStatus.Approved,
                CreatedAt = DateTime.UtcNow,
                ApprovedAt = DateTime.UtcNow,
            };
            group.Fields.AddRange(fields.Select(f => new GroupActivityField { Field = f }));
            group.Administrators.Add(new GroupAdministrator { UserId = admin.Id, CreatedAt = DateTime.UtcNow });
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            return group.Id;
        });
        return (admin, id, name);
    }
}

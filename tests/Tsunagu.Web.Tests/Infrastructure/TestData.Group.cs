using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Tests.Infrastructure;

public static partial class TestData
{
    public sealed class GroupSpec
    {
        public string Name { get; set; } = Unique("テストの会");
        public string NameKana { get; set; } = "てすとのかい";
        public string Description { get; set; } = "テストのための団体です。";
        public GroupType Type { get; set; }
        public int? CouncilDistrictId { get; set; }
        public string RepresentativeName { get; set; } = "代表";
        public string RepresentativeEmail { get; set; } = $"rep-{Guid.NewGuid():N}@example.jp";
        public GroupStatus Status { get; set; } = GroupStatus.Approved;
        /// <summary>When it was created and, if published, approved.</summary>
        public DateTime RegisteredAt { get; set; } = DateTime.UtcNow;
        /// <summary>When it last confirmed its registration (年次更新); null for never.</summary>
        public DateTime? LastConfirmedAt { get; set; }
        public List<int> Fields { get; } = [];
        public List<string> AdministratorIds { get; } = [];

        public GroupSpec Named(string name, string? kana = null)
        {
            Name = name;
            NameKana = kana ?? NameKana;
            return this;
        }

        public GroupSpec Described(string description) { Description = description; return this; }
        /// <summary>A kind of group; a district council (まちづくり協議会) names its district.</summary>
        public GroupSpec OfType(GroupType type, int? councilDistrictId = null) { Type = type; CouncilDistrictId = councilDistrictId; return this; }
        public GroupSpec RepresentedBy(string name, string? email = null) { RepresentativeName = name; RepresentativeEmail = email ?? RepresentativeEmail; return this; }
        public GroupSpec AdministeredBy(AppUser user) => AdministeredBy(user.Id);
        public GroupSpec AdministeredBy(string userId) { AdministratorIds.Add(userId); return this; }
        /// <summary>Activity fields, 1–20 (<see cref="ActivityFields"/>).</summary>
        public GroupSpec InFields(params int[] fields) { Fields.AddRange(fields); return this; }
        public GroupSpec WithStatus(GroupStatus status) { Status = status; return this; }
        public GroupSpec Registered(DateTime at) { RegisteredAt = at; return this; }
        public GroupSpec Confirmed(DateTime at) { LastConfirmedAt = at; return this; }
    }

    /// <summary>
    /// A registered group of the city, published (approved) unless told otherwise:
    /// `await TestData.CreateGroupAsync(f, "nagato", g => g.Named("花の会").AdministeredBy(user))`. Its administrators get no
    /// role in the city by it; give them one with <see cref="UserSpec.InCity"/> where the test needs it.
    /// </summary>
    public static async Task<Group> CreateGroupAsync(TsunaguFactory factory, string city, Action<GroupSpec>? configure = null)
    {
        var spec = new GroupSpec();
        configure?.Invoke(spec);
        var published = spec.Status is GroupStatus.Approved or GroupStatus.Unpublished;
        var group = new Group
        {
            CityId = await CityIdAsync(factory, city),
            Name = spec.Name,
            NameKana = spec.NameKana,
            Type = spec.Type,
            CouncilDistrictId = spec.CouncilDistrictId,
            Description = spec.Description,
            RepresentativeName = spec.RepresentativeName,
            RepresentativeEmail = spec.RepresentativeEmail,
            Status = spec.Status,
            CreatedAt = spec.RegisteredAt,
            ApprovedAt = published ? spec.RegisteredAt : null,
            ConfirmedAt = spec.LastConfirmedAt,
            // As GroupService keeps it, so the directory's search finds the group.
            SearchText = SearchText.Of(spec.Name, spec.NameKana, spec.Description),
        };
        group.Fields.AddRange(spec.Fields.Select(f => new GroupActivityField { Field = f }));
        group.Administrators.AddRange(spec.AdministratorIds.Select(id => new GroupAdministrator { UserId = id, CreatedAt = DateTime.UtcNow }));
        return await AddAsync(factory, group);
    }
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Features.Groups;

/// <summary>The public directory: only published groups, only their public fields.</summary>
public class GroupDirectory(TsunaguDb db)
{
    public const int PageSize = 20;

    public sealed record Query(string? Q, int? Field, int? District, GroupType? Type, bool Recruiting, string? Sort, int Page);

    /// <summary>What anyone may see of a group: never the representative's contact.</summary>
    public sealed record PublicGroup(
        int Id, string Name, string NameKana, string Type, string Description, IReadOnlyList<int> Fields, IReadOnlyList<int> Districts,
        string? MeetingSchedule, string? MeetingPlace, int? MemberCount, DateOnly? FoundedOn, string? Fees, string? Website, string? SocialLinks,
        bool RecruitingVolunteers, string? PublicContactName, string? PublicEmail, string? PublicPhone, int? CouncilDistrictId, bool IsDemo,
        DateTime? LogoUpdatedAt)
    {
        /// <summary>The logo's address, versioned so a changed logo is fetched again; null when there is none.</summary>
        public string? LogoUrl(string citySlug) => LogoUpdatedAt is { } at ? $"/{citySlug}/groups/{Id}/logo?v={at.Ticks}" : null;
    }

    public sealed record Result(IReadOnlyList<PublicGroup> Groups, int Total, int Page, int Pages);

    public async Task<Result> SearchAsync(Query query, CancellationToken ct = default)
    {
        var groups = db.Groups.AsNoTracking().Where(g => g.Status == GroupStatus.Approved);
        // Field and district narrow the search first: their ids come from the indexed link tables in one small query,
        // and the word search then reads only those groups by key. Handing the database the ids, rather than a
        // subquery, keeps PostgreSQL's planner from scanning every group of a large city for the words first.
        IQueryable<int>? candidates = null;
        if (query.Field is { } field)
            candidates = db.Set<GroupActivityField>().Where(f => f.Field == field).Select(f => f.GroupId);
        if (query.District is { } district)
        {
            var inDistrict = db.Set<GroupDistrict>().Where(d => d.DistrictId == district).Select(d => d.GroupId)
                .Union(db.Groups.Where(g => g.CouncilDistrictId == district).Select(g => g.Id));
            candidates = candidates is null ? inDistrict : candidates.Intersect(inDistrict);
        }
        if (candidates is not null)
        {
            var ids = await candidates.ToListAsync(ct);
            groups = groups.Where(g => ids.Contains(g.Id));
        }
        foreach (var word in SearchText.Words(query.Q))
            groups = groups.Where(g => g.SearchText.Contains(word));
        if (query.Type is { } type) groups = groups.Where(g => g.Type == type);
        if (query.Recruiting) groups = groups.Where(g => g.RecruitingVolunteers);

        var total = await groups.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        groups = query.Sort == "new" ? groups.OrderByDescending(g => g.ApprovedAt).ThenBy(g => g.Id) : groups.OrderBy(g => g.NameKana == "" ? g.Name : g.NameKana).ThenBy(g => g.Id);
        var rows = await Project(groups.Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return new Result(rows, total, page, pages);
    }

    public Task<PublicGroup?> FindAsync(int id, CancellationToken ct = default) =>
        Project(db.Groups.AsNoTracking().Where(g => g.Id == id && g.Status == GroupStatus.Approved)).FirstOrDefaultAsync(ct);

    private static IQueryable<PublicGroup> Project(IQueryable<Group> groups) => groups.Select(g => new PublicGroup(
        g.Id, g.Name, g.NameKana, g.Type.ToString(), g.Description,
        g.Fields.OrderBy(f => f.Field).Select(f => f.Field).ToList(), g.Districts.Select(d => d.DistrictId).ToList(),
        g.MeetingSchedule, g.MeetingPlace, g.MemberCount, g.FoundedOn, g.Fees, g.Website, g.SocialLinks,
        g.RecruitingVolunteers, g.PublicContactName, g.PublicEmail, g.PublicPhone, g.CouncilDistrictId, g.IsDemo, g.LogoUpdatedAt));
}

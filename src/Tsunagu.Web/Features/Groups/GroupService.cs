using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups;

/// <summary>
/// The group registry's rules: an application is a draft owned by its applicant until submitted;
/// centre staff approve it (published), return it for correction, or reject it.
/// </summary>
public class GroupService(TsunaguDb db, CurrentCity currentCity, Outbox outbox, Text t, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The applicant's draft or returned application, if they have one; else a new draft.</summary>
    public async Task<Group> StartOrResumeAsync(AppUser applicant)
    {
        var open = await db.Groups.Where(g => g.ApplicantUserId == applicant.Id && (g.Status == GroupStatus.Draft || g.Status == GroupStatus.Returned))
            .OrderByDescending(g => g.Id).FirstOrDefaultAsync();
        if (open is not null) return open;
        var draft = new Group
        {
            // A placeholder name keeps the unique index satisfied until the applicant names the group.
            Name = $"（作成中）{Guid.NewGuid():N}"[..20],
            NameKana = "",
            Description = "",
            RepresentativeName = applicant.DisplayName,
            RepresentativeEmail = applicant.Email ?? "",
            ApplicantUserId = applicant.Id,
            Status = GroupStatus.Draft,
            CreatedAt = Now,
        };
        db.Groups.Add(draft);
        await db.SaveChangesAsync();
        return draft;
    }

    /// <summary>
    /// What a person may edit: their own application while it is a draft or returned for correction,
    /// and a published group they administer (its profile, kept current by its administrators).
    /// </summary>
    public Task<Group?> FindEditableAsync(int id, string userId) =>
        db.Groups.Include(g => g.Fields).Include(g => g.Districts)
            .FirstOrDefaultAsync(g => g.Id == id && (
                (g.ApplicantUserId == userId && (g.Status == GroupStatus.Draft || g.Status == GroupStatus.Returned))
                || (g.Status == GroupStatus.Approved && g.Administrators.Any(a => a.UserId == userId))));

    public Task<bool> IsAdministratorAsync(int groupId, string userId) =>
        db.Groups.AnyAsync(g => g.Id == groupId && g.Administrators.Any(a => a.UserId == userId));

    public Task<bool> NameTakenAsync(string name, int exceptId) =>
        db.Groups.AnyAsync(g => g.Name == name && g.Id != exceptId);

    public static bool IsPlaceholderName(string name) => name.StartsWith("（作成中）", StringComparison.Ordinal);

    public async Task SaveAsync(Group group, IEnumerable<int>? fields = null, IEnumerable<int>? districts = null)
    {
        if (fields is not null)
        {
            group.Fields.Clear();
            group.Fields.AddRange(fields.Distinct().Where(f => ActivityFields.Find(f) is not null).Select(f => new GroupActivityField { GroupId = group.Id, Field = f }));
        }
        if (districts is not null)
        {
            // Only this city's districts: the query filter drops any other id a form might carry.
            var valid = await db.Districts.Where(d => districts.Contains(d.Id)).Select(d => d.Id).ToListAsync();
            group.Districts.Clear();
            group.Districts.AddRange(valid.Select(d => new GroupDistrict { GroupId = group.Id, DistrictId = d }));
        }
        group.SearchText = SearchText.Of(group.Name, group.NameKana, group.Description, group.MeetingPlace);
        // An administrator updating a published profile also confirms the registration for the year.
        if (group.Status == GroupStatus.Approved) group.ConfirmedAt = Now;
        await db.SaveChangesAsync();
    }

    /// <summary>Replaces the group's logo (null removes it); saved with the group's next save.</summary>
    public async Task SetLogoAsync(Group group, string? contentType, byte[]? content)
    {
        var logo = await db.Set<GroupLogo>().FirstOrDefaultAsync(l => l.GroupId == group.Id);
        if (content is null || contentType is null)
        {
            if (logo is not null) db.Remove(logo);
            group.LogoUpdatedAt = null;
            return;
        }
        if (logo is null) db.Add(logo = new GroupLogo { GroupId = group.Id, ContentType = contentType, Content = content });
        logo.ContentType = contentType;
        logo.Content = content;
        logo.UpdatedAt = Now;
        group.LogoUpdatedAt = logo.UpdatedAt;
    }

    /// <summary>
    /// A group's logo: the public see a published group's; its editors and centre staff also see one under review.
    /// </summary>
    public Task<GroupLogo?> LogoAsync(int groupId, bool publishedOnly) =>
        db.Groups.AsNoTracking().Where(g => g.Id == groupId && (!publishedOnly || g.Status == GroupStatus.Approved))
            .Select(g => g.Logo).FirstOrDefaultAsync();

    public sealed record Administrator(string UserId, string DisplayName, string? Email);

    public enum AdministratorChange { Done, LastOne }

    /// <summary>The group's administrators (the group is looked up through the city filter first).</summary>
    public Task<List<Administrator>> AdministratorsAsync(int groupId) =>
        (from a in db.Set<GroupAdministrator>()
         where a.GroupId == groupId && db.Groups.Any(g => g.Id == groupId)
         join u in db.Users on a.UserId equals u.Id
         orderby u.DisplayName
         select new Administrator(u.Id, u.DisplayName, u.Email)).ToListAsync();

    /// <summary>Removes an administrator; a group always keeps at least one.</summary>
    public async Task<AdministratorChange> RemoveAdministratorAsync(Group group, string userId)
    {
        var admins = await db.Set<GroupAdministrator>().Where(a => a.GroupId == group.Id).ToListAsync();
        if (admins.Find(a => a.UserId == userId) is not { } admin) return AdministratorChange.Done;
        if (admins.Count == 1) return AdministratorChange.LastOne;
        db.Remove(admin);
        await db.SaveChangesAsync();
        return AdministratorChange.Done;
    }

    /// <summary>What is still missing before an application can be submitted (field name → message).</summary>
    /// <summary>What the application still lacks, by the journey step (about, contact) where it is filled in.</summary>
    public Problems MissingForSubmission(Group g)
    {
        var missing = new Problems();
        if (IsPlaceholderName(g.Name) || string.IsNullOrWhiteSpace(g.NameKana)) missing.Add("about", t["団体名とふりがなを入力してください。"]);
        if (string.IsNullOrWhiteSpace(g.Description)) missing.Add("about", t["活動内容を入力してください。"]);
        if (g.Fields.Count == 0) missing.Add("about", t["活動分野を1つ以上選んでください。"]);
        if (string.IsNullOrWhiteSpace(g.RepresentativeName) || string.IsNullOrWhiteSpace(g.RepresentativeEmail)) missing.Add("contact", t["代表者の氏名とメールアドレスを入力してください。"]);
        return missing;
    }

    public async Task SubmitAsync(Group group)
    {
        group.Status = GroupStatus.Submitted;
        group.SubmittedAt = Now;
        group.ReviewComment = null;
        outbox.Enqueue(group.RepresentativeEmail, t["【つなぐ】団体登録の申請を受け付けました"],
            t["{0} 様\n\n「{1}」の団体登録の申請を受け付けました。{2}で内容を確認し、結果をお知らせします。", group.RepresentativeName, group.Name, currentCity.Required.CentreName]);
        await db.SaveChangesAsync();
    }

    public Task<List<Group>> ForApplicantAsync(string applicantId) =>
        db.Groups.AsNoTracking().Where(g => (g.ApplicantUserId == applicantId && g.Status != GroupStatus.Approved && g.Status != GroupStatus.Unpublished)
                || g.Administrators.Any(a => a.UserId == applicantId))
            .OrderByDescending(g => g.Id).ToListAsync();

    // --- Review by centre staff ---

    public Task<List<Group>> ForReviewAsync(GroupStatus status) =>
        db.Groups.AsNoTracking().Where(g => g.Status == status).OrderBy(g => g.SubmittedAt).ToListAsync();

    public Task<Group?> FindAsync(int id) =>
        db.Groups.Include(g => g.Fields).Include(g => g.Districts).Include(g => g.Administrators).FirstOrDefaultAsync(g => g.Id == id);

    public enum ReviewDecision { Approve, Return, Reject }

    /// <summary>Approving publishes the group and makes its applicant its administrator; every decision is mailed to the applicant.</summary>
    public async Task<bool> ReviewAsync(Group group, ReviewDecision decision, string? comment)
    {
        if (group.Status != GroupStatus.Submitted) return false;
        var city = currentCity.Required;
        switch (decision)
        {
            case ReviewDecision.Approve:
                group.Status = GroupStatus.Approved;
                group.ApprovedAt = group.ConfirmedAt = Now;
                group.ReviewComment = comment;
                if (group.ApplicantUserId is { } applicant && group.Administrators.All(a => a.UserId != applicant))
                {
                    group.Administrators.Add(new GroupAdministrator { GroupId = group.Id, UserId = applicant, CreatedAt = Now });
                    if (!await db.CityMemberships.AnyAsync(m => m.UserId == applicant && m.Role == CityRole.GroupAdmin))
                        db.CityMemberships.Add(new CityMembership { UserId = applicant, Role = CityRole.GroupAdmin, CreatedAt = Now });
                }
                outbox.Enqueue(group.RepresentativeEmail, t["【つなぐ】団体登録が承認されました"],
                    t["{0} 様\n\n「{1}」の団体登録が承認され、{2}の団体一覧に掲載されました。", group.RepresentativeName, group.Name, city.Name]);
                break;
            case ReviewDecision.Return:
                group.Status = GroupStatus.Returned;
                group.ReviewComment = comment;
                outbox.Enqueue(group.RepresentativeEmail, t["【つなぐ】団体登録の申請内容の修正をお願いします"],
                    t["{0} 様\n\n「{1}」の団体登録の申請について、次の点の修正をお願いします。\n\n{2}\n\nつなぐにサインインし、申請内容を修正して再度申請してください。", group.RepresentativeName, group.Name, comment ?? ""]);
                break;
            case ReviewDecision.Reject:
                group.Status = GroupStatus.Rejected;
                group.ReviewComment = comment;
                outbox.Enqueue(group.RepresentativeEmail, t["【つなぐ】団体登録の申請について"],
                    t["{0} 様\n\n「{1}」の団体登録の申請は、次の理由により登録できませんでした。\n\n{2}", group.RepresentativeName, group.Name, comment ?? ""]);
                break;
        }
        await db.SaveChangesAsync();
        return true;
    }
}

public static class GroupStatusText
{
    public static string Japanese(GroupStatus status) => status switch
    {
        GroupStatus.Draft => "作成中",
        GroupStatus.Submitted => "審査中",
        GroupStatus.Returned => "修正のお願い",
        GroupStatus.Approved => "登録済み（公開中）",
        GroupStatus.Rejected => "登録できませんでした",
        _ => "非公開",
    };
}

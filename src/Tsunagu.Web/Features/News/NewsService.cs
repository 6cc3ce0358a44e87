using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;

namespace Tsunagu.Web.Features.News;

/// <summary>
/// The centre's information hub (情報収集と提供): news, grant notices and case studies. The public
/// sees published items only; staff see drafts too. The city query filter keeps each city to its own.
/// </summary>
public class NewsService(TsunaguDb db, TimeProvider clock)
{
    public const int PageSize = 20;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in Asia/Tokyo: a notice is open until the end of its deadline there.</summary>
    public DateOnly Today => Tsunagu.Web.Shared.Display.Today(clock);

    public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int Pages);

    public sealed record GroupLink(int Id, string Name);

    // ---- news ----

    public async Task<Page<NewsItem>> NewsPageAsync(int page, bool includeDrafts = false, CancellationToken ct = default)
    {
        var query = db.Set<NewsItem>().AsNoTracking().Where(n => includeDrafts || n.IsPublished);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var number = Math.Clamp(page, 1, pages);
        var items = await query.OrderByDescending(n => n.PublishedOn).ThenByDescending(n => n.Id)
            .Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new Page<NewsItem>(items, total, number, pages);
    }

    /// <summary>For staff: the latest 200, drafts included.</summary>
    public Task<List<NewsItem>> StaffNewsAsync(CancellationToken ct = default) =>
        db.Set<NewsItem>().AsNoTracking().OrderByDescending(n => n.PublishedOn).ThenByDescending(n => n.Id).Take(200).ToListAsync(ct);

    public Task<NewsItem?> FindNewsAsync(int id, bool includeDrafts = false, CancellationToken ct = default) =>
        db.Set<NewsItem>().FirstOrDefaultAsync(n => n.Id == id && (includeDrafts || n.IsPublished), ct);

    /// <summary>A published group's public name, for a link; null for a draft, refused or missing group.</summary>
    public async Task<GroupLink?> PublicGroupAsync(int? groupId, CancellationToken ct = default) =>
        groupId is { } id ? (await PublicGroupsAsync([id], ct)).FirstOrDefault() : null;

    public async Task<List<GroupLink>> PublicGroupsAsync(IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        ids.Count == 0 ? [] : await db.Groups.AsNoTracking().Where(g => ids.Contains(g.Id) && g.Status == GroupStatus.Approved)
            .OrderBy(g => g.NameKana).Select(g => new GroupLink(g.Id, g.Name)).ToListAsync(ct);

    /// <summary>Published groups to choose from in the staff forms.</summary>
    public Task<List<GroupLink>> GroupChoicesAsync(CancellationToken ct = default) =>
        db.Groups.AsNoTracking().Where(g => g.Status == GroupStatus.Approved).OrderBy(g => g.NameKana)
            .Select(g => new GroupLink(g.Id, g.Name)).ToListAsync(ct);

    public async Task SaveNewsAsync(NewsItem item, CancellationToken ct = default)
    {
        item.GroupId = await ValidGroupAsync(item.GroupId, ct);
        item.SearchText = Groups.SearchText.Of(item.Title, item.Body);
        item.UpdatedAt = Now;
        if (item.Id == 0)
        {
            item.CreatedAt = Now;
            db.Add(item);
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<int?> ValidGroupAsync(int? groupId, CancellationToken ct) =>
        groupId is { } id && await db.Groups.AnyAsync(g => g.Id == id, ct) ? id : null;

    /// <summary>What the group page shows: its latest published news and the published cases it appears in.</summary>
    public sealed record GroupHub(IReadOnlyList<NewsItem> News, IReadOnlyList<CaseStudy> Cases);

    public async Task<GroupHub> ForGroupAsync(int groupId, CancellationToken ct = default)
    {
        var news = await db.Set<NewsItem>().AsNoTracking().Where(n => n.IsPublished && n.GroupId == groupId)
            .OrderByDescending(n => n.PublishedOn).ThenByDescending(n => n.Id).Take(5).ToListAsync(ct);
        var caseIds = db.Set<CaseStudyGroup>().Where(g => g.GroupId == groupId).Select(g => g.CaseStudyId);
        var cases = await db.Set<CaseStudy>().AsNoTracking().Where(c => c.IsPublished && caseIds.Contains(c.Id))
            .OrderByDescending(c => c.FiscalYear).ThenByDescending(c => c.Id).Take(10).ToListAsync(ct);
        return new GroupHub(news, cases);
    }

    // ---- grant notices ----

    /// <summary>Open notices first (nearest deadline first), then closed ones (latest deadline first).</summary>
    public async Task<List<GrantNotice>> GrantsAsync(bool includeDrafts = false, CancellationToken ct = default)
    {
        var today = Today;
        var all = await db.Set<GrantNotice>().AsNoTracking().Where(g => includeDrafts || g.IsPublished).ToListAsync(ct);
        return all.Where(g => g.IsOpen(today)).OrderBy(g => g.Deadline).ThenBy(g => g.Id)
            .Concat(all.Where(g => !g.IsOpen(today)).OrderByDescending(g => g.Deadline).ThenByDescending(g => g.Id)).ToList();
    }

    public Task<GrantNotice?> FindGrantAsync(int id, bool includeDrafts = false, CancellationToken ct = default) =>
        db.Set<GrantNotice>().FirstOrDefaultAsync(g => g.Id == id && (includeDrafts || g.IsPublished), ct);

    public async Task SaveGrantAsync(GrantNotice notice, CancellationToken ct = default)
    {
        notice.SearchText = Groups.SearchText.Of(notice.Title, notice.Funder, notice.AmountNote, notice.Eligibility, notice.Description);
        notice.UpdatedAt = Now;
        if (notice.Id == 0)
        {
            notice.CreatedAt = Now;
            db.Add(notice);
        }
        await db.SaveChangesAsync(ct);
    }

    // ---- case studies ----

    /// <summary>For staff: the latest 200, drafts included.</summary>
    public Task<List<CaseStudy>> StaffCasesAsync(CancellationToken ct = default) =>
        db.Set<CaseStudy>().AsNoTracking().OrderByDescending(c => c.PublishedOn).ThenByDescending(c => c.Id).Take(200).ToListAsync(ct);

    public async Task<List<CaseStudy>> CasesAsync(int? field, CollaborationForm? form, CaseKind? kind, bool includeDrafts = false, CancellationToken ct = default)
    {
        var cases = db.Set<CaseStudy>().AsNoTracking().Where(c => includeDrafts || c.IsPublished);
        if (field is { } f)
        {
            var withField = db.Set<CaseStudyField>().Where(x => x.Field == f).Select(x => x.CaseStudyId);
            cases = cases.Where(c => withField.Contains(c.Id));
        }
        if (form is { } fm)
        {
            var withForm = db.Set<CaseStudyForm>().Where(x => x.Form == fm).Select(x => x.CaseStudyId);
            cases = cases.Where(c => withForm.Contains(c.Id));
        }
        if (kind is { } k) cases = cases.Where(c => c.Kind == k);
        return await cases.Include(c => c.Fields).Include(c => c.Forms).AsSplitQuery()
            .OrderByDescending(c => c.FiscalYear).ThenByDescending(c => c.PublishedOn).ThenByDescending(c => c.Id).Take(200).ToListAsync(ct);
    }

    public Task<CaseStudy?> FindCaseAsync(int id, bool includeDrafts = false, CancellationToken ct = default) =>
        db.Set<CaseStudy>().Include(c => c.Groups).Include(c => c.Fields).Include(c => c.Forms).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id && (includeDrafts || c.IsPublished), ct);

    /// <summary>Saves a case with its groups (only groups of this city), fields (1–20) and forms.</summary>
    public async Task SaveCaseAsync(CaseStudy study, IEnumerable<int> groupIds, IEnumerable<int> fields, IEnumerable<CollaborationForm> forms, CancellationToken ct = default)
    {
        var wanted = groupIds.Distinct().ToList();
        var valid = await db.Groups.Where(g => wanted.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        study.Groups.RemoveAll(g => !valid.Contains(g.GroupId));
        foreach (var id in valid.Where(id => study.Groups.All(g => g.GroupId != id)))
            study.Groups.Add(new CaseStudyGroup { GroupId = id });
        var fieldList = fields.Where(f => ActivityFields.Find(f) is not null).Distinct().ToList();
        study.Fields.RemoveAll(f => !fieldList.Contains(f.Field));
        foreach (var f in fieldList.Where(f => study.Fields.All(x => x.Field != f)))
            study.Fields.Add(new CaseStudyField { Field = f });
        var formList = forms.Distinct().ToList();
        study.Forms.RemoveAll(f => !formList.Contains(f.Form));
        foreach (var f in formList.Where(f => study.Forms.All(x => x.Form != f)))
            study.Forms.Add(new CaseStudyForm { Form = f });

        var fieldNames = fieldList.Select(f => ActivityFields.Find(f)!.ShortName);
        var formNames = formList.Select(CollaborationForms.Japanese);
        study.SearchText = Groups.SearchText.Of([study.Title, study.Summary, study.Body, .. fieldNames, .. formNames]);
        study.UpdatedAt = Now;
        if (study.Id == 0)
        {
            study.CreatedAt = Now;
            db.Add(study);
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync<T>(T entity, CancellationToken ct = default) where T : class
    {
        db.Remove(entity);
        await db.SaveChangesAsync(ct);
    }
}

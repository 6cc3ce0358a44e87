using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.TalentBank;

/// <summary>
/// The talent bank's rules: people and group administrators register entries, which the centre publishes;
/// requests go to the centre, which relays them to the registrant and tells the requester how it goes.
/// </summary>
public class TalentBankService(TsunaguDb db, CurrentCity currentCity, Outbox outbox, PublicLinks links, GroupService groups, Text t, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private string Slug => currentCity.Required.Slug;

    // --- Registering ---

    public sealed record Registration(
        int? GroupId, TalentKind Kind, string DisplayName, string Subjects, IReadOnlyList<int> Fields, string Profile,
        string FeeText, int? FeeYen, IReadOnlyList<int> Districts, bool CityWide, bool Online, string Times, string? ContactPhone);

    /// <summary>The published groups the person administers: the ones they may register or request for.</summary>
    public Task<List<Group>> AdministeredGroupsAsync(string userId, CancellationToken ct = default) =>
        db.Groups.AsNoTracking().Where(g => g.Status == GroupStatus.Approved && g.Administrators.Any(a => a.UserId == userId))
            .OrderBy(g => g.Name).ToListAsync(ct);

    /// <summary>The person's own entry and the entries of the groups they administer.</summary>
    public Task<List<TalentEntry>> MineAsync(string userId, CancellationToken ct = default) =>
        Entries().Where(e => (e.GroupId == null && e.UserId == userId)
                || (e.GroupId != null && db.Groups.Any(g => g.Id == e.GroupId && g.Administrators.Any(a => a.UserId == userId))))
            .OrderBy(e => e.GroupId).ThenBy(e => e.Id).ToListAsync(ct);

    /// <summary>An entry the person may change: their own, or their group's while they administer it.</summary>
    public async Task<TalentEntry?> EditableAsync(int id, string userId, CancellationToken ct = default) =>
        (await MineAsync(userId, ct)).FirstOrDefault(e => e.Id == id);

    /// <summary>
    /// Creates or updates the person's (or group's) one entry. Any change sends it back to the centre for review,
    /// so nothing reaches the public page unchecked. Returns null when the person may not register for that group.
    /// </summary>
    public async Task<TalentEntry?> SaveAsync(string userId, Registration r, CancellationToken ct = default)
    {
        if (r.GroupId is { } groupId && !await groups.IsAdministratorAsync(groupId, userId)) return null;
        var entry = await Entries().FirstOrDefaultAsync(e => r.GroupId == null ? e.GroupId == null && e.UserId == userId : e.GroupId == r.GroupId, ct);
        var isNew = entry is null;
        if (entry is null)
        {
            entry = new TalentEntry { DisplayName = "", Subjects = "", Profile = "", FeeText = "", Times = "", GroupId = r.GroupId, CreatedAt = Now };
            db.Add(entry);
        }
        var districts = await db.Districts.Where(d => r.Districts.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
        var fields = r.Fields.Distinct().Where(f => ActivityFields.Find(f) is not null).ToList();
        entry.UserId = userId;
        entry.Kind = r.Kind;
        entry.DisplayName = r.DisplayName.Trim();
        entry.Subjects = r.Subjects.Trim();
        entry.Profile = r.Profile.Trim();
        entry.FeeText = r.FeeText.Trim();
        entry.FeeYen = r.FeeYen;
        entry.CityWide = r.CityWide;
        entry.Online = r.Online;
        entry.Times = r.Times.Trim();
        entry.ContactPhone = r.ContactPhone;
        entry.Status = TalentStatus.Pending;
        entry.PublishedAt = null;
        entry.UpdatedAt = Now;
        entry.Fields.RemoveAll(f => !fields.Contains(f.Field));
        entry.Fields.AddRange(fields.Where(f => entry.Fields.All(x => x.Field != f)).Select(f => new TalentEntryField { Field = f }));
        entry.Districts.RemoveAll(d => !districts.Contains(d.DistrictId));
        entry.Districts.AddRange(districts.Where(d => entry.Districts.All(x => x.DistrictId != d)).Select(d => new TalentEntryDistrict { DistrictId = d }));
        entry.SearchText = SearchTextOf(entry);
        await NotifyCentreAsync(t["【つなぐ】人材バンクの登録を確認してください"],
            t["人材バンクに「{0}」の{1}がありました。内容を確認し、公開してください。\n\n{2}", entry.DisplayName, isNew ? t["新しい登録"] : t["登録内容の変更"], links.For($"/{Slug}/admin/talent")], ct);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public static string SearchTextOf(TalentEntry e) =>
        SearchText.Of([e.DisplayName, e.Subjects, e.Profile, .. e.Fields.Select(f => ActivityFields.Find(f.Field)?.ShortName)]);

    /// <summary>The registrant takes the entry off the bank; open requests stay with the centre to close.</summary>
    public async Task WithdrawAsync(TalentEntry entry, CancellationToken ct = default)
    {
        entry.Status = TalentStatus.Withdrawn;
        entry.PublishedAt = null;
        entry.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
    }

    // --- Searching (public) ---

    public const int PageSize = 20;

    public sealed record Query(string? Q, int? Field, int? District, TalentKind? Kind, int Page);

    /// <summary>What anyone may see of an entry: never the registrant's account, e-mail or phone.</summary>
    public sealed record PublicEntry(
        int Id, TalentKind Kind, string DisplayName, string Subjects, string Profile, string FeeText, int? FeeYen,
        bool CityWide, bool Online, string Times, bool IsGroup, bool IsDemo, IReadOnlyList<int> Fields, IReadOnlyList<int> Districts);

    public sealed record Result(IReadOnlyList<PublicEntry> Entries, int Total, int Page, int Pages);

    public async Task<Result> SearchAsync(Query query, CancellationToken ct = default)
    {
        var entries = db.Set<TalentEntry>().AsNoTracking().Where(e => e.Status == TalentStatus.Published);
        if (query.Field is { } field)
            entries = entries.Where(e => e.Fields.Any(f => f.Field == field));
        // Someone who goes anywhere in the city is found from every district.
        if (query.District is { } district)
            entries = entries.Where(e => e.CityWide || e.Districts.Any(d => d.DistrictId == district));
        if (query.Kind is { } kind)
            entries = entries.Where(e => e.Kind == kind);
        foreach (var word in SearchText.Words(query.Q))
            entries = entries.Where(e => e.SearchText.Contains(word));

        var total = await entries.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var rows = await Project(entries.OrderByDescending(e => e.PublishedAt).ThenBy(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return new Result(rows, total, page, pages);
    }

    public Task<PublicEntry?> FindPublishedAsync(int id, CancellationToken ct = default) =>
        Project(db.Set<TalentEntry>().AsNoTracking().Where(e => e.Id == id && e.Status == TalentStatus.Published)).FirstOrDefaultAsync(ct);

    private static IQueryable<PublicEntry> Project(IQueryable<TalentEntry> entries) => entries.Select(e => new PublicEntry(
        e.Id, e.Kind, e.DisplayName, e.Subjects, e.Profile, e.FeeText, e.FeeYen, e.CityWide, e.Online, e.Times, e.GroupId != null, e.IsDemo,
        e.Fields.OrderBy(f => f.Field).Select(f => f.Field).ToList(), e.Districts.Select(d => d.DistrictId).ToList()));

    // --- Requests ---

    public sealed record RequestInput(int? GroupId, string Purpose, string PreferredDates, int? Participants, string? Message);

    /// <summary>Records the request and tells the centre; returns null when the group is not one the requester administers.</summary>
    public async Task<TalentRequest?> RequestAsync(PublicEntry entry, string requesterUserId, RequestInput input, CancellationToken ct = default)
    {
        if (input.GroupId is { } groupId && !await groups.IsAdministratorAsync(groupId, requesterUserId)) return null;
        var request = new TalentRequest
        {
            EntryId = entry.Id,
            RequesterUserId = requesterUserId,
            GroupId = input.GroupId,
            Purpose = input.Purpose.Trim(),
            PreferredDates = input.PreferredDates.Trim(),
            Participants = input.Participants,
            Message = Clean(input.Message),
            Status = TalentRequestStatus.Received,
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        db.Add(request);
        await NotifyCentreAsync(t["【つなぐ】人材バンクへの依頼がありました"],
            t["人材バンクの「{0}」への依頼がありました。\n\n依頼の内容：{1}\n希望する日時：{2}\n\n{3}", entry.DisplayName, request.Purpose, request.PreferredDates, links.For($"/{Slug}/admin/talent#requests")], ct);
        if (await db.Users.Where(u => u.Id == requesterUserId).Select(u => u.Email).FirstOrDefaultAsync(ct) is { } email)
            outbox.Enqueue(email, t["【つなぐ】人材バンクへの依頼を受け付けました"],
                t["「{0}」への依頼を受け付けました。{1}が登録者と調整し、結果をお知らせします。\n\n{2}", entry.DisplayName, currentCity.Required.CentreName, links.For($"/{Slug}/talent/requests")]);
        await db.SaveChangesAsync(ct);
        return request;
    }

    public sealed record MyRequest(TalentRequest Request, string EntryName);

    public async Task<List<MyRequest>> RequestsOfAsync(string requesterUserId, CancellationToken ct = default)
    {
        var rows = await db.Set<TalentRequest>().AsNoTracking().Where(r => r.RequesterUserId == requesterUserId).OrderByDescending(r => r.CreatedAt)
            .Select(r => new { Request = r, EntryName = db.Set<TalentEntry>().Where(e => e.Id == r.EntryId).Select(e => e.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.Select(x => new MyRequest(x.Request, x.EntryName ?? "")).ToList();
    }

    /// <summary>The requester calls it off while it is still open; the centre is told.</summary>
    public async Task<bool> CancelAsync(int requestId, string requesterUserId, CancellationToken ct = default)
    {
        var request = await db.Set<TalentRequest>().FirstOrDefaultAsync(r => r.Id == requestId && r.RequesterUserId == requesterUserId, ct);
        if (request is not { IsOpen: true }) return false;
        request.Status = TalentRequestStatus.Cancelled;
        request.UpdatedAt = Now;
        await NotifyCentreAsync(t["【つなぐ】人材バンクへの依頼が取り消されました"],
            t["人材バンクへの依頼（受付番号 {0}）が、依頼者によって取り消されました。\n\n{1}", request.Id, links.For($"/{Slug}/admin/talent#requests")], ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    // --- Centre staff ---

    /// <summary>An entry as the centre sees it: with who registered it and how to reach them.</summary>
    public sealed record StaffEntry(TalentEntry Entry, string? RegistrantName, string? RegistrantEmail, string? GroupName);

    public sealed record StaffRequest(TalentRequest Request, StaffEntry Entry, string RequesterName, string? RequesterEmail, string? GroupName);

    public async Task<List<StaffEntry>> EntriesForStaffAsync(CancellationToken ct = default)
    {
        var entries = await Entries().AsNoTracking()
            .OrderBy(e => e.Status == TalentStatus.Pending ? 0 : e.Status == TalentStatus.Published ? 1 : 2).ThenByDescending(e => e.UpdatedAt)
            .Take(500).ToListAsync(ct);
        return await WithContactsAsync(entries, ct);
    }

    public async Task<List<StaffRequest>> RequestsForStaffAsync(CancellationToken ct = default)
    {
        var requests = await db.Set<TalentRequest>().AsNoTracking()
            .OrderBy(r => r.Status == TalentRequestStatus.Received ? 0 : r.Status == TalentRequestStatus.Forwarded ? 1 : 2).ThenByDescending(r => r.CreatedAt)
            .Take(200).ToListAsync(ct);
        var entryIds = requests.Select(r => r.EntryId).Distinct().ToList();
        var entries = (await WithContactsAsync(await Entries().AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToListAsync(ct), ct)).ToDictionary(e => e.Entry.Id);
        var userIds = requests.Select(r => r.RequesterUserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.DisplayName, u.Email), ct);
        var groupIds = requests.Where(r => r.GroupId != null).Select(r => r.GroupId!.Value).Distinct().ToList();
        var groupNames = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        return requests.Select(r => new StaffRequest(r, entries[r.EntryId], users.GetValueOrDefault(r.RequesterUserId).DisplayName ?? "",
            users.GetValueOrDefault(r.RequesterUserId).Email, r.GroupId is { } g ? groupNames.GetValueOrDefault(g) : null)).ToList();
    }

    private async Task<List<StaffEntry>> WithContactsAsync(List<TalentEntry> entries, CancellationToken ct)
    {
        var userIds = entries.Where(e => e.UserId != null).Select(e => e.UserId!).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.DisplayName, u.Email), ct);
        var groupIds = entries.Where(e => e.GroupId != null).Select(e => e.GroupId!.Value).Distinct().ToList();
        var groupNames = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        return entries.Select(e => new StaffEntry(e,
            e.UserId is { } u && users.TryGetValue(u, out var user) ? user.DisplayName : null,
            e.UserId is { } u2 && users.TryGetValue(u2, out var user2) ? user2.Email : null,
            e.GroupId is { } g ? groupNames.GetValueOrDefault(g) : null)).ToList();
    }

    public enum StaffChange { NotFound, Done, NotAllowed }

    /// <summary>
    /// Publishing puts a reviewed entry on the public bank; withdrawing takes it off. Only an entry awaiting review can be
    /// published: one its registrant withdrew comes back only when they register it again. The registrant is told either way.
    /// </summary>
    public async Task<StaffChange> SetStatusByStaffAsync(int entryId, TalentStatus status, CancellationToken ct = default)
    {
        if (await Entries().FirstOrDefaultAsync(e => e.Id == entryId, ct) is not { } entry) return StaffChange.NotFound;
        if (entry.Status == status) return StaffChange.Done;
        if (status == TalentStatus.Pending || (status == TalentStatus.Published && entry.Status != TalentStatus.Pending)) return StaffChange.NotAllowed;
        entry.Status = status;
        entry.PublishedAt = status == TalentStatus.Published ? Now : null;
        entry.UpdatedAt = Now;
        if (entry.UserId is { } userId && await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct) is { } email)
        {
            if (status == TalentStatus.Published)
                outbox.Enqueue(email, t["【つなぐ】人材バンクに掲載しました"],
                    t["「{0}」を{1}の人材バンクに掲載しました。依頼があれば、{2}からご連絡します。\n\n{3}", entry.DisplayName, currentCity.Required.Name, currentCity.Required.CentreName, links.For($"/{Slug}/talent/{entry.Id}")]);
            else
                outbox.Enqueue(email, t["【つなぐ】人材バンクの掲載を取り下げました"],
                    t["「{0}」の人材バンクへの掲載を取り下げました。ご不明な点は{1}にお問い合わせください。", entry.DisplayName, currentCity.Required.CentreName]);
        }
        await db.SaveChangesAsync(ct);
        return StaffChange.Done;
    }

    /// <summary>
    /// The centre moves a request on and writes to the requester. When it is passed on (調整中), the registrant is sent
    /// the request itself, without the requester's contact: the centre keeps the two sides' details apart.
    /// </summary>
    public async Task<bool> UpdateRequestAsync(int requestId, TalentRequestStatus status, string? note, CancellationToken ct = default)
    {
        if (await db.Set<TalentRequest>().FirstOrDefaultAsync(r => r.Id == requestId, ct) is not { } request) return false;
        note = Clean(note);
        if (request.Status == status && request.StaffNote == note) return true;
        var entry = await Entries().AsNoTracking().FirstAsync(e => e.Id == request.EntryId, ct);
        if (!CanMove(request.Status, status)) return false;
        // Only a published entry's registrant is written to: one withdrawn in the meantime is not contacted.
        if (status == TalentRequestStatus.Forwarded && request.Status != TalentRequestStatus.Forwarded && entry.Status != TalentStatus.Published) return false;
        var forwarded = status == TalentRequestStatus.Forwarded && request.Status != TalentRequestStatus.Forwarded;
        request.Status = status;
        request.StaffNote = note;
        request.UpdatedAt = Now;
        var centre = currentCity.Required.CentreName;
        if (await db.Users.Where(u => u.Id == request.RequesterUserId).Select(u => u.Email).FirstOrDefaultAsync(ct) is { } requesterEmail)
            outbox.Enqueue(requesterEmail, t["【つなぐ】人材バンクへの依頼の状況が変わりました"],
                t["「{0}」への依頼は「{1}」になりました。\n\n{2}からのお知らせ：\n{3}\n\n{4}", entry.DisplayName, t[TalentTexts.RequestStatus(status)], centre, note ?? "－", links.For($"/{Slug}/talent/requests")]);
        if (forwarded && entry.UserId is { } registrant && await db.Users.Where(u => u.Id == registrant).Select(u => u.Email).FirstOrDefaultAsync(ct) is { } registrantEmail)
            outbox.Enqueue(registrantEmail, t["【つなぐ】人材バンクを通じて依頼が届きました"],
                t["「{0}」に、{1}を通じて依頼が届きました。\n\n依頼の内容：{2}\n希望する日時：{3}\n参加予定人数：{4}\n\n{5}\n\n日程や条件は、{1}からご連絡して調整します。", entry.DisplayName, centre,
                    request.Purpose, request.PreferredDates, request.Participants?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "－", request.Message ?? ""]);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A request moves forward only: received → passed on → arranged or declined; a cancelled or finished one stays as it is (its note can change).</summary>
    public static bool CanMove(TalentRequestStatus from, TalentRequestStatus to) => from == to || (from, to) switch
    {
        (TalentRequestStatus.Received, TalentRequestStatus.Forwarded or TalentRequestStatus.Arranged or TalentRequestStatus.Declined) => true,
        (TalentRequestStatus.Forwarded, TalentRequestStatus.Arranged or TalentRequestStatus.Declined) => true,
        _ => false,
    };

    private IQueryable<TalentEntry> Entries() =>
        db.Set<TalentEntry>().Include(e => e.Fields).Include(e => e.Districts).AsSplitQuery();

    /// <summary>Every centre staff member of the city is written to; the caller's save sends it.</summary>
    private async Task NotifyCentreAsync(string subject, string body, CancellationToken ct)
    {
        foreach (var email in await db.CityMemberships.EmailsOfAsync(CityRole.CentreStaff, ct)) outbox.Enqueue(email, subject, body);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public static class TalentTexts
{
    public static string Kind(TalentKind k) => k == TalentKind.Instructor ? "講師" : "アドバイザー";

    public static string Status(TalentStatus s) => s switch
    {
        TalentStatus.Pending => "確認待ち",
        TalentStatus.Published => "公開中",
        _ => "取り下げ",
    };

    public static string RequestStatus(TalentRequestStatus s) => s switch
    {
        TalentRequestStatus.Received => "受付",
        TalentRequestStatus.Forwarded => "調整中",
        TalentRequestStatus.Arranged => "決定",
        TalentRequestStatus.Declined => "見送り",
        _ => "取り消し",
    };
}

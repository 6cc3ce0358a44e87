using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Exchange;

/// <summary>
/// Introductions between groups: a group's administrator asks the centre to introduce them to a post's group, centre
/// staff introduce two groups and record whether it became a matching (各団体同士のマッチング).
/// </summary>
public class ExchangeIntroductions(TsunaguDb db, Outbox outbox, PublicLinks links, CurrentCity currentCity, Text t, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Posts of published groups only: a group taken down takes its posts with it.</summary>
    private IQueryable<ExchangePost> Visible => db.Set<ExchangePost>().Where(p => p.Group!.Status == GroupStatus.Approved);

    public enum RequestResult { Requested, AlreadyRequested, NotAdministrator, OwnGroup, Closed }

    /// <summary>An administrator of another group asks the centre to introduce their group to a post's group; centre staff are told by e-mail.</summary>
    public async Task<RequestResult> RequestIntroductionAsync(ExchangePost post, int groupId, string userId, string? message, CancellationToken ct = default)
    {
        if (post.Status != ExchangePostStatus.Open) return RequestResult.Closed;
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && g.Status == GroupStatus.Approved && g.Administrators.Any(a => a.UserId == userId), ct);
        if (group is null) return RequestResult.NotAdministrator;
        if (group.Id == post.GroupId) return RequestResult.OwnGroup;
        var isNeed = post.Direction == ExchangeDirection.Need;
        var requested = await db.InTurnAsync(async () =>
        {
            // The post's row is taken first, so two requests sent at the same moment queue and the second sees the first.
            await db.TakeAsync<ExchangePost>(p => p.Id == post.Id, ct);
            var already = await db.Set<ExchangeIntroduction>().AnyAsync(i => i.IntroducedAt == null && i.Outcome == IntroductionOutcome.Pending
                && (isNeed ? i.NeedPostId == post.Id && i.OfferGroupId == group.Id : i.OfferPostId == post.Id && i.NeedGroupId == group.Id), ct);
            if (already) return false;
            db.Add(new ExchangeIntroduction
            {
                NeedGroupId = isNeed ? post.GroupId : group.Id,
                OfferGroupId = isNeed ? group.Id : post.GroupId,
                NeedPostId = isNeed ? post.Id : null,
                OfferPostId = isNeed ? null : post.Id,
                RequestedByUserId = userId,
                RequestedAt = Now,
                RequestMessage = Clean(message),
                Outcome = IntroductionOutcome.Pending,
            });
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        if (!requested) return RequestResult.AlreadyRequested;
        var city = currentCity.Required;
        // The request's own message may hold personal details: it stays on the console, not in the mail.
        foreach (var to in await db.CityMemberships.EmailsOfAsync(CityRole.CentreStaff, ct))
            outbox.Enqueue(to, t["【つなぐ】団体から紹介の依頼がありました"],
                t["「{0}」から、「{1}」の投稿「{2}」について、紹介の依頼がありました。\n\n職員メニューの「ニーズとシーズの紹介」で確認してください。\n{3}",
                    group.Name, post.Group!.Name, post.Title, links.For($"/{city.Slug}/admin/exchange")]);
        await db.SaveChangesAsync(ct);
        return RequestResult.Requested;
    }

    private IQueryable<ExchangeIntroduction> Introductions => db.Set<ExchangeIntroduction>()
        .Include(i => i.NeedGroup).Include(i => i.OfferGroup).Include(i => i.NeedPost).Include(i => i.OfferPost);

    /// <summary>Requests the centre has not acted on yet, oldest first.</summary>
    public Task<List<ExchangeIntroduction>> PendingRequestsAsync(CancellationToken ct = default) =>
        Introductions.AsNoTracking().Where(i => i.IntroducedAt == null && i.Outcome == IntroductionOutcome.Pending).OrderBy(i => i.RequestedAt).ToListAsync(ct);

    /// <summary>Introductions made and waiting for their outcome, oldest first.</summary>
    public Task<List<ExchangeIntroduction>> InProgressAsync(CancellationToken ct = default) =>
        Introductions.AsNoTracking().Where(i => i.IntroducedAt != null && i.Outcome == IntroductionOutcome.Pending).OrderBy(i => i.IntroducedAt).ToListAsync(ct);

    public Task<List<ExchangeIntroduction>> RecentOutcomesAsync(int count = 20, CancellationToken ct = default) =>
        Introductions.AsNoTracking().Where(i => i.Outcome != IntroductionOutcome.Pending).OrderByDescending(i => i.OutcomeAt).Take(count).ToListAsync(ct);

    public Task<ExchangeIntroduction?> FindIntroductionAsync(int id, CancellationToken ct = default) =>
        Introductions.FirstOrDefaultAsync(i => i.Id == id, ct);

    /// <summary>Open posts of published groups, for the staff's choice lists.</summary>
    public Task<List<ExchangePost>> OpenPostsAsync(CancellationToken ct = default) =>
        Visible.AsNoTracking().Include(p => p.Group).Where(p => p.Status == ExchangePostStatus.Open)
            .OrderBy(p => p.Direction).ThenByDescending(p => p.CreatedAt).ToListAsync(ct);

    public Task<List<Group>> PublishedGroupsAsync(CancellationToken ct = default) =>
        db.Groups.AsNoTracking().Where(g => g.Status == GroupStatus.Approved).OrderBy(g => g.NameKana).ThenBy(g => g.Name).ToListAsync(ct);

    public sealed record IntroductionInput(int PostId, int? CounterpartPostId, int? CounterpartGroupId, string Note, int? RequestId);

    /// <summary>
    /// Staff introduce a post's group to a counterpart: a post of the other direction, or a group directly.
    /// A request being answered becomes this introduction. Both groups' administrators are e-mailed.
    /// Returns the problems (by input name) when nothing was written.
    /// </summary>
    public async Task<Result<ExchangeIntroduction>> IntroduceAsync(IntroductionInput input, string brokerUserId, CancellationToken ct = default)
    {
        var problems = new Problems();
        var post = await Visible.Include(p => p.Group).FirstOrDefaultAsync(p => p.Id == input.PostId, ct);
        if (post is null) problems.Add("PostId", t["紹介のもとになる投稿を選んでください。"]);
        ExchangeIntroduction? request = null;
        if (input.RequestId is { } requestId)
        {
            request = await db.Set<ExchangeIntroduction>().FirstOrDefaultAsync(i => i.Id == requestId && i.IntroducedAt == null && i.Outcome == IntroductionOutcome.Pending, ct);
            if (request is null) problems.Add("PostId", t["この依頼は、すでに対応済みです。"]);
        }
        ExchangePost? counterpartPost = null;
        Group? counterpartGroup = null;
        if (input.CounterpartPostId is { } cpId)
        {
            counterpartPost = await Visible.Include(p => p.Group).FirstOrDefaultAsync(p => p.Id == cpId, ct);
            if (counterpartPost is null) problems.Add("CounterpartPostId", t["紹介する相手の投稿が見つかりません。"]);
            else if (post is not null && counterpartPost.Direction == post.Direction)
                problems.Add("CounterpartPostId", t["ニーズにはシーズを、シーズにはニーズを選んでください。"]);
            else if (post is not null && counterpartPost.GroupId == post.GroupId)
                problems.Add("CounterpartPostId", t["同じ団体どうしは紹介できません。ほかの団体の投稿を選んでください。"]);
            counterpartGroup = counterpartPost?.Group;
        }
        else if (input.CounterpartGroupId is { } groupId)
        {
            counterpartGroup = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId && g.Status == GroupStatus.Approved, ct);
            if (counterpartGroup is null) problems.Add("CounterpartGroupId", t["紹介する相手の団体が見つかりません。"]);
            else if (post is not null && counterpartGroup.Id == post.GroupId)
                problems.Add("CounterpartGroupId", t["同じ団体どうしは紹介できません。ほかの団体を選んでください。"]);
        }
        else problems.Add("CounterpartPostId", t["紹介する相手の投稿か団体を選んでください。"]);
        if (!problems.Ok || post is null || counterpartGroup is null) return problems;

        var isNeed = post.Direction == ExchangeDirection.Need;
        var introduction = request ?? new ExchangeIntroduction();
        if (request is null) db.Add(introduction);
        introduction.NeedGroupId = isNeed ? post.GroupId : counterpartGroup.Id;
        introduction.OfferGroupId = isNeed ? counterpartGroup.Id : post.GroupId;
        introduction.NeedPostId = isNeed ? post.Id : counterpartPost?.Id;
        introduction.OfferPostId = isNeed ? counterpartPost?.Id : post.Id;
        introduction.BrokerUserId = brokerUserId;
        introduction.Note = input.Note.Trim();
        introduction.IntroducedAt = Now;
        introduction.Outcome = IntroductionOutcome.Pending;
        introduction.OutcomeAt = null;
        await MailIntroducedAsync(post.Group!, counterpartGroup, post, counterpartPost, introduction.Note, ct);
        await MailIntroducedAsync(counterpartGroup, post.Group!, counterpartPost ?? post, post, introduction.Note, ct);
        await db.SaveChangesAsync(ct);
        return introduction;
    }

    /// <summary>Tells a group's administrators (or, for a group without any, its registered contact) whom the centre introduces them to.</summary>
    private async Task MailIntroducedAsync(Group to, Group other, ExchangePost about, ExchangePost? otherPost, string note, CancellationToken ct)
    {
        var city = currentCity.Required;
        var recipients = await db.AdministratorEmailsAsync(to.Id, ct);
        if (recipients.Count == 0) recipients.Add(to.RepresentativeEmail);
        var postLink = links.For($"/{city.Slug}/exchange/{(otherPost ?? about).Id}");
        foreach (var email in recipients.Distinct())
            outbox.Enqueue(email, t["【つなぐ】団体のご紹介：{0}", other.Name],
                t["「{0}」の管理者さま\n\n{1}から、「{2}」をご紹介します。\n\n{3}\n\n相手の団体：{4}\n紹介のきっかけの投稿：{5}\n\n連絡の取り方は、センターからご案内します。結果をセンターにお知らせください。",
                    to.Name, city.CentreName, other.Name, note, links.For($"/{city.Slug}/groups/{other.Id}"), postLink]);
    }

    /// <summary>Records how an introduction turned out; a success is dated now (the matching's date) unless it already was one.</summary>
    public async Task<bool> RecordOutcomeAsync(ExchangeIntroduction introduction, IntroductionOutcome outcome, string? note, CancellationToken ct = default)
    {
        if (introduction.IntroducedAt is null) return false;
        if (outcome == IntroductionOutcome.Pending) introduction.OutcomeAt = null;
        else if (introduction.Outcome != outcome || introduction.OutcomeAt is null) introduction.OutcomeAt = Now;
        introduction.Outcome = outcome;
        introduction.OutcomeNote = Clean(note);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The centre decides not to act on a request; it is kept as not succeeded.</summary>
    public async Task<bool> DeclineRequestAsync(ExchangeIntroduction request, string? note, CancellationToken ct = default)
    {
        if (request.IntroducedAt is not null || request.Outcome != IntroductionOutcome.Pending) return false;
        request.Outcome = IntroductionOutcome.NotSucceeded;
        request.OutcomeAt = Now;
        request.OutcomeNote = Clean(note);
        // The person who asked hears the answer rather than waiting; the centre's reasons stay on the console.
        var post = request.NeedPost ?? request.OfferPost;
        var requester = request.RequestedByUserId is { } userId
            ? await db.Users.Where(u => u.Id == userId && u.Email != null).Select(u => u.Email).FirstOrDefaultAsync(ct) : null;
        if (requester is not null && post is not null)
        {
            var city = currentCity.Required;
            outbox.Enqueue(requester, t["【つなぐ】紹介の依頼について"],
                t["「{0}」についての紹介の依頼は、今回は見送らせていただきました。\n\nくわしくは{1}にお問い合わせください。ほかの投稿もご覧ください。\n{2}",
                    post.Title, city.CentreName, links.For($"/{city.Slug}/exchange")]);
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    private IQueryable<ExchangeIntroduction> MatchingsIn(FiscalYear fy)
    {
        var (from, to) = fy.UtcRange();
        return db.Set<ExchangeIntroduction>().Where(i => i.Outcome == IntroductionOutcome.Succeeded && i.OutcomeAt >= from && i.OutcomeAt < to);
    }

    /// <summary>Group-to-group matchings (succeeded introductions) of the current city in a fiscal year.</summary>
    public Task<int> MatchingsCountAsync(FiscalYear fy, CancellationToken ct = default) => MatchingsIn(fy).CountAsync(ct);

    public sealed record MonthlyMatchings(int Year, int Month, int Count);

    /// <summary>Matchings of the current city in a fiscal year by month (Japan time), all twelve months from April.</summary>
    public async Task<List<MonthlyMatchings>> MatchingsByMonthAsync(FiscalYear fy, CancellationToken ct = default)
    {
        var dates = await MatchingsIn(fy).AsNoTracking().Select(i => i.OutcomeAt!.Value).ToListAsync(ct);
        var months = dates.Select(d => Display.ToTokyo(d)).GroupBy(d => (d.Year, d.Month)).ToDictionary(g => g.Key, g => g.Count());
        return Enumerable.Range(0, 12).Select(i => fy.FirstDay.AddMonths(i))
            .Select(m => new MonthlyMatchings(m.Year, m.Month, months.GetValueOrDefault((m.Year, m.Month)))).ToList();
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

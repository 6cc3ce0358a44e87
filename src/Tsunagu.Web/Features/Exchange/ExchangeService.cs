using System.Text;
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
/// Needs and offers between groups (ニーズとシーズ): published groups post them, Tsunagu suggests counterparts,
/// centre staff introduce two groups and record whether it became a matching.
/// </summary>
public class ExchangeService(TsunaguDb db, Outbox outbox, PublicLinks links, CurrentCity currentCity, Text t, TimeProvider clock)
{
    public const int PageSize = 20;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Posts of published groups only: a group taken down takes its posts with it.</summary>
    private IQueryable<ExchangePost> Visible => db.Set<ExchangePost>().Where(p => p.Group!.Status == GroupStatus.Approved);

    // --- Posts ---

    public sealed record Filter(ExchangeDirection? Direction, ExchangeCategory? Category, int? Field, string? Words, int PageNumber);

    public sealed record Page(IReadOnlyList<ExchangePost> Items, int Total, int PageNumber, int Pages);

    /// <summary>Open posts, newest first, narrowed by the filter.</summary>
    public async Task<Page> SearchAsync(Filter f, CancellationToken ct = default)
    {
        var q = Visible.AsNoTracking().Where(p => p.Status == ExchangePostStatus.Open);
        if (f.Direction is { } direction) q = q.Where(p => p.Direction == direction);
        if (f.Category is { } category) q = q.Where(p => p.Category == category);
        if (f.Field is { } field) q = q.Where(p => p.Fields.Any(x => x.Field == field));
        foreach (var word in SearchText.Words(f.Words)) q = q.Where(p => p.SearchText.Contains(word));
        var total = await q.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(f.PageNumber, 1, pages);
        var items = await q.Include(p => p.Group).Include(p => p.Fields).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).AsSplitQuery().ToListAsync(ct);
        return new Page(items, total, page, pages);
    }

    public Task<ExchangePost?> FindAsync(int id, CancellationToken ct = default) =>
        Visible.AsNoTracking().Include(p => p.Group).Include(p => p.Fields).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>A post its group's administrator may change.</summary>
    public Task<ExchangePost?> FindEditableAsync(int id, string userId, CancellationToken ct = default) =>
        Visible.Include(p => p.Group).Include(p => p.Fields).AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id && p.Group!.Administrators.Any(a => a.UserId == userId), ct);

    /// <summary>The published groups a person administers: the groups they may post or ask for.</summary>
    public Task<List<Group>> AdministeredGroupsAsync(string userId, CancellationToken ct = default) =>
        db.Groups.AsNoTracking().Where(g => g.Status == GroupStatus.Approved && g.Administrators.Any(a => a.UserId == userId))
            .OrderBy(g => g.NameKana).ThenBy(g => g.Name).ToListAsync(ct);

    public sealed record PostInput(int GroupId, ExchangeDirection Direction, ExchangeCategory Category, string Title, string Details, IReadOnlyList<int> Fields, int? DistrictId);

    /// <summary>
    /// Creates or updates a post; null when the person does not administer the chosen published group.
    /// Fields outside 1–20 and districts of other cities are dropped.
    /// </summary>
    public async Task<ExchangePost?> SaveAsync(ExchangePost? post, PostInput input, string userId, CancellationToken ct = default)
    {
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == input.GroupId && g.Status == GroupStatus.Approved && g.Administrators.Any(a => a.UserId == userId), ct);
        if (group is null) return null;
        if (post is null)
        {
            post = new ExchangePost { Title = "", Details = "", Status = ExchangePostStatus.Open, PostedByUserId = userId, CreatedAt = Now };
            db.Add(post);
        }
        post.GroupId = group.Id;
        post.Direction = input.Direction;
        post.Category = input.Category;
        post.Title = input.Title.Trim();
        post.Details = input.Details.Trim();
        post.DistrictId = input.DistrictId is { } d && await db.Districts.AnyAsync(x => x.Id == d, ct) ? d : null;
        var fields = input.Fields.Distinct().Where(f => ActivityFields.Find(f) is not null).ToList();
        post.Fields.RemoveAll(f => !fields.Contains(f.Field));
        post.Fields.AddRange(fields.Where(f => post.Fields.All(x => x.Field != f)).Select(f => new ExchangePostField { Field = f }));
        post.SearchText = SearchTextOf(post);
        post.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return post;
    }

    public static string SearchTextOf(ExchangePost p) =>
        SearchText.Of([p.Title, p.Details, ExchangeTexts.Category(p.Category), ExchangeTexts.Direction(p.Direction), .. p.Fields.Select(f => ActivityFields.Find(f.Field)?.ShortName)]);

    public async Task SetStatusAsync(ExchangePost post, ExchangePostStatus status, CancellationToken ct = default)
    {
        post.Status = status;
        post.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
    }

    // --- Suggestions ---

    public sealed record Suggestion(ExchangePost Post, int Score, IReadOnlyList<string> Reasons);

    /// <summary>
    /// Open posts of the other direction from other groups, best first. The score is readable on purpose:
    /// same category 3, each shared activity field 2, same district 1, each word the titles share 1.
    /// </summary>
    public async Task<List<Suggestion>> SuggestionsAsync(ExchangePost post, int max = 5, CancellationToken ct = default)
    {
        var other = post.Direction == ExchangeDirection.Need ? ExchangeDirection.Offer : ExchangeDirection.Need;
        var candidates = await Visible.AsNoTracking()
            .Where(p => p.Status == ExchangePostStatus.Open && p.Direction == other && p.GroupId != post.GroupId)
            .Include(p => p.Group).Include(p => p.Fields).AsSplitQuery().ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, ct);
        var english = Text.IsEnglish;
        var suggestions = new List<Suggestion>();
        foreach (var candidate in candidates)
        {
            var score = 0;
            var reasons = new List<string>();
            if (candidate.Category == post.Category)
            {
                score += 3;
                reasons.Add(t["同じ種類：{0}", t[ExchangeTexts.Category(post.Category)]]);
            }
            foreach (var field in post.Fields.Select(f => f.Field).Intersect(candidate.Fields.Select(f => f.Field)).Order())
            {
                score += 2;
                var f = ActivityFields.Find(field)!;
                reasons.Add(t["同じ分野：{0}", english ? f.NameEn : f.ShortName]);
            }
            if (post.DistrictId is { } district && candidate.DistrictId == district && districts.TryGetValue(district, out var d))
            {
                score += 1;
                reasons.Add(t["同じ地区：{0}", english && d.NameEn is not null ? d.NameEn : d.Name]);
            }
            var words = SharedWords(post.Title, candidate.Title);
            if (words.Count > 0)
            {
                score += words.Count;
                reasons.Add(t["タイトルに共通の言葉：{0}", string.Join("、", words)]);
            }
            if (score > 0) suggestions.Add(new Suggestion(candidate, score, reasons));
        }
        return suggestions.OrderByDescending(s => s.Score).ThenByDescending(s => s.Post.CreatedAt).Take(max).ToList();
    }

    /// <summary>
    /// Japanese titles have no spaces, so a title's words are its runs of kanji, of katakana, or of Latin letters
    /// and digits, two characters or longer (「子ども食堂の調理ボランティア」 → 食堂, 調理, ボランティア).
    /// </summary>
    public static List<string> TitleWords(string title)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var kind = 0;
        foreach (var c in title.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            var k = c is >= '\u4e00' and <= '\u9fff' or '々' ? 1 : c is >= '\u30a1' and <= '\u30fc' ? 2 : char.IsAsciiLetterOrDigit(c) ? 3 : 0;
            if (k != kind)
            {
                if (current.Length >= 2) words.Add(current.ToString());
                current.Clear();
                kind = k;
            }
            if (k != 0) current.Append(c);
        }
        if (current.Length >= 2) words.Add(current.ToString());
        return words.Distinct().ToList();
    }

    /// <summary>Words of one title found in the other (調理 matches 調理室), the shorter form shown.</summary>
    public static List<string> SharedWords(string a, string b)
    {
        var shared = new List<string>();
        var other = TitleWords(b);
        foreach (var word in TitleWords(a))
        {
            var match = other.FirstOrDefault(o => o.Contains(word, StringComparison.Ordinal) || word.Contains(o, StringComparison.Ordinal));
            if (match is not null) shared.Add(match.Length < word.Length ? match : word);
        }
        return shared.Distinct().ToList();
    }

    // --- Introductions ---

    public enum RequestResult { Requested, AlreadyRequested, NotAdministrator, OwnGroup, Closed }

    /// <summary>An administrator of another group asks the centre to introduce their group to a post's group; centre staff are told by e-mail.</summary>
    public async Task<RequestResult> RequestIntroductionAsync(ExchangePost post, int groupId, string userId, string? message, CancellationToken ct = default)
    {
        if (post.Status != ExchangePostStatus.Open) return RequestResult.Closed;
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && g.Status == GroupStatus.Approved && g.Administrators.Any(a => a.UserId == userId), ct);
        if (group is null) return RequestResult.NotAdministrator;
        if (group.Id == post.GroupId) return RequestResult.OwnGroup;
        var isNeed = post.Direction == ExchangeDirection.Need;
        var strategy = db.Database.CreateExecutionStrategy();
        var requested = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The post's row is written first, so two requests sent at the same moment queue and the second sees the first.
            await db.Set<ExchangePost>().Where(p => p.Id == post.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, p => p.UpdatedAt), ct);
            var already = await db.Set<ExchangeIntroduction>().AnyAsync(i => i.IntroducedAt == null && i.Outcome == IntroductionOutcome.Pending
                && (isNeed ? i.NeedPostId == post.Id && i.OfferGroupId == group.Id : i.OfferPostId == post.Id && i.NeedGroupId == group.Id), ct);
            if (already) return false;
            db.Add(new ExchangeIntroduction
            {
                NeedGroupId = isNeed ? post.GroupId : group.Id, OfferGroupId = isNeed ? group.Id : post.GroupId,
                NeedPostId = isNeed ? post.Id : null, OfferPostId = isNeed ? null : post.Id,
                RequestedByUserId = userId, RequestedAt = Now, RequestMessage = Clean(message), Outcome = IntroductionOutcome.Pending,
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        });
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
    /// Returns the problems (input name → message) when nothing was written.
    /// </summary>
    public async Task<(ExchangeIntroduction? Introduction, List<(string Field, string Message)> Problems)> IntroduceAsync(IntroductionInput input, string brokerUserId, CancellationToken ct = default)
    {
        var problems = new List<(string, string)>();
        var post = await Visible.Include(p => p.Group).FirstOrDefaultAsync(p => p.Id == input.PostId, ct);
        if (post is null) problems.Add(("PostId", t["紹介のもとになる投稿を選んでください。"]));
        ExchangeIntroduction? request = null;
        if (input.RequestId is { } requestId)
        {
            request = await db.Set<ExchangeIntroduction>().FirstOrDefaultAsync(i => i.Id == requestId && i.IntroducedAt == null && i.Outcome == IntroductionOutcome.Pending, ct);
            if (request is null) problems.Add(("PostId", t["この依頼は、すでに対応済みです。"]));
        }
        ExchangePost? counterpartPost = null;
        Group? counterpartGroup = null;
        if (input.CounterpartPostId is { } cpId)
        {
            counterpartPost = await Visible.Include(p => p.Group).FirstOrDefaultAsync(p => p.Id == cpId, ct);
            if (counterpartPost is null) problems.Add(("CounterpartPostId", t["紹介する相手の投稿が見つかりません。"]));
            else if (post is not null && counterpartPost.Direction == post.Direction)
                problems.Add(("CounterpartPostId", t["ニーズにはシーズを、シーズにはニーズを選んでください。"]));
            else if (post is not null && counterpartPost.GroupId == post.GroupId)
                problems.Add(("CounterpartPostId", t["同じ団体どうしは紹介できません。ほかの団体の投稿を選んでください。"]));
            counterpartGroup = counterpartPost?.Group;
        }
        else if (input.CounterpartGroupId is { } groupId)
        {
            counterpartGroup = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId && g.Status == GroupStatus.Approved, ct);
            if (counterpartGroup is null) problems.Add(("CounterpartGroupId", t["紹介する相手の団体が見つかりません。"]));
            else if (post is not null && counterpartGroup.Id == post.GroupId)
                problems.Add(("CounterpartGroupId", t["同じ団体どうしは紹介できません。ほかの団体を選んでください。"]));
        }
        else problems.Add(("CounterpartPostId", t["紹介する相手の投稿か団体を選んでください。"]));
        if (problems.Count > 0 || post is null || counterpartGroup is null) return (null, problems);

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
        return (introduction, problems);
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

    // --- Counts ---

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

/// <summary>A post shown as a card, with why it is suggested (empty in the plain list).</summary>
public sealed record PostCard(ExchangePost Post, IReadOnlyList<string> Reasons);

public static class ExchangeTexts
{
    public static string Direction(ExchangeDirection d) => d == ExchangeDirection.Need ? "ニーズ（求めています）" : "シーズ（提供できます）";

    public static string DirectionShort(ExchangeDirection d) => d == ExchangeDirection.Need ? "ニーズ" : "シーズ";

    public static string Category(ExchangeCategory c) => c switch
    {
        ExchangeCategory.People => "人材",
        ExchangeCategory.Venue => "場所",
        ExchangeCategory.Equipment => "物品・機材",
        ExchangeCategory.KnowHow => "ノウハウ",
        _ => "資金",
    };

    public static string Outcome(IntroductionOutcome o) => o switch
    {
        IntroductionOutcome.Pending => "調整中",
        IntroductionOutcome.Succeeded => "成立",
        _ => "不成立",
    };

    public static string Status(ExchangePostStatus s) => s == ExchangePostStatus.Open ? "受付中" : "受付終了";
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.Exchange;

/// <summary>
/// Needs and offers between groups (ニーズとシーズ): published groups post them, and Tsunagu suggests counterparts.
/// </summary>
public class ExchangePosts(TsunaguDb db, Text t, TimeProvider clock)
{
    public const int PageSize = 20;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Posts of published groups only: a group taken down takes its posts with it.</summary>
    private IQueryable<ExchangePost> Visible => db.Set<ExchangePost>().Where(p => p.Group!.Status == GroupStatus.Approved);

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
}

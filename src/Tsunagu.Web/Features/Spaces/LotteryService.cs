using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>
/// Lotteries for popular rooms: entries, a fair draw reproducible from its seed, and the winners' provisional bookings.
/// The seed is committed to when the lottery is created (its SHA-256 published, the seed kept secret) and revealed at the
/// draw; staff cannot choose it.
/// </summary>
public class LotteryService(TsunaguDb db, SpaceService spaces, TimeProvider clock, Outbox outbox, PublicLinks links, CurrentCity city, Text t)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<List<Lottery>> ListAsync(CancellationToken ct = default) =>
        db.Set<Lottery>().AsNoTracking().OrderByDescending(l => l.EntriesCloseAt).Take(100).ToListAsync(ct);

    public async Task<Problems> CreateAsync(int roomId, string title, DateOnly? from, DateOnly? to, DateOnly? closes, CancellationToken ct = default)
    {
        var problems = new Problems();
        if (!await db.Set<Room>().AnyAsync(r => r.Id == roomId, ct)) problems.Add("RoomId", t["部屋を選んでください。"]);
        if (string.IsNullOrWhiteSpace(title)) problems.Add("Title", t["抽選の名前を入力してください。"]);
        else if (title.Trim().Length > 200) problems.Add("Title", t["抽選の名前は200文字以内にしてください。"]);
        if (from is null || to is null) problems.Add("From", t["抽選の対象期間を入力してください。"]);
        else if (to < from) problems.Add("To", t["対象期間の終わりは始まりより後にしてください。"]);
        if (closes is null) problems.Add("Closes", t["申し込みの締め切り日を入力してください。"]);
        else if (from is not null && closes >= from) problems.Add("Closes", t["申し込みの締め切りは、対象期間が始まる前にしてください。"]);
        if (problems.Count > 0) return problems;
        var seed = NewSeed();
        db.Add(new Lottery
        {
            RoomId = roomId,
            Title = title.Trim(),
            From = Display.ToUtc(from!.Value, TimeOnly.MinValue),
            To = Display.ToUtc(to!.Value.AddDays(1), TimeOnly.MinValue),
            EntriesCloseAt = Display.ToUtc(closes!.Value.AddDays(1), TimeOnly.MinValue),
            Status = LotteryStatus.Open,
            Seed = seed,
            SeedHash = HashOfSeed(seed),
            SeedHashPublishedAt = Now,
            CreatedAt = Now,
        });
        await db.SaveChangesAsync(ct);
        return Problems.None;
    }

    /// <summary>
    /// A lottery opened before seeds were committed to gets its seed now: the first time its page or the staff list shows
    /// it, at the latest at the draw. Its page says when the hash was published, so anyone sees whether that was before
    /// the entries closed. The first caller's seed is kept (the update only applies while there is none).
    /// </summary>
    public async Task CommitSeedAsync(Lottery lottery, CancellationToken ct = default)
    {
        if (lottery.SeedHash is not null || lottery.Status != LotteryStatus.Open) return;
        var seed = NewSeed();
        var hash = HashOfSeed(seed);
        var now = Now;
        await db.Set<Lottery>().Where(l => l.Id == lottery.Id && l.SeedHash == null && l.Status == LotteryStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Seed, seed).SetProperty(l => l.SeedHash, hash).SetProperty(l => l.SeedHashPublishedAt, now), ct);
        var kept = await db.Set<Lottery>().AsNoTracking().Where(l => l.Id == lottery.Id)
            .Select(l => new { l.Seed, l.SeedHash, l.SeedHashPublishedAt }).SingleAsync(ct);
        (lottery.Seed, lottery.SeedHash, lottery.SeedHashPublishedAt) = (kept.Seed, kept.SeedHash, kept.SeedHashPublishedAt);
        // Already saved: a tracked lottery has nothing more to write.
        var entry = db.Entry(lottery);
        if (entry.State == EntityState.Detached) return;
        foreach (var name in new[] { nameof(Lottery.Seed), nameof(Lottery.SeedHash), nameof(Lottery.SeedHashPublishedAt) })
        {
            entry.Property(name).OriginalValue = entry.Property(name).CurrentValue;
            entry.Property(name).IsModified = false;
        }
    }

    /// <summary>A new secret seed: 32 bytes from the operating system's CSPRNG, as 64 lowercase hex digits.</summary>
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The published commitment to a seed: SHA-256 of its 32 bytes (not of its hex text), as 64 lowercase hex digits.</summary>
    public static string HashOfSeed(string seed) => Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(seed)));

    /// <summary>A slot asked for in a lottery, as a person or for a group the person administers.</summary>
    public sealed record Entry(int? GroupId, DateOnly? Date, TimeOnly? Start, TimeOnly? End, string? Purpose);

    /// <summary>Enters a lottery, as a person or for a group the person administers (a group that wins pays the group rate).</summary>
    public async Task<Problems> EnterAsync(Lottery lottery, string userId, Entry entry, CancellationToken ct = default)
    {
        if (spaces.NotLending is { } why) return Problems.Of("", why);
        var problems = new Problems();
        spaces.CheckSlot(entry.Date, entry.Start, entry.End, entry.Purpose, problems);
        if (problems.Count > 0) return problems;
        var startsAt = Display.ToUtc(entry.Date!.Value, entry.Start!.Value);
        var endsAt = Display.ToUtc(entry.Date.Value, entry.End!.Value);
        if (lottery.Status != LotteryStatus.Open || Now >= lottery.EntriesCloseAt) return Closed;
        if (startsAt < lottery.From || startsAt >= lottery.To) return Problems.Of("Date", t["抽選の対象期間の中の日時を選んでください。"]);
        if (entry.GroupId is { } g && !(await spaces.GroupsAdministeredAsync(userId, ct)).Any(x => x.Id == g))
            return Problems.Of("GroupId", t["管理者になっている登録団体を選んでください。"]);
        // The lottery's row is taken, so an entry is either in before the draw claims the lottery (and drawn) or refused.
        return await db.InTurnAsync(async () =>
        {
            if (!await db.TakeAsync<Lottery>(l => l.Id == lottery.Id && l.Status == LotteryStatus.Open, ct)) return Closed;
            if (await db.Set<LotteryEntry>().AnyAsync(e => e.LotteryId == lottery.Id && e.UserId == userId && e.StartsAt == startsAt, ct))
                return Problems.Of("Date", t["この日時にはすでに申し込んでいます。"]);
            db.Add(new LotteryEntry
            {
                LotteryId = lottery.Id,
                UserId = userId,
                GroupId = entry.GroupId,
                Purpose = entry.Purpose!.Trim(),
                StartsAt = startsAt,
                EndsAt = endsAt,
                Result = LotteryResult.Pending,
                CreatedAt = Now,
            });
            await db.SaveChangesAsync(ct);
            return Problems.None;
        }, ct);
    }

    private Problems Closed => Problems.Of("Date", t["この抽選の申し込みは締め切りました。"]);

    /// <summary>
    /// The draw's order, exactly as the lottery page and the README document it: each entry's key is HMAC-SHA256 keyed
    /// with the seed's 32 bytes over the entry number written as decimal ASCII digits ("42"); entries are sorted by key,
    /// smallest first (byte by byte, as the keys' hex text sorts), equal keys (never seen in practice) by number. It
    /// depends only on the seed and the numbers, never on the order the entries were made or read in, and an entry
    /// removed later (an account deleted) does not move the others.
    /// </summary>
    public static List<int> Order(IEnumerable<int> entryIds, string seed)
    {
        var key = Convert.FromHexString(seed);
        return entryIds
            .Select(id => (Id: id, Key: HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture)))))
            .OrderBy(x => x.Key, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))
            .ThenBy(x => x.Id)
            .Select(x => x.Id)
            .ToList();
    }

    /// <summary>
    /// The order of lotteries drawn before seeds were committed to: entries sorted by number, then shuffled (Fisher–Yates)
    /// by System.Random with the whole-number seed. Kept only so those draws still verify.
    /// </summary>
    public static List<int> LegacyOrder(IEnumerable<int> entryIds, int seed)
    {
        var order = entryIds.Order().ToList();
        var random = new Random(seed);
        for (var i = order.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>
    /// Draws with the seed committed to when the lottery was created (nobody chooses it here): in the seeded order each
    /// entry gets its slot as a provisional booking if the slot is still free (an earlier winner or an existing booking
    /// makes it lose). Winners and losers are e-mailed; the log is kept and the seed, now drawn, is public.
    /// </summary>
    public async Task<string?> DrawAsync(Lottery lottery, CancellationToken ct = default)
    {
        if (lottery.Status != LotteryStatus.Open) return t["この抽選はすでに抽選済みです。"];
        if (Now < lottery.EntriesCloseAt) return t["申し込みの締め切りのあとで抽選してください。"];
        await CommitSeedAsync(lottery, ct);
        // Claimed first, with the lottery's row taken: two staff pressing "draw" at once draw once.
        var claimed = await db.InTurnAsync(async () =>
        {
            if (!await db.TakeAsync<Lottery>(l => l.Id == lottery.Id && l.Status == LotteryStatus.Open, ct)) return false;
            lottery.Status = LotteryStatus.Drawn;
            lottery.DrawnAt = Now;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        if (!claimed) return t["この抽選はすでに抽選済みです。"];
        var seed = await db.Set<Lottery>().Where(l => l.Id == lottery.Id).Select(l => l.Seed).SingleAsync(ct)
            ?? throw new InvalidOperationException($"Lottery {lottery.Id} has no seed to draw with.");
        var entries = await db.Set<LotteryEntry>().Where(e => e.LotteryId == lottery.Id).ToDictionaryAsync(e => e.Id, ct);
        var log = new StringBuilder();
        var position = 0;
        foreach (var id in Order(entries.Keys, seed))
        {
            var entry = entries[id];
            position++;
            var outcome = await spaces.BookForAsync(entry.UserId, lottery.RoomId, entry.StartsAt, entry.EndsAt, entry.Purpose, entry.GroupId, ct);
            entry.Result = outcome is { } booking ? LotteryResult.Won : LotteryResult.Lost;
            entry.BookingId = outcome?.Id;
            log.AppendLine(CultureInfo.InvariantCulture, $"{position}. #{entry.Id} {Display.InvariantSpan(entry.StartsAt, entry.EndsAt)} {(entry.Result == LotteryResult.Won ? "当選" : "落選")}");
        }
        lottery.Log = log.ToString();
        await db.SaveChangesAsync(ct);
        var emails = await db.Users.Where(u => entries.Values.Select(e => e.UserId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        foreach (var entry in entries.Values)
            if (emails.GetValueOrDefault(entry.UserId) is { } email)
                outbox.Enqueue(email, t["【つなぐ】部屋の抽選の結果"], entry.Result == LotteryResult.Won
                    ? t["「{0}」の抽選で、{1}に当選しました。仮予約になっています。期限までにセンターの窓口で利用料をお支払いください。\n\n{2}", lottery.Title, Display.Span(entry.StartsAt, entry.EndsAt), links.For($"/{city.Required.Slug}/spaces/mine")]
                    : t["「{0}」の抽選で、{1}は落選しました。空いている日時は、先着順で予約できます。\n\n{2}", lottery.Title, Display.Span(entry.StartsAt, entry.EndsAt), links.For($"/{city.Required.Slug}/spaces")]);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The entry numbers of the published log, in the drawn order (each line: "position. #number slot result").</summary>
    public static List<int> PublishedOrder(string log) =>
        [.. log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => int.Parse(line.Split('#')[1].Split(' ')[0], CultureInfo.InvariantCulture))];

    /// <summary>
    /// What anyone can check once a lottery is drawn: the revealed seed hashes to the published hash (lotteries drawn
    /// before seeds were committed to have none to check), and the order recomputed from the seed over the published
    /// entry numbers is the published order, every entry still kept being among them.
    /// </summary>
    public async Task<(bool? HashMatches, bool OrderMatches)> VerifyAsync(Lottery lottery, CancellationToken ct = default)
    {
        if (lottery is not { Status: LotteryStatus.Drawn, Log: { } log }) return (null, false);
        var published = PublishedOrder(log);
        var kept = await db.Set<LotteryEntry>().Where(e => e.LotteryId == lottery.Id).Select(e => e.Id).ToListAsync(ct);
        var recomputed = lottery switch
        {
            { Seed: { } seed } => Order(published, seed),
            { LegacySeed: { } legacy } => LegacyOrder(published, legacy),
            _ => [],
        };
        bool? hash = lottery.Seed is { } s ? lottery.SeedHash is { } h && HashOfSeed(s) == h : null;
        return (hash, recomputed.SequenceEqual(published) && kept.All(published.Contains));
    }
}

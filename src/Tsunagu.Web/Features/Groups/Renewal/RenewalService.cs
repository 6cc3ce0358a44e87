using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Renewal;

/// <summary>Where one published group stands in the current renewal round.</summary>
public enum RenewalState
{
    /// <summary>Confirmed or updated since the round started.</summary>
    Confirmed,
    /// <summary>Not yet, but the due date has not passed.</summary>
    Awaiting,
    /// <summary>Past the due date, within the grace period: flagged for the centre.</summary>
    Overdue,
    /// <summary>Unpublished because it did not confirm within the grace period.</summary>
    Lapsed,
}

/// <summary>
/// The yearly renewal (年次更新): the centre starts a round, every published group is asked by e-mail to confirm or
/// update its registration; groups that have not by the due date are flagged, and after the grace period unpublished.
/// A lapsed group's administrator can still confirm, which publishes it again.
/// </summary>
public class RenewalService(TsunaguDb db, CurrentCity currentCity, Outbox outbox, PublicLinks links, Text t, TimeProvider clock)
{
    public const int DefaultGraceDays = 30;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in Japan, where due dates are counted.</summary>
    public DateOnly Today => Display.Today(clock);

    public Task<RenewalRound?> CurrentRoundAsync(CancellationToken ct = default) =>
        db.Set<RenewalRound>().OrderByDescending(r => r.FiscalYear).FirstOrDefaultAsync(ct);

    public static RenewalState StateOf(Group group, RenewalRound round, DateOnly today) =>
        StateOf(group.Status, group.LapsedAt, group.ConfirmedAt, round, today);

    private static RenewalState StateOf(GroupStatus status, DateTime? lapsedAt, DateTime? confirmedAt, RenewalRound round, DateOnly today)
    {
        if (status == GroupStatus.Unpublished && lapsedAt is not null) return RenewalState.Lapsed;
        if (confirmedAt >= round.StartedAt) return RenewalState.Confirmed;
        return today > round.DueOn ? RenewalState.Overdue : RenewalState.Awaiting;
    }

    /// <summary>A group in the round; one with no administrator can only be confirmed by the centre.</summary>
    public sealed record Row(int Id, string Name, GroupStatus Status, DateTime? ConfirmedAt, RenewalState State, bool HasAdministrator);

    /// <summary>Every group the round concerns: the published ones, and those it unpublished.</summary>
    public async Task<List<Row>> GroupsAsync(RenewalRound round, CancellationToken ct = default)
    {
        var today = Today;
        var groups = await db.Groups.AsNoTracking()
            .Where(g => g.Status == GroupStatus.Approved || (g.Status == GroupStatus.Unpublished && g.LapsedAt != null))
            .OrderBy(g => g.NameKana).ThenBy(g => g.Id)
            .Select(g => new { g.Id, g.Name, g.Status, g.ConfirmedAt, g.LapsedAt, HasAdministrator = g.Administrators.Any() })
            .ToListAsync(ct);
        return groups.Select(g => new Row(g.Id, g.Name, g.Status, g.ConfirmedAt,
            StateOf(g.Status, g.LapsedAt, g.ConfirmedAt, round, today), g.HasAdministrator)).ToList();
    }

    public enum StartProblem { None, YearTaken, DueInPast, GraceOutOfRange }

    /// <summary>Starts the year's round and asks every published group, by e-mail to its representative, to confirm.</summary>
    public async Task<(StartProblem Problem, int Asked)> StartAsync(int fiscalYear, DateOnly dueOn, int graceDays, CancellationToken ct = default)
    {
        if (await db.Set<RenewalRound>().AnyAsync(r => r.FiscalYear == fiscalYear, ct)) return (StartProblem.YearTaken, 0);
        if (dueOn < Today) return (StartProblem.DueInPast, 0);
        if (graceDays is < 0 or > 365) return (StartProblem.GraceOutOfRange, 0);

        var city = currentCity.Required;
        var round = new RenewalRound { FiscalYear = fiscalYear, StartedAt = Now, DueOn = dueOn, GraceDays = graceDays };
        db.Add(round);
        var recipients = await db.Groups.AsNoTracking().Where(g => g.Status == GroupStatus.Approved)
            .Select(g => new { g.Name, g.RepresentativeName, g.RepresentativeEmail }).ToListAsync(ct);
        var link = links.For($"/{city.Slug}/groups/mine");
        var year = new FiscalYear(fiscalYear).ToJapanese();
        foreach (var g in recipients)
        {
            outbox.Enqueue(g.RepresentativeEmail, t["【つなぐ】{0}の団体登録の更新をお願いします", year],
                t["{0} 様\n\n{1}では、毎年、登録団体の皆さまに登録内容の確認をお願いしています。「{2}」の登録内容を確認し、{3}までに「登録内容を確認しました」を押すか、変わったところを更新してください。\n\n{4}\n\n期限を過ぎても確認がない場合、{5}日後に団体の公開を停止します。",
                    g.RepresentativeName, city.CentreName, g.Name, JapaneseDates.ToJapaneseDate(dueOn), link, graceDays]);
        }
        await db.SaveChangesAsync(ct);
        return (StartProblem.None, recipients.Count);
    }

    /// <summary>A group administrator confirms the registration is current; a lapsed group is published again.</summary>
    public async Task<bool> ConfirmAsync(int groupId, string userId, CancellationToken ct = default) =>
        await ConfirmAsync(await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId
            && (g.Status == GroupStatus.Approved || (g.Status == GroupStatus.Unpublished && g.LapsedAt != null))
            && g.Administrators.Any(a => a.UserId == userId), ct), ct);

    /// <summary>
    /// The centre confirms for a group, e.g. one imported without an administrator whose representative answered by
    /// phone or on paper.
    /// </summary>
    public async Task<bool> ConfirmByCentreAsync(int groupId, CancellationToken ct = default) =>
        await ConfirmAsync(await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId
            && (g.Status == GroupStatus.Approved || (g.Status == GroupStatus.Unpublished && g.LapsedAt != null)), ct), ct);

    private async Task<bool> ConfirmAsync(Group? group, CancellationToken ct)
    {
        if (group is null) return false;
        group.ConfirmedAt = Now;
        if (group.Status == GroupStatus.Unpublished)
        {
            group.Status = GroupStatus.Approved;
            group.LapsedAt = null;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Whether a group needs its administrator to confirm this year (shown on their own page).</summary>
    public async Task<Dictionary<int, (RenewalState State, DateOnly DueOn)>> StatesForAsync(IEnumerable<Group> groups, CancellationToken ct = default)
    {
        var round = await CurrentRoundAsync(ct);
        if (round is null) return [];
        var today = Today;
        return groups.Where(g => g.Status == GroupStatus.Approved || (g.Status == GroupStatus.Unpublished && g.LapsedAt != null))
            .ToDictionary(g => g.Id, g => (StateOf(g, round, today), round.DueOn));
    }

    /// <summary>
    /// Unpublishes the groups of the current city that have not confirmed by the end of the grace period, and tells them.
    /// A group with no administrator (imported, say) cannot confirm by itself: it stays published and flagged until the
    /// centre confirms for it. Running it again changes nothing more. Returns how many groups it unpublished.
    /// </summary>
    public async Task<int> EnforceAsync(CancellationToken ct = default)
    {
        var round = await CurrentRoundAsync(ct);
        if (round is null || Today < round.UnpublishOn) return 0;
        var city = currentCity.Required;
        var lapsed = await db.Groups
            .Where(g => g.Status == GroupStatus.Approved && (g.ConfirmedAt == null || g.ConfirmedAt < round.StartedAt) && g.Administrators.Any())
            .ToListAsync(ct);
        var link = links.For($"/{city.Slug}/groups/mine");
        foreach (var g in lapsed)
        {
            g.Status = GroupStatus.Unpublished;
            g.LapsedAt = Now;
            outbox.Enqueue(g.RepresentativeEmail, t["【つなぐ】団体の公開を停止しました"],
                t["{0} 様\n\n「{1}」の登録内容の確認が期限までになかったため、{2}の団体一覧での公開を停止しました。登録内容を確認すると、再び公開されます。\n\n{3}",
                    g.RepresentativeName, g.Name, city.Name, link]);
        }
        round.EnforcedAt ??= lapsed.Count > 0 ? Now : null;
        await db.SaveChangesAsync(ct);
        return lapsed.Count;
    }
}

/// <summary>Once an hour, unpublishes in every city the groups whose renewal grace period has ended.</summary>
public class RenewalEnforcement(IServiceScopeFactory scopes, ILogger<RenewalEnforcement> log)
    : CityJob(scopes, log, TimeSpan.FromHours(1), "renewal-enforcement")
{
    protected override async Task RunForCityAsync(IServiceProvider services, City city, CancellationToken ct)
    {
        var count = await services.GetRequiredService<RenewalService>().EnforceAsync(ct);
        if (count > 0) log.LogInformation("Unpublished {Count} groups of {City} whose renewal lapsed.", count, city.Slug);
    }
}

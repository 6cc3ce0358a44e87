using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>What the centre's coordinators watch: opportunities nobody has answered, applications left waiting, and matchings counted.</summary>
public class ConsoleService(TsunaguDb db, TimeProvider clock)
{
    public sealed record Unanswered(int Id, string Title, DateTime NextShift, DateTime PostedAt);
    public sealed record Waiting(int ApplicationId, int OpportunityId, string Title, DateTime ShiftStartsAt, DateTime AppliedAt);
    public sealed record Count(string Label, int Value);
    public sealed record MatchingCounts(List<Count> ByMonth, List<Count> ByProgramme, List<Count> ByDistrict, int Total);

    /// <summary>Open opportunities with a shift to come and no application or invitation at all (demo ones left out, as everywhere on the console).</summary>
    public Task<List<Unanswered>> WithoutApplicantsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<Opportunity>().AsNoTracking()
            .Where(o => o.Status == OpportunityStatus.Open && !o.IsDemo && !db.Set<ShiftApplication>().Any(a => a.OpportunityId == o.Id))
            .Select(o => new { o.Id, o.Title, o.CreatedAt, Next = db.Set<Shift>().Where(s => s.OpportunityId == o.Id && s.StartsAt > now).Min(s => (DateTime?)s.StartsAt) })
            .Where(x => x.Next != null).OrderBy(x => x.Next)
            .Select(x => new Unanswered(x.Id, x.Title, x.Next!.Value, x.CreatedAt)).Take(200).ToListAsync(ct);
    }

    /// <summary>
    /// Applications the organiser has not answered for more than <paramref name="days"/> days, oldest first. Only those a nudge
    /// can still help: the shift is still to come, the opportunity is open, and it is not demo data.
    /// </summary>
    public Task<List<Waiting>> WaitingAsync(int days, CancellationToken ct = default) =>
        (from a in LeftWaiting(days)
         join o in db.Set<Opportunity>() on a.OpportunityId equals o.Id
         join s in db.Set<Shift>() on a.ShiftId equals s.Id
         orderby a.CreatedAt
         select new Waiting(a.Id, o.Id, o.Title, s.StartsAt, a.CreatedAt)).Take(200).ToListAsync(ct);

    /// <summary>After how many days without an answer the console lists an application, unless told otherwise.</summary>
    public const int WaitingDays = 7;

    /// <summary>How many applications the console lists by default (<see cref="WaitingDays"/>): the count on the staff menu.</summary>
    public Task<int> CountWaitingAsync(CancellationToken ct = default) => LeftWaiting(WaitingDays).CountAsync(ct);

    private IQueryable<ShiftApplication> LeftWaiting(int days)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-days);
        return db.Set<ShiftApplication>().AsNoTracking().Where(a => a.Status == ApplicationStatus.Applied && a.CreatedAt < cutoff
            && db.Set<Shift>().Any(s => s.Id == a.ShiftId && s.StartsAt > now)
            && db.Set<Opportunity>().Any(o => o.Id == a.OpportunityId && o.Status == OpportunityStatus.Open && !o.IsDemo));
    }

    public sealed record MatchingRow(DateTime MatchedAt, string Title, OrganiserKind Kind, string? GroupName, string? DepartmentName,
        string? Programme, string? District, DateTime ShiftStartsAt, DateTime ShiftEndsAt, bool? Attended, decimal? Hours);

    /// <summary>
    /// Each matching confirmed in a fiscal year, in order, for the yearly report in Excel. No volunteer is named: the counts
    /// and hours are what the report needs, and the names stay with the organisers who took those people on.
    /// </summary>
    public Task<List<MatchingRow>> MatchingListAsync(FiscalYear year, bool english, CancellationToken ct = default)
    {
        return (from a in MatchedIn(year)
                join o in db.Set<Opportunity>() on a.OpportunityId equals o.Id
                join s in db.Set<Shift>() on a.ShiftId equals s.Id
                orderby a.MatchedAt, a.Id
                select new MatchingRow(a.MatchedAt!.Value, o.Title, o.OrganiserKind,
                    db.Groups.Where(g => g.Id == o.GroupId).Select(g => g.Name).FirstOrDefault(), o.DepartmentName,
                    db.Set<Programme>().Where(p => p.Id == a.ProgrammeId).Select(p => p.Name).FirstOrDefault(),
                    db.Districts.Where(d => d.Id == a.DistrictId).Select(d => english && d.NameEn != null ? d.NameEn : d.Name).FirstOrDefault(),
                    s.StartsAt, s.EndsAt, a.Attended, a.Hours)).ToListAsync(ct);
    }

    /// <summary>The matchings (confirmed applications) of a fiscal year, demo data left out: what the console counts and lists.</summary>
    private IQueryable<ShiftApplication> MatchedIn(FiscalYear year)
    {
        var (start, end) = year.UtcRange();
        return db.Set<ShiftApplication>().AsNoTracking().Where(a => a.Status == ApplicationStatus.Confirmed && a.MatchedAt >= start && a.MatchedAt < end
            && db.Set<Opportunity>().Any(o => o.Id == a.OpportunityId && !o.IsDemo));
    }

    /// <summary>Matchings confirmed in a fiscal year, by month (April first), programme and district.</summary>
    public async Task<MatchingCounts> MatchingsAsync(FiscalYear year, bool english, CancellationToken ct = default)
    {
        var rows = await MatchedIn(year).Select(a => new { a.MatchedAt, a.ProgrammeId, a.DistrictId }).ToListAsync(ct);
        var programmes = await db.Set<Programme>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        var byMonth = Enumerable.Range(0, 12).Select(i => new DateOnly(year.StartYear, 4, 1).AddMonths(i))
            .Select(m => new Count(english ? m.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture) : $"{m.Year}年{m.Month}月",
                rows.Count(r => Display.ToTokyo(r.MatchedAt!.Value) is var local && local.Year == m.Year && local.Month == m.Month)))
            .ToList();
        var noneLabel = english ? "(none)" : "（なし）";
        var byProgramme = rows.GroupBy(r => r.ProgrammeId is { } p && programmes.TryGetValue(p, out var name) ? name : noneLabel)
            .Select(g => new Count(g.Key, g.Count())).OrderByDescending(c => c.Value).ToList();
        var byDistrict = rows.GroupBy(r => districts.Find(d => d.Id == r.DistrictId) is { } d ? (english && d.NameEn != null ? d.NameEn : d.Name) : noneLabel)
            .Select(g => new Count(g.Key, g.Count())).OrderByDescending(c => c.Value).ToList();
        return new MatchingCounts(byMonth, byProgramme, byDistrict, rows.Count);
    }
}

using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Features.Opportunities.Matching;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>
/// Tells volunteers of opportunities that fit them: at once for those who asked for each one, weekly for those who asked
/// for a digest. Every send is claimed first with a conditional update, so several app instances send it once.
/// </summary>
public class OpportunityNotifications(
    TsunaguDb db, VolunteerIndex volunteerIndex, OpportunityIndex opportunityIndex, Outbox outbox, PublicLinks links, CurrentCity city, Text t, TimeProvider clock)
{
    /// <summary>Below this score an opportunity is not worth an e-mail.</summary>
    public const int MinimumScore = 50;
    public const int DigestSize = 5;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>For each opportunity not yet announced: mail the fitting volunteers who want each one. Returns the mails queued.</summary>
    public async Task<int> SendNewOpportunityNoticesAsync(CancellationToken ct = default)
    {
        var pending = await db.Set<Opportunity>().Where(o => o.NotifiedAt == null && !o.IsDemo).Select(o => o.Id).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var wanting = await (from v in db.Set<Volunteer>()
                             join u in db.Users on v.UserId equals u.Id
                             where v.Notify == NotifyPreference.Each && v.Status == VolunteerStatus.Active && u.Email != null
                             select new { v.Id, u.Email }).ToDictionaryAsync(v => v.Id, v => v.Email!, ct);
        var profiles = await volunteerIndex.CurrentAsync(db, city.Required.Id, ct);
        var now = Now;
        var sent = 0;
        foreach (var id in pending)
        {
            var claimed = await db.Set<Opportunity>().Where(o => o.Id == id && o.NotifiedAt == null).ExecuteUpdateAsync(s => s.SetProperty(o => o.NotifiedAt, now), ct);
            if (claimed == 0) continue;
            var o = await db.Set<Opportunity>().AsNoTracking().Include(x => x.Skills).Include(x => x.Fields).Include(x => x.Shifts).AsSplitQuery().FirstAsync(x => x.Id == id, ct);
            var profile = OpportunityService.ProfileOf(o);
            if (!profile.HasOpenShift(now)) continue;
            foreach (var (volunteerId, email) in wanting)
            {
                if (!profiles.TryGetValue(volunteerId, out var v) || !MatchScore.Eligible(v, profile)) continue;
                var score = MatchScore.Of(v, profile, now);
                if (score.Total < MinimumScore) continue;
                outbox.Enqueue(email, t["【つなぐ】あなたに合いそうな募集があります"],
                    t["新しいボランティアの募集「{0}」が、あなたの登録内容に合いそうです（一致度 {1} 点）。\n\n{2}\n\nお知らせの受け取り方は、ボランティア登録の変更で選べます：{3}",
                        o.Title, score.Total, links.For($"/{city.Required.Slug}/opportunities/{o.Id}"), links.For($"/{city.Required.Slug}/volunteers/register")]);
                sent++;
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    /// <summary>Mails each volunteer who chose the weekly digest, at most once in seven days, the best new opportunities for them.</summary>
    public async Task<int> SendWeeklyDigestsAsync(CancellationToken ct = default)
    {
        var now = Now;
        var weekAgo = now.AddDays(-7);
        var due = await (from v in db.Set<Volunteer>()
                         join u in db.Users on v.UserId equals u.Id
                         where v.Notify == NotifyPreference.WeeklyDigest && v.Status == VolunteerStatus.Active && u.Email != null
                               && (v.DigestSentAt == null || v.DigestSentAt < weekAgo)
                         select new { v.Id, u.Email, v.DigestSentAt }).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var recent = await db.Set<Opportunity>().AsNoTracking().Where(o => o.Status == OpportunityStatus.Open && !o.IsDemo && o.CreatedAt >= weekAgo.AddDays(-7))
            .Select(o => new { o.Id, o.Title, o.CreatedAt }).ToListAsync(ct);
        var volunteers = await volunteerIndex.CurrentAsync(db, city.Required.Id, ct);
        var opportunities = await opportunityIndex.CurrentAsync(db, city.Required.Id, ct);
        var sent = 0;
        foreach (var person in due)
        {
            var claimed = await db.Set<Volunteer>().Where(v => v.Id == person.Id && v.DigestSentAt == person.DigestSentAt)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.DigestSentAt, now), ct);
            if (claimed == 0 || !volunteers.TryGetValue(person.Id, out var me)) continue;
            var since = person.DigestSentAt ?? weekAgo;
            var picks = recent.Where(o => o.CreatedAt > since && opportunities.TryGetValue(o.Id, out var p) && p.HasOpenShift(now) && MatchScore.Eligible(me, p))
                .Select(o => (o.Id, o.Title, Score: MatchScore.Of(me, opportunities[o.Id], now).Total))
                .Where(x => x.Score >= MinimumScore).OrderByDescending(x => x.Score).Take(DigestSize).ToList();
            if (picks.Count == 0) continue;
            var lines = string.Join("\n", picks.Select(p => $"・{p.Title}（{p.Score}）\n  {links.For($"/{city.Required.Slug}/opportunities/{p.Id}")}"));
            outbox.Enqueue(person.Email!, t["【つなぐ】今週のあなたへのおすすめ募集"],
                t["この1週間に載った募集から、あなたの登録内容に合いそうなものをお知らせします（かっこ内は一致度）。\n\n{0}\n\nお知らせの受け取り方は、ボランティア登録の変更で選べます：{1}",
                    lines, links.For($"/{city.Required.Slug}/volunteers/register")]);
            // Saved per person: each digest is claimed above, so a failure later in the run must not lose this one.
            await db.SaveChangesAsync(ct);
            sent++;
        }
        return sent;
    }
}

public class OpportunityNotificationsJob(IServiceScopeFactory scopes, ILogger<OpportunityNotificationsJob> log)
    : CityJob(scopes, log, TimeSpan.FromMinutes(10), "opportunity-notifications")
{
    protected override async Task RunForCityAsync(IServiceProvider services, City city, CancellationToken ct)
    {
        var notifications = services.GetRequiredService<OpportunityNotifications>();
        await notifications.SendNewOpportunityNoticesAsync(ct);
        await notifications.SendWeeklyDigestsAsync(ct);
    }
}

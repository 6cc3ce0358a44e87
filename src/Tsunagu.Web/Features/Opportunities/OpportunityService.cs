using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Opportunities.Matching;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities;

public enum Repeat { None, Weekly, Biweekly, Monthly }

/// <summary>Who may post as whom: a group the person administers, the centre (centre staff), or their department.</summary>
public sealed record Organiser(string Key, string Name, OrganiserKind Kind, int? GroupId, string? Department);

/// <summary>An opportunity as listed: enough to choose one, nothing personal.</summary>
public sealed record Listing(
    int Id, string Title, string Organiser, string? Place, string? District, bool Online, DateTime? NextShift, int PlacesLeft,
    string? Programme, bool InsuranceCovered, bool IsDemo);

/// <summary>Posting and finding opportunities, and ranking volunteers and opportunities for each other.</summary>
public class OpportunityService(
    TsunaguDb db, TimeProvider clock, CurrentCity city, VolunteerIndex volunteerIndex, OpportunityIndex opportunityIndex, Text t,
    IHttpContextAccessor http, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization)
{
    public const int PageSize = 20;
    public const int MaxShiftsPerSeries = 52;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<List<Programme>> ProgrammesAsync(CancellationToken ct = default) =>
        db.Set<Programme>().AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Id).ToListAsync(ct);

    /// <summary>Adds a programme at the end of the city's list; a name already on it is refused.</summary>
    public async Task<Problems> AddProgrammeAsync(string name, string? description, CancellationToken ct = default)
    {
        name = name.Trim();
        var programmes = await ProgrammesAsync(ct);
        if (programmes.Any(p => p.Name == name)) return Problems.Of("Name", t["「{0}」はすでにあります。", name]);
        db.Add(new Programme { Name = name, Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(), SortOrder = programmes.Count + 1 });
        await db.SaveChangesAsync(ct);
        return Problems.None;
    }

    /// <summary>Removes an unused programme: past matchings keep theirs for the counts. Null when there is no such programme.</summary>
    public async Task<Problems?> RemoveProgrammeAsync(int id, CancellationToken ct = default)
    {
        if (await db.Set<Programme>().FirstOrDefaultAsync(p => p.Id == id, ct) is not { } programme) return null;
        if (await db.Set<ShiftApplication>().AnyAsync(a => a.ProgrammeId == id, ct) || await db.Set<Opportunity>().AnyAsync(o => o.ProgrammeId == id, ct))
            return Problems.Of("", t["募集やマッチングに使われている制度・プログラムは削除できません。"]);
        db.Remove(programme);
        await db.SaveChangesAsync(ct);
        return Problems.None;
    }

    /// <summary>The organisers a person may post as, in this city.</summary>
    public async Task<List<Organiser>> OrganisersForAsync(string userId, CancellationToken ct = default)
    {
        var list = await (from a in db.Set<GroupAdministrator>()
                          join g in db.Groups on a.GroupId equals g.Id
                          where a.UserId == userId && g.Status == GroupStatus.Approved
                          orderby g.NameKana
                          select new Organiser("group-" + g.Id, g.Name, OrganiserKind.Group, g.Id, null)).ToListAsync(ct);
        if (await PassesAsync(Policies.CentreStaff))
            list.Add(new Organiser("centre", city.Required.CentreName, OrganiserKind.Centre, null, null));
        list.AddRange((await MyDepartmentsAsync(userId, ct)).Select(d => new Organiser("department-" + d, d, OrganiserKind.Department, null, d)));
        return list;
    }

    /// <summary>The departments whose staff the person is in this city (through the staff policy, so with two-factor sign-in).</summary>
    public async Task<List<string>> MyDepartmentsAsync(string userId, CancellationToken ct = default) =>
        await PassesAsync(Policies.DepartmentStaff)
            ? await db.CityMemberships.AsNoTracking().Where(m => m.UserId == userId && m.Role == CityRole.DepartmentStaff && m.Department != null)
                .Select(m => m.Department!.Name).Distinct().ToListAsync(ct)
            : [];

    /// <summary>
    /// Centre staff manage every opportunity of the city; a group's administrators theirs; a department's staff their
    /// department's (so a posting outlives the colleague who wrote it); anyone what they posted.
    /// </summary>
    public async Task<bool> CanManageAsync(Opportunity o, string userId, CancellationToken ct = default)
    {
        if (o.CreatedByUserId == userId) return true;
        if (o.GroupId is { } groupId && await db.Set<GroupAdministrator>().AnyAsync(a => a.GroupId == groupId && a.UserId == userId, ct)) return true;
        if (o.OrganiserKind == OrganiserKind.Department && o.DepartmentName is { } department && (await MyDepartmentsAsync(userId, ct)).Contains(department)) return true;
        return await PassesAsync(Policies.CentreStaff);
    }

    /// <summary>Staff powers through the policy, as on staff pages: the role in this city and two-factor sign-in.</summary>
    private async Task<bool> PassesAsync(string policy) =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && (await authorization.AuthorizeAsync(user, null, policy)).Succeeded;

    public Task<Opportunity?> FindAsync(int id, CancellationToken ct = default) =>
        db.Set<Opportunity>().Include(o => o.Skills).Include(o => o.Fields).Include(o => o.Shifts.OrderBy(s => s.StartsAt)).AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == id, ct);

    /// <summary>The organiser's name in the page's language, or in Japanese (<paramref name="english"/> false) for documents such as the certificate.</summary>
    public async Task<string> OrganiserNameAsync(Opportunity o, bool? english = null, CancellationToken ct = default) =>
        OrganiserName(o, o.OrganiserKind == OrganiserKind.Group ? await db.Groups.Where(g => g.Id == o.GroupId).Select(g => g.Name).FirstOrDefaultAsync(ct) : null, english);

    /// <summary>The organiser's name when a list has already read the group's name with its rows.</summary>
    public string OrganiserName(Opportunity o, string? groupName, bool? english = null) =>
        OrganiserName(o.OrganiserKind, groupName, o.DepartmentName, city.Required, english ?? Text.IsEnglish);

    /// <summary>Who runs an opportunity, by kind: the group, the department, or the city's centre.</summary>
    public static string OrganiserName(OrganiserKind kind, string? groupName, string? departmentName, City city, bool english) => kind switch
    {
        OrganiserKind.Group => groupName ?? "",
        OrganiserKind.Department => departmentName ?? "",
        _ => city.CentreDisplayName(english),
    };

    public sealed record Posting(
        string Title, string Description, string? Place, int? DistrictId, bool Online, IReadOnlyList<int> RequiredSkills, IReadOnlyList<int> WelcomeSkills,
        IReadOnlyList<int> Fields, int? MinAge, int? MaxAge, bool InsuranceCovered, int? ProgrammeId);

    /// <summary>What is wrong with a posting, by field (the page's input names).</summary>
    public Problems Check(Posting p)
    {
        var problems = new Problems();
        if (p.MinAge is < 0 or > 120) problems.Add("MinAge", t["年齢の下限は0〜120の数字で入力してください。"]);
        if (p.MaxAge is < 0 or > 120) problems.Add("MaxAge", t["年齢の上限は0〜120の数字で入力してください。"]);
        if (p.MinAge is { } min && p.MaxAge is { } max && min > max)
            problems.Add("MaxAge", t["年齢の上限が下限より小さいため、誰も参加できません。"]);
        if (!p.Online && string.IsNullOrWhiteSpace(p.Place)) problems.Add("Place", t["活動場所を入力するか、オンラインを選んでください。"]);
        if (p.RequiredSkills.Intersect(p.WelcomeSkills).Any()) problems.Add("WelcomeSkills", t["同じスキルを「必須」と「歓迎」の両方に選ぶことはできません。"]);
        return problems;
    }

    public sealed record ShiftPlan(DateOnly? Date, TimeOnly? Start, TimeOnly? End, int? Places, Repeat Repeat, int? Count);

    /// <summary>The shifts a plan makes (Japan time in, UTC out), or what is wrong with it, by field.</summary>
    public Problems PlanShifts(ShiftPlan plan, out List<(DateTime StartsAt, DateTime EndsAt)> shifts)
    {
        shifts = [];
        var problems = new Problems();
        if (plan.Date is null) problems.Add("Date", t["日付を入力してください。"]);
        if (plan.Start is null) problems.Add("Start", t["開始時刻を入力してください。"]);
        if (plan.End is null) problems.Add("End", t["終了時刻を入力してください。"]);
        if (plan.Places is null) problems.Add("Places", t["募集人数を入力してください。"]);
        else if (plan.Places is < 1) problems.Add("Places", t["募集人数は1人以上にしてください。"]);
        else if (plan.Places > 1000) problems.Add("Places", t["募集人数は1,000人以下にしてください。"]);
        var count = plan.Repeat == Repeat.None ? 1 : plan.Count ?? 0;
        if (plan.Repeat != Repeat.None && count is < 2 or > MaxShiftsPerSeries)
            problems.Add("Count", t["繰り返す回数は2〜{0}回にしてください。", MaxShiftsPerSeries]);
        if (plan is { Start: { } s, End: { } e } && e <= s) problems.Add("End", t["終了時刻は開始時刻より後にしてください。"]);
        if (!problems.Ok) return problems;

        for (var i = 0; i < count; i++)
        {
            var date = plan.Repeat switch
            {
                Repeat.Weekly => plan.Date!.Value.AddDays(7 * i),
                Repeat.Biweekly => plan.Date!.Value.AddDays(14 * i),
                Repeat.Monthly => plan.Date!.Value.AddMonths(i),
                _ => plan.Date!.Value,
            };
            shifts.Add((Display.ToUtc(date, plan.Start!.Value), Display.ToUtc(date, plan.End!.Value)));
        }
        if (shifts[0].StartsAt <= Now) problems.Add("Date", t["過去の日時には募集できません。これからの日時を入力してください。"]);
        return problems;
    }

    public async Task<Opportunity> CreateAsync(string userId, Organiser organiser, Posting p, IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)> shifts, int places, CancellationToken ct = default)
    {
        var o = new Opportunity
        {
            Title = p.Title,
            Description = p.Description,
            CreatedByUserId = userId,
            OrganiserKind = organiser.Kind,
            GroupId = organiser.GroupId,
            DepartmentName = organiser.Department,
            Status = OpportunityStatus.Open,
            CreatedAt = Now,
        };
        await ApplyAsync(o, p, ct);
        o.Shifts.AddRange(shifts.Select(s => new Shift { StartsAt = s.StartsAt, EndsAt = s.EndsAt, Places = places }));
        db.Add(o);
        await db.SaveChangesAsync(ct);
        return o;
    }

    public async Task UpdateAsync(Opportunity o, Posting p, CancellationToken ct = default)
    {
        await ApplyAsync(o, p, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task ApplyAsync(Opportunity o, Posting p, CancellationToken ct)
    {
        var skillIds = p.RequiredSkills.Concat(p.WelcomeSkills).ToList();
        var known = await db.Set<VolunteerSkill>().Where(s => skillIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        o.Title = p.Title.Trim();
        o.Description = p.Description.Trim();
        o.Place = string.IsNullOrWhiteSpace(p.Place) ? null : p.Place.Trim();
        o.DistrictId = p.DistrictId is { } d && await db.Districts.AnyAsync(x => x.Id == d, ct) ? d : null;
        o.Online = p.Online;
        o.MinAge = p.MinAge;
        o.MaxAge = p.MaxAge;
        o.InsuranceCovered = p.InsuranceCovered;
        o.ProgrammeId = p.ProgrammeId is { } pr && await db.Set<Programme>().AnyAsync(x => x.Id == pr, ct) ? pr : null;
        var wanted = p.RequiredSkills.Where(known.Contains).Distinct().Select(id => (id, true))
            .Concat(p.WelcomeSkills.Where(known.Contains).Distinct().Select(id => (id, false))).ToList();
        o.Skills.RemoveAll(s => !wanted.Contains((s.SkillId, s.Required)));
        o.Skills.AddRange(wanted.Where(w => !o.Skills.Any(s => s.SkillId == w.id)).Select(w => new OpportunitySkill { SkillId = w.id, Required = w.Item2 }));
        var fields = p.Fields.Distinct().Where(f => ActivityFields.Find(f) is not null).ToList();
        o.Fields.RemoveAll(f => !fields.Contains(f.Field));
        o.Fields.AddRange(fields.Where(f => o.Fields.All(x => x.Field != f)).Select(f => new OpportunityField { Field = f }));
        o.SearchText = Groups.SearchText.Of(o.Title, o.Description, o.Place);
        o.UpdatedAt = Now;
    }

    public async Task AddShiftsAsync(Opportunity o, IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)> shifts, int places, CancellationToken ct = default)
    {
        o.Shifts.AddRange(shifts.Select(s => new Shift { StartsAt = s.StartsAt, EndsAt = s.EndsAt, Places = places }));
        o.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
    }

    public sealed record Query(string? Q, int? Field, int? District, int? Skill, int? Programme, bool OnlineOnly, int Page);

    /// <summary>Open opportunities with a shift still to come, soonest first.</summary>
    public async Task<(List<Listing> Items, int Total)> SearchAsync(Query q, CancellationToken ct = default)
    {
        var now = Now;
        var query = db.Set<Opportunity>().AsNoTracking()
            .Where(o => o.Status == OpportunityStatus.Open && db.Set<Shift>().Any(s => s.OpportunityId == o.Id && s.StartsAt > now));
        foreach (var word in Groups.SearchText.Words(q.Q)) query = query.Where(o => o.SearchText.Contains(word));
        if (q.Field is { } f) query = query.Where(o => o.Fields.Any(x => x.Field == f));
        if (q.District is { } d) query = query.Where(o => o.DistrictId == d);
        if (q.Skill is { } sk) query = query.Where(o => o.Skills.Any(x => x.SkillId == sk));
        if (q.Programme is { } p) query = query.Where(o => o.ProgrammeId == p);
        if (q.OnlineOnly) query = query.Where(o => o.Online);
        var total = await query.CountAsync(ct);
        var ids = await query
            .OrderBy(o => db.Set<Shift>().Where(s => s.OpportunityId == o.Id && s.StartsAt > now).Min(s => s.StartsAt)).ThenBy(o => o.Id)
            .Skip((Math.Clamp(q.Page, 1, 100_000) - 1) * PageSize).Take(PageSize).Select(o => o.Id).ToListAsync(ct);
        return (await ListingsAsync(ids, ct), total);
    }

    /// <summary>Listings for the given opportunities, in the given order.</summary>
    public async Task<List<Listing>> ListingsAsync(IReadOnlyList<int> ids, CancellationToken ct = default)
    {
        var now = Now;
        var english = Text.IsEnglish;
        var rows = await db.Set<Opportunity>().AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new
            {
                o.Id,
                o.Title,
                o.OrganiserKind,
                o.DepartmentName,
                o.Place,
                o.Online,
                o.InsuranceCovered,
                o.IsDemo,
                Group = db.Groups.Where(g => g.Id == o.GroupId).Select(g => g.Name).FirstOrDefault(),
                District = db.Districts.Where(x => x.Id == o.DistrictId).Select(x => english && x.NameEn != null ? x.NameEn : x.Name).FirstOrDefault(),
                Programme = db.Set<Programme>().Where(x => x.Id == o.ProgrammeId).Select(x => x.Name).FirstOrDefault(),
                Next = db.Set<Shift>().Where(s => s.OpportunityId == o.Id && s.StartsAt > now).Min(s => (DateTime?)s.StartsAt),
                Left = db.Set<Shift>().Where(s => s.OpportunityId == o.Id && s.StartsAt > now).Sum(s => s.Places - s.Confirmed),
            }).ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).Select(r => new Listing(
            r.Id, r.Title, OrganiserName(r.OrganiserKind, r.Group, r.DepartmentName, city.Required, english),
            r.Place, r.District, r.Online, r.Next, Math.Max(0, r.Left), r.Programme, r.InsuranceCovered, r.IsDemo)).ToList();
    }

    public sealed record RankedVolunteer(int VolunteerId, MatchScore Score);

    /// <summary>
    /// The volunteers who may take part, best fit first; for <paramref name="forShift"/>, availability is scored against
    /// that shift alone (the organiser is looking for people for that day).
    /// </summary>
    public async Task<List<RankedVolunteer>> RankVolunteersAsync(Opportunity o, int take, Shift? forShift = null, CancellationToken ct = default)
    {
        var volunteers = await volunteerIndex.CurrentAsync(db, city.Required.Id, ct);
        var profile = ProfileOf(o);
        if (forShift is not null) profile = profile with { Shifts = [new ShiftSlot(forShift.StartsAt, MatchScore.SlotOf(forShift.StartsAt), false)] };
        var now = Now;
        return Top(volunteers.Values.Where(v => MatchScore.Eligible(v, profile)).Select(v => new RankedVolunteer(v.Id, MatchScore.Of(v, profile, now))),
            take, r => r.Score.Total, r => r.VolunteerId);
    }

    public sealed record Recommendation(int OpportunityId, MatchScore Score);

    /// <summary>Open opportunities the volunteer may take part in, best fit first ("for you").</summary>
    public async Task<List<Recommendation>> ForYouAsync(Volunteer volunteer, int take, CancellationToken ct = default)
    {
        if (volunteer.Status != VolunteerStatus.Active) return [];
        var opportunities = await opportunityIndex.CurrentAsync(db, city.Required.Id, ct);
        var me = ProfileOf(volunteer);
        var now = Now;
        return Top(opportunities.Values.Where(o => o.HasOpenShift(now) && MatchScore.Eligible(me, o)).Select(o => new Recommendation(o.Id, MatchScore.Of(me, o, now))),
            take, r => r.Score.Total, r => -r.OpportunityId);
    }

    /// <summary>The best <paramref name="take"/> by score (ties by key), without sorting everything.</summary>
    private static List<T> Top<T>(IEnumerable<T> items, int take, Func<T, int> score, Func<T, int> tieBreak)
    {
        var heap = new PriorityQueue<T, (int, int)>(take + 1);
        foreach (var item in items)
        {
            heap.Enqueue(item, (score(item), -tieBreak(item)));
            if (heap.Count > take) heap.Dequeue();
        }
        var list = new List<T>(heap.Count);
        while (heap.TryDequeue(out var item, out _)) list.Add(item);
        list.Reverse();
        return list;
    }

    public static VolunteerProfile ProfileOf(Volunteer v) => new(
        v.Id, [.. v.Skills.Select(s => s.SkillId).Order()], MatchScore.FieldMask(v.Interests.Select(i => i.Field)), [.. v.Districts.Select(d => d.DistrictId).Order()],
        v.Availability, v.AgeBand, v.Status == VolunteerStatus.Active && !v.NeedsGuardianConsent, v.ShiftsRecorded, v.ShiftsAttended);

    public static OpportunityProfile ProfileOf(Opportunity o) => new(
        o.Id, [.. o.Skills.Where(s => s.Required).Select(s => s.SkillId)], [.. o.Skills.Where(s => !s.Required).Select(s => s.SkillId)],
        MatchScore.FieldMask(o.Fields.Select(f => f.Field)), o.DistrictId, o.Online, o.MinAge, o.MaxAge, o.Status == OpportunityStatus.Open,
        [.. o.Shifts.OrderBy(s => s.StartsAt).Select(s => new ShiftSlot(s.StartsAt, MatchScore.SlotOf(s.StartsAt), s.Confirmed >= s.Places))]);
}

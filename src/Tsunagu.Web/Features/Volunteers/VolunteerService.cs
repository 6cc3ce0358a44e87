using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Volunteers;

/// <summary>The city's volunteer registry: the skill list the centre keeps, and each citizen's registration.</summary>
public class VolunteerService(TsunaguDb db, TimeProvider clock, CurrentCity city, Text t)
{
    /// <summary>The list a city starts with; the centre edits it.</summary>
    public static readonly string[] DefaultSkills =
        ["防災・災害支援", "手話", "要約筆記", "傾聴", "子どもの見守り・学習支援", "高齢者の見守り・話し相手", "清掃・環境美化", "調理",
         "パソコン・IT", "翻訳・通訳", "運転", "イベントの運営", "広報・デザイン・写真", "会計・事務", "農作業", "スポーツ指導"];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The city's skills; a city without a list gets the default one the first time it is asked for. Two first visits at
    /// the same moment take turns on the city's row, so the list is written once.
    /// </summary>
    public async Task<List<VolunteerSkill>> SkillsAsync(CancellationToken ct = default)
    {
        var skills = await db.Set<VolunteerSkill>().OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToListAsync(ct);
        if (skills.Count > 0) return skills;
        var cityId = city.Required.Id;
        await db.InTurnAsync(async () =>
        {
            await db.TakeAsync<City>(c => c.Id == cityId, ct);
            if (await db.Set<VolunteerSkill>().AnyAsync(ct)) return;
            db.AddRange(DefaultSkills.Select((name, i) => new VolunteerSkill { Name = name, SortOrder = i + 1 }));
            await db.SaveChangesAsync(ct);
        }, ct);
        return await db.Set<VolunteerSkill>().AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToListAsync(ct);
    }

    /// <summary>Adds a skill at the end of the city's list; a name already on it is refused.</summary>
    public async Task<Problems> AddSkillAsync(string name, CancellationToken ct = default)
    {
        name = name.Trim();
        var skills = await SkillsAsync(ct);
        if (skills.Any(s => s.Name == name)) return Problems.Of("Name", t["「{0}」はすでに一覧にあります。", name]);
        db.Add(new VolunteerSkill { Name = name, SortOrder = skills.Count == 0 ? 1 : skills.Max(s => s.SortOrder) + 1 });
        await db.SaveChangesAsync(ct);
        return Problems.None;
    }

    /// <summary>Takes a skill off the list (volunteers who chose it lose it with it); false when there is no such skill.</summary>
    public async Task<bool> RemoveSkillAsync(int id, CancellationToken ct = default)
    {
        if (await db.Set<VolunteerSkill>().FirstOrDefaultAsync(s => s.Id == id, ct) is not { } skill) return false;
        db.Remove(skill);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public Task<Volunteer?> MineAsync(string userId, CancellationToken ct = default) =>
        db.Set<Volunteer>().Include(v => v.Skills).Include(v => v.Interests).Include(v => v.Districts).AsSplitQuery()
            .FirstOrDefaultAsync(v => v.UserId == userId, ct);

    public sealed record Registration(
        AgeBand AgeBand, IReadOnlyList<int> Skills, string? FreeSkills, IReadOnlyList<int> Interests, IReadOnlyList<int> Districts,
        int Availability, string? Languages, string? Qualifications, string? Phone, NotifyPreference Notify, string? GuardianName, bool GuardianConsents);

    /// <summary>Creates or updates the person's registration; skills and districts not of this city are dropped.</summary>
    public async Task<Volunteer> SaveAsync(string userId, Registration r, CancellationToken ct = default)
    {
        var volunteer = await MineAsync(userId, ct);
        if (volunteer is null)
        {
            volunteer = new Volunteer { UserId = userId, CreatedAt = Now, Status = VolunteerStatus.Active };
            db.Add(volunteer);
        }
        // Registering again after leaving starts the registration afresh.
        if (volunteer.Status == VolunteerStatus.Left) volunteer.Status = VolunteerStatus.Active;
        var skills = await db.Set<VolunteerSkill>().Where(s => r.Skills.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        var districts = await db.Districts.Where(d => r.Districts.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
        volunteer.AgeBand = r.AgeBand;
        volunteer.FreeSkills = Clean(r.FreeSkills);
        volunteer.Availability = r.Availability & ((1 << 21) - 1);
        volunteer.Languages = Clean(r.Languages);
        volunteer.Qualifications = Clean(r.Qualifications);
        volunteer.Phone = r.Phone;
        volunteer.Notify = r.Notify;
        if (r.AgeBand == AgeBand.Under18)
        {
            volunteer.GuardianName = Clean(r.GuardianName);
            volunteer.GuardianConsentAt = r.GuardianConsents ? volunteer.GuardianConsentAt ?? Now : null;
        }
        else
        {
            volunteer.GuardianName = null;
            volunteer.GuardianConsentAt = null;
        }
        volunteer.Skills.RemoveAll(s => !skills.Contains(s.SkillId));
        volunteer.Skills.AddRange(skills.Where(id => volunteer.Skills.All(s => s.SkillId != id)).Select(id => new VolunteerSkillChoice { SkillId = id }));
        var fields = r.Interests.Distinct().Where(f => Groups.ActivityFields.Find(f) is not null).ToList();
        volunteer.Interests.RemoveAll(i => !fields.Contains(i.Field));
        volunteer.Interests.AddRange(fields.Where(f => volunteer.Interests.All(i => i.Field != f)).Select(f => new VolunteerInterest { Field = f }));
        volunteer.Districts.RemoveAll(d => !districts.Contains(d.DistrictId));
        volunteer.Districts.AddRange(districts.Where(d => volunteer.Districts.All(x => x.DistrictId != d)).Select(d => new VolunteerDistrict { DistrictId = d }));
        volunteer.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return volunteer;
    }

    /// <summary>Pausing keeps the registration but sends nothing; leaving also clears what was told about the person.</summary>
    public async Task SetStatusAsync(Volunteer volunteer, VolunteerStatus status, CancellationToken ct = default)
    {
        volunteer.Status = status;
        if (status == VolunteerStatus.Left)
        {
            volunteer.Phone = null;
            volunteer.Languages = null;
            volunteer.Qualifications = null;
            volunteer.FreeSkills = null;
            volunteer.GuardianName = null;
            volunteer.GuardianConsentAt = null;
            volunteer.Notify = NotifyPreference.None;
            volunteer.Availability = 0;
            volunteer.Skills.Clear();
            volunteer.Interests.Clear();
            volunteer.Districts.Clear();
        }
        volunteer.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
    }

    public static int Bit(int day, int period) => 1 << (day * 3 + period);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public static class VolunteerTexts
{
    public static string AgeBand(AgeBand a) => a switch
    {
        Volunteers.AgeBand.Under18 => "18歳未満",
        Volunteers.AgeBand.Age18To29 => "18〜29歳",
        Volunteers.AgeBand.Age30s => "30代",
        Volunteers.AgeBand.Age40s => "40代",
        Volunteers.AgeBand.Age50s => "50代",
        Volunteers.AgeBand.Age60s => "60代",
        _ => "70歳以上",
    };

    public static string Notify(NotifyPreference n) => n switch
    {
        NotifyPreference.None => "知らせなくてよい",
        NotifyPreference.Each => "新しい募集があるたびに知らせる",
        _ => "週に1回まとめて知らせる",
    };

    public static string Status(VolunteerStatus s) => s switch
    {
        VolunteerStatus.Active => "登録中",
        VolunteerStatus.Paused => "休止中",
        _ => "退会",
    };

    public static readonly string[] Days = ["月", "火", "水", "木", "金", "土", "日"];
    public static readonly string[] Periods = ["午前", "午後", "夜"];
}

using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Opportunities.Matching;

/// <summary>What the matching knows of a volunteer: small sorted arrays and bit masks, so 100,000 of them score in milliseconds.</summary>
public sealed record VolunteerProfile(
    int Id, int[] Skills, int Interests, int[] Districts, int Availability, AgeBand AgeBand, bool CanTakePart, int Recorded, int Attended);

/// <summary>One shift as the matching sees it: when, its weekday × time-of-day bit, and whether places are left.</summary>
public readonly record struct ShiftSlot(DateTime StartsAt, int Slot, bool Full);

/// <summary>What the matching knows of an opportunity.</summary>
public sealed record OpportunityProfile(
    int Id, int[] RequiredSkills, int[] WelcomeSkills, int Fields, int? DistrictId, bool Online, int? MinAge, int? MaxAge, bool Open, ShiftSlot[] Shifts)
{
    /// <summary>Whether a shift is still to come with a place left.</summary>
    public bool HasOpenShift(DateTime now) => Open && Shifts.Any(s => !s.Full && s.StartsAt > now);
}

/// <summary>
/// How well a volunteer and an opportunity fit, out of 100, in parts a person can read: skills (35), interests (20),
/// district (15), availability over the coming shifts (20) and past reliability (10). The same score ranks volunteers
/// for an organiser and opportunities for a volunteer.
/// </summary>
public readonly record struct MatchScore(
    int RequiredSkills, int RequiredMatched, int WelcomeSkills, int WelcomeMatched,
    int OpportunityFields, int SharedFields,
    bool Online, bool HasDistrict, bool DistrictReachable,
    int ShiftsConsidered, int ShiftsAvailable,
    int Recorded, int Attended)
{
    public const int SkillPoints = 35, InterestPoints = 20, DistrictPoints = 15, AvailabilityPoints = 20, ReliabilityPoints = 10;
    /// <summary>Shifts further ahead than this many say little about whether the person can come.</summary>
    private const int ShiftsLooked = 20;

    public int Skills =>
        (RequiredSkills == 0 ? 25 : 25 * RequiredMatched / RequiredSkills) + (WelcomeSkills == 0 ? 10 : 10 * WelcomeMatched / WelcomeSkills);

    public int Interests => OpportunityFields == 0 ? InterestPoints / 2 : SharedFields == 0 ? 0 : Math.Min(InterestPoints, InterestPoints * 2 * SharedFields / (OpportunityFields + 1));

    public int District => Online || !HasDistrict || DistrictReachable ? DistrictPoints : 0;

    public int Availability => ShiftsConsidered == 0 ? 0 : AvailabilityPoints * ShiftsAvailable / ShiftsConsidered;

    /// <summary>Someone without a record yet is neither helped nor held back: half the points.</summary>
    public int Reliability => Recorded == 0 ? ReliabilityPoints / 2 : ReliabilityPoints * Attended / Recorded;

    public int Total => Skills + Interests + District + Availability + Reliability;

    public static MatchScore Of(VolunteerProfile v, OpportunityProfile o, DateTime now)
    {
        int considered = 0, available = 0;
        foreach (var shift in o.Shifts)
        {
            if (shift.Full || shift.StartsAt <= now) continue;
            considered++;
            if ((v.Availability & shift.Slot) != 0) available++;
            if (considered == ShiftsLooked) break;
        }
        return new MatchScore(
            o.RequiredSkills.Length, CountShared(o.RequiredSkills, v.Skills), o.WelcomeSkills.Length, CountShared(o.WelcomeSkills, v.Skills),
            System.Numerics.BitOperations.PopCount((uint)o.Fields), System.Numerics.BitOperations.PopCount((uint)(o.Fields & v.Interests)),
            o.Online, o.DistrictId is not null, o.DistrictId is { } d && Array.BinarySearch(v.Districts, d) >= 0,
            considered, available, v.Recorded, v.Attended);
    }

    /// <summary>Whether the person may take part at all: registered and active, consent given if under 18, and within the age limits.</summary>
    public static bool Eligible(VolunteerProfile v, OpportunityProfile o) => v.CanTakePart && AgeFits(v.AgeBand, o.MinAge, o.MaxAge);

    public static bool AgeFits(AgeBand band, int? minAge, int? maxAge)
    {
        var (low, high) = AgeRange(band);
        return high >= (minAge ?? 0) && low <= (maxAge ?? int.MaxValue);
    }

    public static (int Low, int High) AgeRange(AgeBand band) => band switch
    {
        AgeBand.Under18 => (0, 17),
        AgeBand.Age18To29 => (18, 29),
        AgeBand.Age30s => (30, 39),
        AgeBand.Age40s => (40, 49),
        AgeBand.Age50s => (50, 59),
        AgeBand.Age60s => (60, 69),
        _ => (70, 150),
    };

    /// <summary>The weekday × time-of-day bit of a shift, as volunteers mark their availability (Japan time).</summary>
    public static int SlotOf(DateTime startsAtUtc)
    {
        var local = Display.ToTokyo(startsAtUtc);
        var day = ((int)local.DayOfWeek + 6) % 7;
        var period = local.Hour < 12 ? 0 : local.Hour < 17 ? 1 : 2;
        return VolunteerService.Bit(day, period);
    }

    public static int FieldMask(IEnumerable<int> fields) => fields.Aggregate(0, (mask, f) => f is >= 1 and <= 30 ? mask | (1 << f) : mask);

    /// <summary>The score's parts as sentences, in the page's language.</summary>
    public IEnumerable<string> Reasons(Text t)
    {
        yield return RequiredSkills + WelcomeSkills == 0
            ? t["スキル：指定なし（{0}/{1}点）", Skills, SkillPoints]
            : t["スキル：必須 {0}/{1}・歓迎 {2}/{3}（{4}/{5}点）", RequiredMatched, RequiredSkills, WelcomeMatched, WelcomeSkills, Skills, SkillPoints];
        yield return OpportunityFields == 0
            ? t["関心分野：指定なし（{0}/{1}点）", Interests, InterestPoints]
            : t["関心分野：{0}分野が一致（{1}/{2}点）", SharedFields, Interests, InterestPoints];
        yield return Online ? t["地区：オンライン（{0}/{1}点）", District, DistrictPoints]
            : !HasDistrict ? t["地区：指定なし（{0}/{1}点）", District, DistrictPoints]
            : DistrictReachable ? t["地区：行ける地区（{0}/{1}点）", District, DistrictPoints]
            : t["地区：登録した地区の外（{0}/{1}点）", District, DistrictPoints];
        yield return t["日時：{0}回中{1}回が活動できる時間帯（{2}/{3}点）", ShiftsConsidered, ShiftsAvailable, Availability, AvailabilityPoints];
        yield return Recorded == 0 ? t["実績：まだありません（{0}/{1}点）", Reliability, ReliabilityPoints]
            : t["実績：{0}回中{1}回参加（{2}/{3}点）", Recorded, Attended, Reliability, ReliabilityPoints];
    }

    private static int CountShared(int[] wanted, int[] sortedHave)
    {
        var n = 0;
        foreach (var w in wanted) if (Array.BinarySearch(sortedHave, w) >= 0) n++;
        return n;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>
/// The organiser's page for one opportunity: shifts and their applicants (accept, decline, attendance and hours), volunteers
/// ranked for a shift with the reasons (invite), more shifts, closing. Contact details appear only once a person is confirmed.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class ManageModel(OpportunityService opportunities, ApplicationStateMachine applications, TsunaguDb db, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    public const int CandidatesShown = 20;

    public Opportunity Opportunity { get; private set; } = null!;
    public List<Applicant> Applicants { get; private set; } = [];
    public List<Candidate> Candidates { get; private set; } = [];
    public Shift? CandidateShift { get; private set; }
    public Dictionary<int, string> SkillNames { get; private set; } = [];

    [BindProperty] public ShiftPlanInput Shifts { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "shift")] public int? ShiftForCandidates { get; set; }

    /// <summary>An application as the organiser sees it; Name, Email and Phone only once confirmed.</summary>
    public sealed record Applicant(
        int Id, int ShiftId, int VolunteerId, ApplicationStatus Status, bool Invited, string? Message, DateTime CreatedAt,
        AgeBand AgeBand, string? Name, string? Email, string? Phone, bool? Attended, decimal? Hours, bool HoursConfirmed);

    public sealed record Candidate(int VolunteerId, Matching.MatchScore Score, AgeBand AgeBand, List<int> Skills, string? FreeSkills, string? Qualifications, ApplicationStatus? Already);

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public Task<IActionResult> OnPostAcceptAsync(int id, int applicationId) => DecideAsync(id, applicationId, accept: true);

    public Task<IActionResult> OnPostDeclineAsync(int id, int applicationId) => DecideAsync(id, applicationId, accept: false);

    private async Task<IActionResult> DecideAsync(int id, int applicationId, bool accept)
    {
        if (await AuthorizeAsync(id) is { } refused) return refused;
        if (await FindApplicationAsync(id, applicationId) is not { } application) return NotFound();
        if (application.Invited) return BadRequest(); // the invited volunteer answers an invitation, not the organiser
        var result = accept ? await applications.ConfirmAsync(application, HttpContext.RequestAborted) : await applications.DeclineAsync(application, HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded ? (accept ? "参加を決定しました。ボランティアにお知らせしました。" : "今回は見送りました。ボランティアにお知らせしました。") : result.Problems.Summary;
        return Back(id);
    }

    public async Task<IActionResult> OnPostAttendanceAsync(int id, int applicationId, bool attended, string? hours)
    {
        if (await AuthorizeAsync(id) is { } refused) return refused;
        if (await FindApplicationAsync(id, applicationId) is not { } application) return NotFound();
        decimal? parsed = decimal.TryParse(hours, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var h) ? h : null;
        var result = await applications.RecordAttendanceAsync(application, attended, parsed, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddProblems(result.Problems, prefix: null, fieldFor: _ => $"hours-{applicationId}-value");
            await LoadPageAsync();
            return Page();
        }
        TempData["Notice"] = "活動の記録を保存しました。";
        return Back(id);
    }

    public async Task<IActionResult> OnPostInviteAsync(int id, int volunteerId, int shiftId)
    {
        ShiftForCandidates = shiftId;
        if (await LoadAsync(id) is { } refused) return refused;
        // Only someone the page offered: no inviting (and e-mailing) the whole registry by counting through ids.
        if (CandidateShift?.Id != shiftId || !Candidates.Any(c => c.VolunteerId == volunteerId && c.Already is null)) return BadRequest();
        var result = await applications.InviteAsync(Opportunity, shiftId, volunteerId, HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded ? "お誘いを送りました。" : result.Problems.Summary;
        return Redirect($"/{city.Required.Slug}/opportunities/{id}/manage?shift={shiftId}#candidates");
    }

    public async Task<IActionResult> OnPostAddShiftsAsync(int id)
    {
        if (await AuthorizeAsync(id) is { } refused) return refused;
        var planned = Shifts.Plan(opportunities, ModelState, nameof(Shifts));
        if (planned is null)
        {
            await LoadPageAsync();
            return Page();
        }
        await opportunities.AddShiftsAsync(Opportunity, planned, Shifts.Places!.Value, HttpContext.RequestAborted);
        TempData["Notice"] = t["{0}回分の日時を追加しました。", planned.Count];
        return Back(id);
    }

    public async Task<IActionResult> OnPostRemoveShiftAsync(int id, int shiftId)
    {
        if (await AuthorizeAsync(id) is { } refused) return refused;
        TempData["Notice"] = await applications.RemoveShiftAsync(Opportunity, shiftId, HttpContext.RequestAborted)
            ? "日時を削除しました。" : "参加が決まった方がいる日時は削除できません。";
        return Back(id);
    }

    public async Task<IActionResult> OnPostStatusAsync(int id, OpportunityStatus status)
    {
        if (await AuthorizeAsync(id) is { } refused) return refused;
        await applications.SetStatusAsync(Opportunity, status, HttpContext.RequestAborted);
        TempData["Notice"] = status == OpportunityStatus.Closed ? "募集を締め切りました。" : "募集を再開しました。";
        return Back(id);
    }

    private RedirectResult Back(int id) => Redirect($"/{city.Required.Slug}/opportunities/{id}/manage");

    private Task<ShiftApplication?> FindApplicationAsync(int id, int applicationId) =>
        db.Set<ShiftApplication>().FirstOrDefaultAsync(a => a.Id == applicationId && a.OpportunityId == id);

    /// <summary>The opportunity, if it exists and the person may manage it; else the answer to give. Handlers that only act and redirect need no more.</summary>
    private async Task<IActionResult?> AuthorizeAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (await opportunities.FindAsync(id, ct) is not { } o) return NotFound();
        if (!await opportunities.CanManageAsync(o, users.GetUserId(User)!, ct)) return Forbid();
        Opportunity = o;
        return null;
    }

    /// <summary>Authorizes, then loads what the page shows (applicants, and the ranked candidates, which score every volunteer).</summary>
    private async Task<IActionResult?> LoadAsync(int id)
    {
        if (await AuthorizeAsync(id) is { } refused) return refused;
        await LoadPageAsync();
        return null;
    }

    private async Task LoadPageAsync()
    {
        var ct = HttpContext.RequestAborted;
        var o = Opportunity;
        var id = o.Id;
        Applicants = await (from a in db.Set<ShiftApplication>().AsNoTracking()
                            join v in db.Set<Volunteer>() on a.VolunteerId equals v.Id
                            join u in db.Users on v.UserId equals u.Id
                            where a.OpportunityId == id
                            orderby a.CreatedAt
                            select new Applicant(a.Id, a.ShiftId, a.VolunteerId, a.Status, a.Invited, a.Message, a.CreatedAt, v.AgeBand,
                                a.Status == ApplicationStatus.Confirmed ? u.DisplayName : null,
                                a.Status == ApplicationStatus.Confirmed ? u.Email : null,
                                a.Status == ApplicationStatus.Confirmed ? v.Phone : null,
                                a.Attended, a.Hours, a.VolunteerConfirmedAt != null)).ToListAsync(ct);
        SkillNames = await db.Set<VolunteerSkill>().AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var now = DateTime.UtcNow;
        CandidateShift = o.Shifts.Find(s => s.Id == ShiftForCandidates && s.StartsAt > now && s.PlacesLeft > 0) ?? o.Shifts.Find(s => s.StartsAt > now && s.PlacesLeft > 0);
        if (CandidateShift is not null && o.Status == OpportunityStatus.Open)
        {
            var ranked = await opportunities.RankVolunteersAsync(o, CandidatesShown, CandidateShift, ct);
            var ids = ranked.Select(r => r.VolunteerId).ToList();
            var people = await db.Set<Volunteer>().AsNoTracking().Include(v => v.Skills).Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
            var already = Applicants.Where(a => a.ShiftId == CandidateShift.Id).ToDictionary(a => a.VolunteerId, a => a.Status);
            Candidates = [.. ranked.Where(r => people.ContainsKey(r.VolunteerId)).Select(r => people[r.VolunteerId] is var v
                ? new Candidate(v.Id, r.Score, v.AgeBand, [.. v.Skills.Select(s => s.SkillId)], v.FreeSkills, v.Qualifications, already.TryGetValue(v.Id, out var st) ? st : null)
                : null!)];
        }
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>A volunteer's applications, invitations and activity: answer, withdraw, confirm hours, download certificates.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class ActivitiesModel(ApplicationStateMachine applications, OpportunityService opportunities, VolunteerService volunteers, TsunaguDb db, UserManager<AppUser> users, CurrentCity city) : PageModel
{
    public sealed record Row(ShiftApplication Application, string Title, string Organiser, Shift Shift);

    public Volunteer? Me { get; private set; }
    public List<Row> Rows { get; private set; } = [];
    public decimal ConfirmedHours => Rows.Where(r => r.Application.VolunteerConfirmedAt != null).Sum(r => r.Application.Hours ?? 0);

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostAcceptAsync(int applicationId) => ActAsync(applicationId, a => a.Status == ApplicationStatus.Invited ? applications.ConfirmAsync(a) : null,
        "参加を決めました。主催者にお知らせしました。");

    public Task<IActionResult> OnPostDeclineAsync(int applicationId) => ActAsync(applicationId, a => a.Status == ApplicationStatus.Invited ? applications.DeclineAsync(a) : null,
        "お誘いを辞退しました。");

    public Task<IActionResult> OnPostWithdrawAsync(int applicationId) => ActAsync(applicationId, a => applications.WithdrawAsync(a), "応募を取り消しました。");

    public Task<IActionResult> OnPostConfirmHoursAsync(int applicationId) => ActAsync(applicationId, a => applications.ConfirmHoursAsync(a),
        "活動時間を確認しました。活動証明書をダウンロードできます。");

    private async Task<IActionResult> ActAsync(int applicationId, Func<ShiftApplication, Task<ApplicationResult>?> act, string done)
    {
        if (await MyApplicationAsync(applicationId) is not { } application) return NotFound();
        if (act(application) is not { } task) return BadRequest();
        var result = await task;
        TempData["Notice"] = result.Succeeded ? done : result.Problems.Summary;
        return Redirect($"/{city.Required.Slug}/volunteers/activities");
    }

    private async Task<ShiftApplication?> MyApplicationAsync(int applicationId)
    {
        var me = await volunteers.MineAsync(users.GetUserId(User)!, HttpContext.RequestAborted);
        return me is null ? null : await db.Set<ShiftApplication>().FirstOrDefaultAsync(a => a.Id == applicationId && a.VolunteerId == me.Id);
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Me = await volunteers.MineAsync(users.GetUserId(User)!, ct);
        if (Me is null) return;
        var rows = await (from a in db.Set<ShiftApplication>().AsNoTracking()
                          join s in db.Set<Shift>() on a.ShiftId equals s.Id
                          join o in db.Set<Opportunity>() on a.OpportunityId equals o.Id
                          where a.VolunteerId == Me.Id
                          orderby s.StartsAt descending
                          select new { a, s, o, GroupName = db.Groups.Where(g => g.Id == o.GroupId).Select(g => g.Name).FirstOrDefault() }).ToListAsync(ct);
        foreach (var r in rows) Rows.Add(new Row(r.a, r.o.Title, opportunities.OrganiserName(r.o, r.GroupName), r.s));
    }

    /// <summary>The certificate for one confirmed activity whose hours the volunteer has confirmed.</summary>
    public static async Task<IResult> CertificateAsync(int id, VolunteerService volunteers, OpportunityService opportunities, TsunaguDb db,
        UserManager<AppUser> users, [FromServices] CurrentCity currentCity, HttpContext http, CancellationToken ct)
    {
        var userId = users.GetUserId(http.User)!;
        if (await volunteers.MineAsync(userId, ct) is not { } me) return Results.NotFound();
        var row = await (from a in db.Set<ShiftApplication>().AsNoTracking()
                         join s in db.Set<Shift>() on a.ShiftId equals s.Id
                         join o in db.Set<Opportunity>() on a.OpportunityId equals o.Id
                         where a.Id == id && a.VolunteerId == me.Id && a.Status == ApplicationStatus.Confirmed && a.Attended == true && a.VolunteerConfirmedAt != null
                         select new { a, s, o }).FirstOrDefaultAsync(ct);
        if (row is null) return Results.NotFound();
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(ct);
        var pdf = ActivityCertificate.Render(new ActivityCertificate.Facts(
            currentCity.Required.Name, currentCity.Required.CentreName, name, row.o.Title, await opportunities.OrganiserNameAsync(row.o, english: false, ct), row.s.StartsAt, row.s.EndsAt,
            row.a.Hours ?? 0, row.o.Place ?? (row.o.Online ? "オンライン" : null), row.a.VolunteerConfirmedAt!.Value, row.a.Id));
        return Results.File(pdf, "application/pdf", $"certificate-{row.a.Id}.pdf");
    }
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces.Admin;

/// <summary>
/// The counter's lockers and mailboxes: applications to assign a number to, payments to record (which confirms and e-mails
/// the group), cancellations, the year-end renewals, and the lockers themselves. Every change is in the audit log.
/// </summary>
[Authorize(Policy = Policies.CentreStaff)]
public class LockersModel(LockerService lockers, TsunaguDb db, CurrentCity city, Text t, TimeProvider clock) : PageModel
{
    public List<LockerService.RentalRow> Waiting { get; private set; } = [];
    public List<LockerService.RentalRow> Confirmed { get; private set; } = [];
    public List<LockerService.Renewal> Renewals { get; private set; } = [];
    public List<Locker> All { get; private set; } = [];
    /// <summary>Live rentals by (locker, year), to offer only free numbers.</summary>
    public HashSet<(int Locker, int Year)> Taken { get; private set; } = [];
    public Calendar.FiscalYear[] Years => lockers.OpenYears;
    public DateOnly Today => Display.Today(clock);

    [BindProperty] public LockerInput Edit { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "edit")] public int? EditId { get; set; }

    public class LockerInput
    {
        public int? Id { get; set; }
        [Display(Name = "番号")][StringLength(20, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Label { get; set; }
        [Display(Name = "種類")] public LockerKind? Kind { get; set; }
        [Display(Name = "大きさ・備考")][StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Notes { get; set; }
        [Display(Name = "年間の利用料（円）")] public int? AnnualFeeYen { get; set; }
        [Display(Name = "貸し出す（使えない番号は外す）")] public bool Active { get; set; } = true;
    }

    public List<SelectListItem> KindChoices =>
        [new(t["（選んでください）"], ""), .. Enum.GetValues<LockerKind>().Select(k => new SelectListItem(t[LockerTexts.Kind(k)], k.ToString()))];

    /// <summary>The numbers staff may assign to an application: active, same kind, free that year (or already its own).</summary>
    public List<SelectListItem> ChoicesFor(LockerRental r) =>
        [.. All.Where(l => l.Active && l.Kind == r.Kind && (l.Id == r.LockerId || !Taken.Contains((l.Id, r.FiscalYear))))
            .Select(l => new SelectListItem(t["{0}（{1}円）", l.Label, l.AnnualFeeYen.ToString("N0", CultureInfo.CurrentCulture)], l.Id.ToString(CultureInfo.InvariantCulture), l.Id == r.LockerId))];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (EditId is { } id && All.Find(l => l.Id == id) is { } l)
            Edit = new LockerInput { Id = l.Id, Label = l.Label, Kind = l.Kind, Notes = l.Notes, AnnualFeeYen = l.AnnualFeeYen, Active = l.Active };
    }

    public async Task<IActionResult> OnPostAssignAsync(int id, int lockerId) =>
        await ActAsync(id, r => lockers.AssignAsync(r, lockerId), "番号を割り当てました。窓口で支払いを受けたら、支払日を記録してください。");

    public async Task<IActionResult> OnPostConfirmAsync(int id, DateOnly? paidOn) =>
        await ActAsync(id, r => lockers.ConfirmAsync(r, paidOn), "支払いを記録し、利用を確定しました。団体にメールで知らせました。");

    public async Task<IActionResult> OnPostCancelAsync(int id) =>
        await ActAsync(id, async r => await lockers.CancelAsync(r, byStaff: true) ? null : t["この申し込みは、もう取り消されています。"], "申し込みを取り消しました。番号は空きに戻りました。");

    public async Task<IActionResult> OnPostLockerAsync()
    {
        ModelState.KeepOnly(nameof(Edit));
        Locker? existing = null;
        if (Edit.Id is { } id && (existing = await db.Set<Locker>().FirstOrDefaultAsync(l => l.Id == id)) is null) return NotFound();
        if (ModelState.IsValid)
        {
            var problems = await lockers.SaveLockerAsync(existing, Edit.Label, Edit.Kind, Edit.Notes, Edit.AnnualFeeYen, Edit.Active, HttpContext.RequestAborted);
            ModelState.AddProblems(problems, nameof(Edit));
            if (problems.Ok)
            {
                TempData["Notice"] = existing is null ? "追加しました。" : "保存しました。";
                return Redirect($"/{city.Required.Slug}/admin/spaces/lockers#lockers");
            }
        }
        await LoadAsync();
        return Page();
    }

    private async Task<IActionResult> ActAsync(int id, Func<LockerRental, Task<string?>> act, string done)
    {
        if (await db.Set<LockerRental>().FirstOrDefaultAsync(r => r.Id == id) is not { } rental) return NotFound();
        if (await act(rental) is { } error) TempData["Warning"] = error;
        else TempData["Notice"] = done;
        return Redirect($"/{city.Required.Slug}/admin/spaces/lockers");
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        All = await lockers.LockersAsync(false, ct);
        var first = Years[0].StartYear;
        var live = db.Set<LockerRental>().Where(r => r.Status != LockerRentalStatus.Cancelled && r.FiscalYear >= first);
        Taken = [.. (await live.Where(r => r.LockerId != null).Select(r => new { r.LockerId, r.FiscalYear }).ToListAsync(ct)).Select(x => (x.LockerId!.Value, x.FiscalYear))];
        Waiting = await lockers.RowsAsync(live.Where(r => r.Status == LockerRentalStatus.Applied), ct);
        Confirmed = await lockers.RowsAsync(live.Where(r => r.Status == LockerRentalStatus.Confirmed), ct);
        Renewals = await lockers.RenewalsAsync(ct);
    }
}

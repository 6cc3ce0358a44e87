using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>
/// A registered group's administrators apply for a locker or mailbox for a fiscal year and see their groups' rentals
/// (only those: another group's are never listed nor found).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class LockersMineModel(LockerService lockers, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "申し込む団体")] public int? GroupId { get; set; }
        [Display(Name = "種類")] public LockerKind? Kind { get; set; }
        [Display(Name = "年度")] public int? FiscalYear { get; set; }
        [Display(Name = "希望の番号")] public int? LockerId { get; set; }
        [Display(Name = "センターへの連絡事項")][StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Note { get; set; }
    }

    public List<Group> Groups { get; private set; } = [];
    public List<LockerService.RentalRow> Rentals { get; private set; } = [];
    public List<SelectListItem> GroupChoices { get; private set; } = [];
    public List<SelectListItem> KindChoices { get; private set; } = [];
    public List<SelectListItem> YearChoices { get; private set; } = [];
    public List<SelectListItem> LockerChoices { get; private set; } = [];
    public Calendar.FiscalYear ThisYear => lockers.ThisYear;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.GroupId = Groups.Count == 1 ? Groups[0].Id : null;
        Input.FiscalYear = lockers.ThisYear.StartYear;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var applied = await lockers.ApplyAsync(UserId, new LockerService.Application(Input.GroupId, Input.Kind, Input.FiscalYear, Input.LockerId, Input.Note), HttpContext.RequestAborted);
        ModelState.AddProblems(applied.Problems);
        if (!applied.Ok)
        {
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = "申し込みを受け付けました。番号が割り当てられたら、センターの窓口で年間の利用料をお支払いください。";
        return Redirect($"/{city.Required.Slug}/spaces/lockers/mine");
    }

    /// <summary>This year's confirmed rental, applied for again for next year with the same locker (if it is still free).</summary>
    public async Task<IActionResult> OnPostRenewAsync(int id)
    {
        if (await lockers.FindForAdministratorAsync(id, UserId, HttpContext.RequestAborted) is not { Status: LockerRentalStatus.Confirmed } rental) return NotFound();
        var renewed = await lockers.ApplyAsync(UserId,
            new LockerService.Application(rental.GroupId, rental.Kind, rental.FiscalYear + 1, rental.LockerId, t["継続の申し込み"]), HttpContext.RequestAborted);
        TempData["Notice"] = renewed.Ok ? "来年度も同じ番号で申し込みました。" : renewed.Problems.Summary;
        return Redirect($"/{city.Required.Slug}/spaces/lockers/mine");
    }

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        if (await lockers.FindForAdministratorAsync(id, UserId, HttpContext.RequestAborted) is not { } rental) return NotFound();
        TempData["Notice"] = await lockers.CancelAsync(rental, byStaff: false, HttpContext.RequestAborted)
            ? "申し込みを取り消しました。"
            : "支払い済みの申し込みは、センターの窓口で取り消してください。";
        return Redirect($"/{city.Required.Slug}/spaces/lockers/mine");
    }

    private string UserId => users.GetUserId(User)!;

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Groups = await lockers.GroupsOfAsync(UserId, ct);
        Rentals = await lockers.ForAdministratorAsync(UserId, ct);
        GroupChoices = [.. Groups.Count == 1 ? [] : new[] { new SelectListItem(t["（選んでください）"], "") }, .. Groups.Select(g => new SelectListItem(g.Name, g.Id.ToString(CultureInfo.InvariantCulture)))];
        KindChoices = [new(t["（選んでください）"], ""), .. Enum.GetValues<LockerKind>().Select(k => new SelectListItem(t[LockerTexts.Kind(k)], k.ToString()))];
        YearChoices = [.. lockers.OpenYears.Select(y => new SelectListItem(t["{0}（{1}年4月〜{2}年3月）", y.ToJapanese(), y.StartYear, y.StartYear + 1], y.StartYear.ToString(CultureInfo.InvariantCulture)))];
        var (all, now, next, _) = await lockers.AvailabilityAsync(ct);
        var years = lockers.OpenYears;
        LockerChoices = [new(t["（センターに任せる）"], ""), .. all.Select(l => new SelectListItem(
            t["{0}：{1}・{2}円（{3}：{4}、{5}：{6}）", l.Label, t[LockerTexts.Kind(l.Kind)], l.AnnualFeeYen.ToString("N0", CultureInfo.CurrentCulture),
                years[0].ToJapanese(), now.Contains(l.Id) ? t["貸出中"] : t["空き"], years[1].ToJapanese(), next.Contains(l.Id) ? t["貸出中"] : t["空き"]],
            l.Id.ToString(CultureInfo.InvariantCulture)))];
    }
}

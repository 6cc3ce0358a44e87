using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces.Admin;

/// <summary>The city's booking rules: opening hours, closed weekdays, how far ahead each may book, the payment deadline, free cancellation, the flat fee.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class RulesModel(SpaceService spaces, SpaceSetupService setup, CurrentCity city) : PageModel
{
    [BindProperty] public RulesInput Rules { get; set; } = new();
    /// <summary>Closed weekdays, Monday = 0.</summary>
    [BindProperty] public List<int> ClosedDays { get; set; } = [];

    public class RulesInput
    {
        [Display(Name = "開館時刻")] public TimeOnly Opens { get; set; }
        [Display(Name = "閉館時刻")] public TimeOnly Closes { get; set; }
        [Display(Name = "登録団体が予約できる日数（何日先まで）")] public int GroupHorizonDays { get; set; }
        [Display(Name = "そのほかの人が予約できる日数（何日先まで）")] public int OtherHorizonDays { get; set; }
        [Display(Name = "仮予約の支払期限（日数）")] public int ProvisionalDays { get; set; }
        [Display(Name = "無料で取り消せる期限（利用日の何日前まで）")] public int FreeCancellationDays { get; set; }
        [Display(Name = "1時間の料金：登録団体（円）")] public int GroupFeePerHour { get; set; }
        [Display(Name = "1時間の料金：そのほか（円）")] public int OtherFeePerHour { get; set; }
    }

    public async Task OnGetAsync()
    {
        var r = await spaces.RulesAsync(HttpContext.RequestAborted);
        Rules = new()
        {
            Opens = r.Opens,
            Closes = r.Closes,
            GroupHorizonDays = r.GroupHorizonDays,
            OtherHorizonDays = r.OtherHorizonDays,
            ProvisionalDays = r.ProvisionalDays,
            FreeCancellationDays = r.FreeCancellationDays,
            GroupFeePerHour = r.GroupFeePerHour,
            OtherFeePerHour = r.OtherFeePerHour,
        };
        ClosedDays = [.. Enumerable.Range(0, 7).Where(d => (r.ClosedWeekdays & (1 << d)) != 0)];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var problems = await setup.SaveRulesAsync(new SpaceSetupService.RulesInput(Rules.Opens, Rules.Closes, ClosedDays, Rules.GroupHorizonDays, Rules.OtherHorizonDays,
            Rules.ProvisionalDays, Rules.FreeCancellationDays, Rules.GroupFeePerHour, Rules.OtherFeePerHour), HttpContext.RequestAborted);
        ModelState.AddProblems(problems, nameof(Rules));
        if (!problems.Ok) return Page();
        TempData["Notice"] = "予約のきまりを保存しました。";
        return Redirect($"/{city.Required.Slug}/admin/spaces/rules");
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Groups.Renewal;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Admin;

/// <summary>Centre staff run the yearly renewal: start the year's round, follow who has confirmed, unpublish the lapsed.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class RenewalModel(RenewalService renewal, CurrentCity city, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "対象の年度")]
        [Required(ErrorMessage = "対象の年度を選んでください。")]
        public int? FiscalYear { get; set; }

        [Display(Name = "確認の期限")]
        [Required(ErrorMessage = "確認の期限を入力してください。")]
        public DateOnly? DueOn { get; set; }

        [Display(Name = "期限後に公開を停止するまでの猶予（日）")]
        [Required(ErrorMessage = "猶予の日数を入力してください。")]
        [Range(0, 365, ErrorMessage = "猶予の日数は0から365までの数で入力してください。")]
        public int? GraceDays { get; set; }
    }

    public RenewalRound? Round { get; private set; }
    public List<RenewalService.Row> Rows { get; private set; } = [];
    public DateOnly Today => renewal.Today;
    public List<SelectListItem> Years { get; private set; } = [];

    public int Count(RenewalState state) => Rows.Count(r => r.State == state);

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var next = Round is null ? FiscalYear.Of(Today) : new FiscalYear(Math.Max(Round.FiscalYear + 1, FiscalYear.Of(Today).StartYear));
        Input = new InputModel { FiscalYear = next.StartYear, DueOn = Today.AddMonths(1), GraceDays = Round?.GraceDays ?? RenewalService.DefaultGraceDays };
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        if (ModelState.IsValid)
        {
            var (problem, asked) = await renewal.StartAsync(Input.FiscalYear!.Value, Input.DueOn!.Value, Input.GraceDays!.Value, HttpContext.RequestAborted);
            switch (problem)
            {
                case RenewalService.StartProblem.YearTaken:
                    ModelState.AddModelError("Input.FiscalYear", t["この年度の更新はすでに始めています。"]);
                    break;
                case RenewalService.StartProblem.DueInPast:
                    ModelState.AddModelError("Input.DueOn", t["確認の期限は今日以降の日付にしてください。"]);
                    break;
                case RenewalService.StartProblem.GraceOutOfRange:
                    ModelState.AddModelError("Input.GraceDays", t["猶予の日数は0から365までの数で入力してください。"]);
                    break;
                default:
                    TempData["Notice"] = t["年次更新を始め、{0}団体に確認をお願いするメールを送りました。", asked];
                    return Redirect($"/{city.Required.Slug}/admin/groups/renewal");
            }
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>The centre records that a group confirmed its registration by phone, on paper or at the counter.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(int groupId)
    {
        if (!await renewal.ConfirmByCentreAsync(groupId, HttpContext.RequestAborted)) return NotFound();
        TempData["Notice"] = "センターで確認済みにしました。";
        return Redirect($"/{city.Required.Slug}/admin/groups/renewal");
    }

    public async Task<IActionResult> OnPostEnforceAsync()
    {
        var count = await renewal.EnforceAsync(HttpContext.RequestAborted);
        TempData["Notice"] = t["確認のなかった{0}団体の公開を停止しました。", count];
        return Redirect($"/{city.Required.Slug}/admin/groups/renewal");
    }

    private async Task LoadAsync()
    {
        Round = await renewal.CurrentRoundAsync(HttpContext.RequestAborted);
        if (Round is not null) Rows = await renewal.GroupsAsync(Round, HttpContext.RequestAborted);
        var thisYear = FiscalYear.Of(Today).StartYear;
        Years = Enumerable.Range(thisYear, 2)
            .Select(y => new SelectListItem(Text.IsEnglish ? new FiscalYear(y).ToString() : new FiscalYear(y).ToJapanese(), y.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    public static string StateText(RenewalState state) => state switch
    {
        RenewalState.Confirmed => "確認済み",
        RenewalState.Awaiting => "確認待ち",
        RenewalState.Overdue => "期限切れ（猶予期間中）",
        _ => "公開停止",
    };
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>A signed-in person asks for a room, once or weekly/monthly; it stays provisional until paid at the counter.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class BookModel(SpaceService spaces, TsunaguDb db, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "部屋")]
        public int RoomId { get; set; }

        [Display(Name = "利用する団体")]
        public int? GroupId { get; set; }

        [Display(Name = "日付")]
        public DateOnly? Date { get; set; }

        [Display(Name = "開始時刻")]
        public TimeOnly? Start { get; set; }

        [Display(Name = "終了時刻")]
        public TimeOnly? End { get; set; }

        [Display(Name = "利用目的")]
        [StringLength(200, ErrorMessage = "利用目的は200文字以内にしてください。")]
        public string? Purpose { get; set; }

        [Display(Name = "繰り返し")]
        public BookingRepeat Repeat { get; set; }

        [Display(Name = "回数")]
        public int? Count { get; set; }
    }

    public List<SelectListItem> RoomChoices { get; private set; } = [];
    public List<SelectListItem> GroupChoices { get; private set; } = [];
    public List<SpaceService.Conflict> Conflicts { get; private set; } = [];
    public List<SelectListItem> RepeatChoices =>
        [new(t["繰り返さない（1回だけ）"], nameof(BookingRepeat.None)), new(t["毎週"], nameof(BookingRepeat.Weekly)), new(t["毎月（同じ日）"], nameof(BookingRepeat.Monthly))];

    public async Task OnGetAsync(int? room, DateOnly? date)
    {
        await LoadAsync();
        Input.RoomId = room ?? 0;
        Input.Date = date;
        Input.Start = new TimeOnly(10, 0);
        Input.End = new TimeOnly(12, 0);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid) return Page();
        var outcome = await spaces.RequestAsync(users.GetUserId(User)!,
            new SpaceService.Request(Input.RoomId, Input.Date, Input.Start, Input.End, Input.Purpose ?? "", Input.GroupId, Input.Repeat, Input.Count), HttpContext.RequestAborted);
        foreach (var (field, message) in outcome.Problems) ModelState.AddModelError($"Input.{field}", message);
        Conflicts = outcome.Conflicts;
        if (Conflicts.Count > 0) ModelState.AddModelError("conflicts", t["{0}件の日時がほかの予約と重なっています。下の一覧を見て、日時を変えてください。", Conflicts.Count]);
        if (!outcome.Succeeded) return Page();
        TempData["Notice"] = "仮予約しました。期限までにセンターの窓口で利用料をお支払いください。支払いが確認されると本予約になります。";
        return Redirect($"/{city.Required.Slug}/spaces/mine");
    }

    private async Task LoadAsync()
    {
        var userId = users.GetUserId(User)!;
        RoomChoices = [new(t["（選んでください）"], "0"), .. (await spaces.RoomsAsync(HttpContext.RequestAborted)).Select(r => new SelectListItem(r.Name, r.Id.ToString()))];
        var groups = await (from a in db.Set<GroupAdministrator>() join g in db.Groups on a.GroupId equals g.Id
                            where a.UserId == userId && g.Status == GroupStatus.Approved orderby g.NameKana select new { g.Id, g.Name }).ToListAsync();
        GroupChoices = [new(t["（個人として利用する）"], ""), .. groups.Select(g => new SelectListItem(g.Name, g.Id.ToString()))];
    }
}

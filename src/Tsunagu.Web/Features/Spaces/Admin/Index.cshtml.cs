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

/// <summary>The counter: confirm paid bookings, cancel, record how many came, block times; and the year's use so far.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class IndexModel(SpaceService spaces, TsunaguDb db, CurrentCity city, Text t, TimeProvider clock) : PageModel
{
    public sealed record Row(Booking Booking, string Room, string? Who)
    {
        /// <summary>The equipment lent with the booking, as "プロジェクター 1点".</summary>
        public List<string> Lent { get; set; } = [];
    }

    /// <summary>Why the city lends no rooms (it has no centre yet), or null: said at the top of the counter.</summary>
    public string? NotLending => spaces.NotLending;
    public List<Row> Waiting { get; private set; } = [];
    public List<Row> Upcoming { get; private set; } = [];
    public List<Row> ToCount { get; private set; } = [];
    public List<SelectListItem> RoomChoices { get; private set; } = [];
    public Calendar.FiscalYear Year { get; private set; }
    public List<SpaceService.Usage> UsageByRoom { get; private set; } = [];
    public List<SpaceService.Usage> UsageByMonth { get; private set; } = [];

    [BindProperty] public BlockInput Block { get; set; } = new();

    public class BlockInput
    {
        [Display(Name = "部屋")] public int RoomId { get; set; }
        [Display(Name = "日付")] public DateOnly? Date { get; set; }
        [Display(Name = "開始時刻")] public TimeOnly? Start { get; set; }
        [Display(Name = "終了時刻")] public TimeOnly? End { get; set; }
        [Display(Name = "理由")] public string? Reason { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostConfirmAsync(int id) => await ActAsync(id, b => spaces.ConfirmAsync(b), "支払いを記録し、本予約にしました。");

    public async Task<IActionResult> OnPostCancelAsync(int id) => await ActAsync(id, b => spaces.CancelAsync(b), "予約を取り消しました。");

    public async Task<IActionResult> OnPostPeopleAsync(int id, int people) => await ActAsync(id, b => spaces.RecordPeopleAsync(b, people), "利用人数を記録しました。");

    private async Task<IActionResult> ActAsync(int id, Func<Booking, Task<bool>> act, string done)
    {
        if (await db.Set<Booking>().FirstOrDefaultAsync(b => b.Id == id) is not { } booking) return NotFound();
        TempData["Notice"] = await act(booking) ? done : "この予約には、その操作はできません。";
        return Redirect($"/{city.Required.Slug}/admin/spaces");
    }

    public async Task<IActionResult> OnPostBlockAsync()
    {
        if (ModelState.IsValid)
        {
            var outcome = await spaces.BlockAsync(Block.RoomId, Block.Date, Block.Start, Block.End, string.IsNullOrWhiteSpace(Block.Reason) ? "センターの都合" : Block.Reason, HttpContext.RequestAborted);
            ModelState.AddProblems(outcome.Problems, nameof(Block), field => field == "Purpose" ? nameof(BlockInput.Reason) : field);
            foreach (var c in outcome.Conflicts) ModelState.AddModelError("Block.Date", t["{0}：{1}", Display.Span(c.StartsAt, c.EndsAt), c.Reason]);
            if (outcome.Succeeded)
            {
                TempData["Notice"] = "利用できない時間として登録しました。";
                return Redirect($"/{city.Required.Slug}/admin/spaces");
            }
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rooms = await spaces.RoomsAsync(ct);
        RoomChoices = [new(t["（選んでください）"], "0"), .. rooms.Select(r => new SelectListItem(r.Name, r.Id.ToString(CultureInfo.InvariantCulture)))];
        Year = Calendar.FiscalYear.Of(Display.Today(clock));
        (UsageByRoom, UsageByMonth) = await spaces.UsageAsync(Year, ct);
        var names = rooms.ToDictionary(r => r.Id, r => r.Name);
        var now = clock.GetUtcNow().UtcDateTime;
        async Task<List<Row>> RowsAsync(IQueryable<Booking> q) =>
            [.. (await (from b in q join u in db.Users on b.UserId equals u.Id into who from u in who.DefaultIfEmpty()
                        select new { b, Who = u == null ? null : u.DisplayName + "（" + u.Email + "）" }).AsNoTracking().Take(200).ToListAsync(ct))
                .Select(x => new Row(x.b, names.GetValueOrDefault(x.b.RoomId, ""), x.Who))];
        // Provisional bookings, and rooms held for a group's event whose fee is still due at the counter.
        Waiting = await RowsAsync(db.Set<Booking>().Where(b => b.Status == BookingStatus.Provisional
            || (b.Status == BookingStatus.Confirmed && b.PaidAt == null && b.FeeYen > 0 && b.EndsAt > now)).OrderBy(b => b.ConfirmBy));
        Upcoming = await RowsAsync(db.Set<Booking>().Where(b => (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Blocked) && b.EndsAt > now).OrderBy(b => b.StartsAt));
        ToCount = await RowsAsync(db.Set<Booking>().Where(b => b.Status == BookingStatus.Confirmed && b.StartsAt <= now && b.People == null).OrderByDescending(b => b.StartsAt));
        var lent = await spaces.LentAsync([.. Waiting.Concat(Upcoming).Select(r => r.Booking.Id).Distinct()], ct);
        foreach (var r in Waiting.Concat(Upcoming)) r.Lent = [.. lent[r.Booking.Id]];
    }
}

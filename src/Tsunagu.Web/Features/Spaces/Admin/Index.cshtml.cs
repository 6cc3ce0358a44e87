using Tsunagu.Web.Shared;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces.Admin;

/// <summary>The counter: confirm paid bookings, cancel, record how many came, block times, keep the rooms and the rules.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public partial class IndexModel(SpaceService spaces, SpaceSetupService setup, LotteryService lotteries, TsunaguDb db, CurrentCity city, Text t) : PageModel
{
    public sealed record Row(Booking Booking, string Room, string? Who)
    {
        /// <summary>The equipment lent with the booking, as "プロジェクター 1点".</summary>
        public List<string> Lent { get; set; } = [];
    }

    public List<Row> Waiting { get; private set; } = [];
    public List<Row> Upcoming { get; private set; } = [];
    public List<Row> ToCount { get; private set; } = [];
    public List<Room> Rooms { get; private set; } = [];
    public List<SelectListItem> RoomChoices => [new(t["（選んでください）"], "0"), .. Rooms.Select(r => new SelectListItem(r.Name, r.Id.ToString()))];

    [BindProperty] public RoomInput NewRoom { get; set; } = new();
    [BindProperty] public BlockInput Block { get; set; } = new();
    [BindProperty] public LotteryInput NewLottery { get; set; } = new();
    public List<Lottery> Lotteries { get; private set; } = [];
    public Calendar.FiscalYear Year { get; private set; }
    public List<SpaceService.Usage> UsageByRoom { get; private set; } = [];
    public List<SpaceService.Usage> UsageByMonth { get; private set; } = [];

    public class LotteryInput
    {
        [Display(Name = "部屋")] public int RoomId { get; set; }
        [Display(Name = "抽選の名前")] public string? Title { get; set; }
        [Display(Name = "対象期間の初日")] public DateOnly? From { get; set; }
        [Display(Name = "対象期間の最終日")] public DateOnly? To { get; set; }
        [Display(Name = "申し込みの締め切り日")] public DateOnly? Closes { get; set; }
    }

    public async Task<IActionResult> OnPostLotteryAsync()
    {
        ModelState.KeepOnly(nameof(NewLottery));
        if (ModelState.IsValid)
        {
            var problems = await lotteries.CreateAsync(NewLottery.RoomId, NewLottery.Title ?? "", NewLottery.From, NewLottery.To, NewLottery.Closes, HttpContext.RequestAborted);
            ModelState.AddProblems(problems, nameof(NewLottery));
            if (problems.Ok)
            {
                TempData["Notice"] = "抽選の受付を始めました。";
                return Redirect($"/{city.Required.Slug}/admin/spaces#lotteries");
            }
        }
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostDrawAsync(int id, int? seed)
    {
        if (await db.Set<Lottery>().FirstOrDefaultAsync(l => l.Id == id) is not { } lottery) return NotFound();
        var error = await lotteries.DrawAsync(lottery, seed, HttpContext.RequestAborted);
        TempData["Notice"] = error ?? "抽選しました。結果を申込者にメールで知らせました。";
        return Redirect(error is null ? $"/{city.Required.Slug}/spaces/lotteries/{id}#result" : $"/{city.Required.Slug}/admin/spaces#lotteries");
    }
    [BindProperty] public RulesInput Rules { get; set; } = new();
    [BindProperty] public List<int> ClosedDays { get; set; } = [];

    public class RoomInput
    {
        [Display(Name = "部屋の名前")]
        [Required(ErrorMessage = "部屋の名前を入力してください。")]
        [StringLength(100, ErrorMessage = "部屋の名前は100文字以内にしてください。")]
        public string? Name { get; set; }

        [Display(Name = "定員")]
        [Range(1, 1000, ErrorMessage = "定員は1〜1,000人で入力してください。")]
        public int Capacity { get; set; } = 10;

        [Display(Name = "設備")]
        [StringLength(500, ErrorMessage = "設備は500文字以内にしてください。")]
        public string? Facilities { get; set; }

        [Display(Name = "バリアフリーの情報")]
        [StringLength(500, ErrorMessage = "バリアフリーの情報は500文字以内にしてください。")]
        public string? AccessibilityNotes { get; set; }
    }

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

        public static RulesInput From(SpaceRules r) => new()
        {
            Opens = r.Opens, Closes = r.Closes, GroupHorizonDays = r.GroupHorizonDays, OtherHorizonDays = r.OtherHorizonDays, ProvisionalDays = r.ProvisionalDays,
            FreeCancellationDays = r.FreeCancellationDays, GroupFeePerHour = r.GroupFeePerHour, OtherFeePerHour = r.OtherFeePerHour,
        };
    }

    public class BlockInput
    {
        [Display(Name = "部屋")] public int RoomId { get; set; }
        [Display(Name = "日付")] public DateOnly? Date { get; set; }
        [Display(Name = "開始時刻")] public TimeOnly? Start { get; set; }
        [Display(Name = "終了時刻")] public TimeOnly? End { get; set; }
        [Display(Name = "理由")] public string? Reason { get; set; }
    }

    public async Task OnGetAsync(int? band, int? item)
    {
        await LoadAsync();
        Prefill(band, item);
        var rules = await spaces.RulesAsync(HttpContext.RequestAborted);
        Rules = RulesInput.From(rules);
        ClosedDays = [.. Enumerable.Range(0, 7).Where(d => (rules.ClosedWeekdays & (1 << d)) != 0)];
    }

    public async Task<IActionResult> OnPostConfirmAsync(int id) => await ActAsync(id, b => spaces.ConfirmAsync(b), "支払いを記録し、本予約にしました。");

    public async Task<IActionResult> OnPostCancelAsync(int id) => await ActAsync(id, b => spaces.CancelAsync(b), "予約を取り消しました。");

    public async Task<IActionResult> OnPostPeopleAsync(int id, int people) => await ActAsync(id, b => spaces.RecordPeopleAsync(b, people), "利用人数を記録しました。");

    private async Task<IActionResult> ActAsync(int id, Func<Booking, Task<bool>> act, string done)
    {
        if (await db.Set<Booking>().FirstOrDefaultAsync(b => b.Id == id) is not { } booking) return NotFound();
        TempData["Notice"] = await act(booking) ? done : "この予約には、その操作はできません。";
        return Redirect($"/{city.Required.Slug}/admin/spaces");
    }

    public async Task<IActionResult> OnPostRoomAsync()
    {
        ModelState.KeepOnly(nameof(NewRoom));
        var name = NewRoom.Name?.Trim();
        if (name is { Length: > 0 } && await db.Set<Room>().AnyAsync(r => r.Name == name)) ModelState.AddModelError("NewRoom.Name", t["「{0}」はすでにあります。", name]);
        if (!ModelState.IsValid)
        {
            return await ReloadAsync();
        }
        db.Add(new Room { Name = name!, Capacity = NewRoom.Capacity, Facilities = NewRoom.Facilities?.Trim(), AccessibilityNotes = NewRoom.AccessibilityNotes?.Trim(), SortOrder = await db.Set<Room>().CountAsync() + 1 });
        await db.SaveChangesAsync();
        TempData["Notice"] = "部屋を追加しました。";
        return Redirect($"/{city.Required.Slug}/admin/spaces");
    }

    public async Task<IActionResult> OnPostBlockAsync()
    {
        ModelState.KeepOnly(nameof(Block));
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
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostRulesAsync()
    {
        ModelState.KeepOnly(nameof(Rules));
        if (Rules.Closes <= Rules.Opens) ModelState.AddModelError("Rules.Closes", t["閉館時刻は開館時刻より後にしてください。"]);
        if (Rules.GroupHorizonDays is < 1 or > 730) ModelState.AddModelError("Rules.GroupHorizonDays", t["日数は1〜730日で入力してください。"]);
        if (Rules.OtherHorizonDays is < 1 or > 730) ModelState.AddModelError("Rules.OtherHorizonDays", t["日数は1〜730日で入力してください。"]);
        if (Rules.ProvisionalDays is < 1 or > 60) ModelState.AddModelError("Rules.ProvisionalDays", t["日数は1〜60日で入力してください。"]);
        if (Rules.FreeCancellationDays is < 0 or > 60) ModelState.AddModelError("Rules.FreeCancellationDays", t["日数は0〜60日で入力してください。"]);
        if (Rules.GroupFeePerHour is < 0 or > 1_000_000) ModelState.AddModelError("Rules.GroupFeePerHour", t["料金は0円以上で入力してください。"]);
        if (Rules.OtherFeePerHour is < 0 or > 1_000_000) ModelState.AddModelError("Rules.OtherFeePerHour", t["料金は0円以上で入力してください。"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var rules = await spaces.RulesAsync(HttpContext.RequestAborted);
        rules.Opens = Rules.Opens;
        rules.Closes = Rules.Closes;
        rules.ClosedWeekdays = ClosedDays.Where(d => d is >= 0 and < 7).Aggregate(0, (m, d) => m | (1 << d));
        rules.GroupHorizonDays = Rules.GroupHorizonDays;
        rules.OtherHorizonDays = Rules.OtherHorizonDays;
        rules.ProvisionalDays = Rules.ProvisionalDays;
        rules.FreeCancellationDays = Rules.FreeCancellationDays;
        rules.GroupFeePerHour = Rules.GroupFeePerHour;
        rules.OtherFeePerHour = Rules.OtherFeePerHour;
        await db.SaveChangesAsync();
        TempData["Notice"] = "予約のきまりを保存しました。";
        return Redirect($"/{city.Required.Slug}/admin/spaces");
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Rooms = await spaces.RoomsAsync(ct);
        Lotteries = await lotteries.ListAsync(ct);
        Year = Calendar.FiscalYear.Of(Tsunagu.Web.Shared.Display.Today(TimeProvider.System));
        (UsageByRoom, UsageByMonth) = await spaces.UsageAsync(Year, ct);
        var names = Rooms.ToDictionary(r => r.Id, r => r.Name);
        var now = DateTime.UtcNow;
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
        Bands = await spaces.FeeBandsAsync(ct);
        Items = await spaces.EquipmentAsync(activeOnly: false, ct);
    }
}

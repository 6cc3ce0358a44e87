using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>A signed-in person asks for a room, once or weekly/monthly; it stays provisional until paid at the counter.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class BookModel(SpaceService spaces, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
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

        /// <summary>One line per item the centre lends; an empty or zero quantity asks for none.</summary>
        public List<EquipmentLine> Items { get; set; } = [];
    }

    public class EquipmentLine
    {
        public int ItemId { get; set; }
        [Display(Name = "数量")] public int? Quantity { get; set; }
    }

    public List<SelectListItem> RoomChoices { get; private set; } = [];
    public List<SelectListItem> GroupChoices { get; private set; } = [];
    public List<SpaceService.Conflict> Conflicts { get; private set; } = [];
    public List<EquipmentItem> Equipment { get; private set; } = [];
    /// <summary>The fee of the request as checked with 「料金を確認する」.</summary>
    public SpaceService.FeeQuote? Fee { get; private set; }
    public List<SelectListItem> RepeatChoices =>
        [new(t["繰り返さない（1回だけ）"], nameof(BookingRepeat.None)), new(t["毎週"], nameof(BookingRepeat.Weekly)), new(t["毎月（同じ日）"], nameof(BookingRepeat.Monthly))];

    /// <summary>Why the city lends no rooms (it has no centre yet), or null: the page says so instead of the form.</summary>
    public string? NotLending => spaces.NotLending;

    public async Task OnGetAsync(int? room, DateOnly? date)
    {
        if (NotLending is not null) return;
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
        var outcome = await spaces.RequestAsync(users.GetUserId(User)!, ToRequest(), HttpContext.RequestAborted);
        Report(outcome.Problems, outcome.Conflicts);
        if (!outcome.Succeeded) return Page();
        TempData["Notice"] = t["仮予約しました（利用料は合計{0}円）。期限までにセンターの窓口で利用料をお支払いください。支払いが確認されると本予約になります。",
            outcome.Bookings.Sum(b => b.FeeYen).ToString("N0", CultureInfo.CurrentCulture)];
        return Redirect($"/{city.Required.Slug}/spaces/mine");
    }

    /// <summary>「料金を確認する」: the fee by band and item, and anything in the way now, without booking.</summary>
    public async Task<IActionResult> OnPostQuoteAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid) return Page();
        var preview = await spaces.PreviewAsync(users.GetUserId(User)!, ToRequest(), HttpContext.RequestAborted);
        Report(preview.Problems, preview.Conflicts);
        Fee = preview.Fee;
        return Page();
    }

    private SpaceService.Request ToRequest() =>
        new(Input.RoomId, Input.Date, Input.Start, Input.End, Input.Purpose ?? "", Input.GroupId, Input.Repeat, Input.Count,
            [.. Input.Items.Where(i => i.Quantity is not null and not 0).Select(i => new SpaceService.EquipmentRequest(i.ItemId, i.Quantity!.Value))]);

    /// <summary>Problems next to their fields (an item's next to its quantity); conflicts listed, and each short item named next to its quantity.</summary>
    private void Report(Problems problems, List<SpaceService.Conflict> conflicts)
    {
        ModelState.AddProblems(problems, nameof(Input), FieldFor);
        Conflicts = conflicts;
        var rooms = conflicts.Count(c => c.EquipmentItemId is null);
        if (rooms > 0) ModelState.AddModelError("conflicts", t["{0}件の日時がほかの予約と重なっています。下の一覧を見て、日時を変えてください。", rooms]);
        ModelState.AddProblems(conflicts.Where(c => c.EquipmentItemId is not null).GroupBy(c => c.EquipmentItemId!.Value).Select(shortage => new Problem($"Equipment.{shortage.Key}",
            t["{0}が足りない日時が{1}件あります。数を減らすか、日時を変えてください。", Equipment.FirstOrDefault(e => e.Id == shortage.Key)?.Name ?? "", shortage.Count()])),
            nameof(Input), FieldFor);
    }

    /// <summary>The service's "Equipment.{item id}" is the quantity of that item's line on the form.</summary>
    private string FieldFor(string field) =>
        field.StartsWith("Equipment.", StringComparison.Ordinal) && int.TryParse(field["Equipment.".Length..], CultureInfo.InvariantCulture, out var id)
            ? (Input.Items.FindIndex(i => i.ItemId == id) is var index and >= 0 ? $"Items[{index}].Quantity" : nameof(Input.Items))
            : field;

    private async Task LoadAsync()
    {
        var userId = users.GetUserId(User)!;
        RoomChoices = [new(t["（選んでください）"], "0"), .. (await spaces.RoomsAsync(HttpContext.RequestAborted)).Select(r => new SelectListItem(r.Name, r.Id.ToString(CultureInfo.InvariantCulture)))];
        GroupChoices = [new(t["（個人として利用する）"], ""), .. (await spaces.GroupsAdministeredAsync(userId, HttpContext.RequestAborted)).Select(g => new SelectListItem(g.Name, g.Id.ToString(CultureInfo.InvariantCulture)))];
        // One line per item lent now, in the list's order, keeping what was asked for.
        Equipment = await spaces.EquipmentAsync(activeOnly: true, HttpContext.RequestAborted);
        var asked = Input.Items.GroupBy(i => i.ItemId).ToDictionary(g => g.Key, g => g.First().Quantity);
        Input.Items = [.. Equipment.Select(e => new EquipmentLine { ItemId = e.Id, Quantity = asked.GetValueOrDefault(e.Id) })];
    }
}

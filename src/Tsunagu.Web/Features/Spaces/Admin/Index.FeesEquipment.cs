using Tsunagu.Web.Shared;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Tsunagu.Web.Features.Spaces.Admin;

/// <summary>The counter page's fee bands and equipment: list, add, change (and remove a band; stop lending an item).</summary>
public partial class IndexModel
{
    public List<FeeBand> Bands { get; private set; } = [];
    public List<EquipmentItem> Items { get; private set; } = [];
    [BindProperty] public BandForm Band { get; set; } = new();
    [BindProperty] public ItemForm Item { get; set; } = new();

    public List<SelectListItem> BandRoomChoices => [new(t["全室（市の共通の時間帯）"], "0"), .. Rooms.Select(r => new SelectListItem(r.Name, r.Id.ToString()))];

    public string BandScope(FeeBand b) => b.RoomId is { } id ? Rooms.FirstOrDefault(r => r.Id == id)?.Name ?? "" : t["全室"];

    public class BandForm
    {
        public int Id { get; set; }
        [Display(Name = "対象の部屋")] public int RoomId { get; set; }
        [Display(Name = "時間帯の名前")] public string? Name { get; set; }
        [Display(Name = "時間帯の開始")] public TimeOnly? Starts { get; set; }
        [Display(Name = "時間帯の終了")] public TimeOnly? Ends { get; set; }
        [Display(Name = "1時間の料金：登録団体（円）")] public int? GroupFeePerHour { get; set; }
        [Display(Name = "1時間の料金：そのほか（円）")] public int? OtherFeePerHour { get; set; }
    }

    public class ItemForm
    {
        public int Id { get; set; }
        [Display(Name = "備品の名前")] public string? Name { get; set; }
        [Display(Name = "数量（持っている数）")] public int? Quantity { get; set; }
        [Display(Name = "1回の貸し出し料金（1点あたり・円）")] public int? FeePerBooking { get; set; }
        [Display(Name = "備考")] public string? Notes { get; set; }
        [Display(Name = "貸し出す")] public bool Active { get; set; } = true;
    }

    /// <summary>?band=… or ?item=… puts that band or item into its form to be changed.</summary>
    private void Prefill(int? band, int? item)
    {
        if (band is { } b && Bands.FirstOrDefault(x => x.Id == b) is { } fb)
            Band = new BandForm { Id = fb.Id, RoomId = fb.RoomId ?? 0, Name = fb.Name, Starts = fb.Starts, Ends = fb.Ends, GroupFeePerHour = fb.GroupFeePerHour, OtherFeePerHour = fb.OtherFeePerHour };
        if (item is { } i && Items.FirstOrDefault(x => x.Id == i) is { } it)
            Item = new ItemForm { Id = it.Id, Name = it.Name, Quantity = it.Quantity, FeePerBooking = it.FeePerBooking, Notes = it.Notes, Active = it.Active };
    }

    public async Task<IActionResult> OnPostBandAsync()
    {
        ModelState.KeepOnly(nameof(Band));
        if (ModelState.IsValid)
        {
            var problems = await setup.SaveBandAsync(new SpaceSetupService.BandInput(Band.Id, Band.RoomId, Band.Name, Band.Starts, Band.Ends, Band.GroupFeePerHour, Band.OtherFeePerHour), HttpContext.RequestAborted);
            ModelState.AddProblems(problems, nameof(Band));
            if (problems.Ok)
            {
                TempData["Notice"] = Band.Id == 0 ? "料金の時間帯を追加しました。" : "料金の時間帯を変更しました。";
                return Redirect($"/{city.Required.Slug}/admin/spaces#bands");
            }
        }
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostDeleteBandAsync(int id)
    {
        TempData["Notice"] = await setup.DeleteBandAsync(id, HttpContext.RequestAborted) ? "料金の時間帯を削除しました。" : "この時間帯は見つかりません。";
        return Redirect($"/{city.Required.Slug}/admin/spaces#bands");
    }

    public async Task<IActionResult> OnPostItemAsync()
    {
        ModelState.KeepOnly(nameof(Item));
        if (ModelState.IsValid)
        {
            var problems = await setup.SaveItemAsync(new SpaceSetupService.ItemInput(Item.Id, Item.Name, Item.Quantity, Item.FeePerBooking, Item.Notes, Item.Active), HttpContext.RequestAborted);
            ModelState.AddProblems(problems, nameof(Item));
            if (problems.Ok)
            {
                TempData["Notice"] = Item.Id == 0 ? "備品を追加しました。" : "備品を変更しました。";
                return Redirect($"/{city.Required.Slug}/admin/spaces#equipment");
            }
        }
        return await ReloadAsync();
    }

    /// <summary>The page again after a refused form: everything it shows, with the rules as stored (not as posted).</summary>
    private async Task<IActionResult> ReloadAsync()
    {
        await LoadAsync();
        Rules = RulesInput.From(await spaces.RulesAsync(HttpContext.RequestAborted));
        return Page();
    }
}

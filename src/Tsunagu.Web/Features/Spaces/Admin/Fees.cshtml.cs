using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces.Admin;

/// <summary>Fee bands (the city's, and a room's own): list, add, change (?band=…) and remove.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class FeesModel(SpaceService spaces, SpaceSetupService setup, CurrentCity city, Text t) : PageModel
{
    public List<FeeBand> Bands { get; private set; } = [];
    public List<Room> Rooms { get; private set; } = [];
    [BindProperty] public BandForm Band { get; set; } = new();

    public List<SelectListItem> BandRoomChoices => [new(t["全室（市の共通の時間帯）"], "0"), .. Rooms.Select(r => new SelectListItem(r.Name, r.Id.ToString(CultureInfo.InvariantCulture)))];

    public string BandScope(FeeBand b) => b.RoomId is { } id ? Rooms.FirstOrDefault(r => r.Id == id)?.Name ?? "" : t["全室"];

    public class BandForm
    {
        public int Id { get; set; }
        [Display(Name = "対象の部屋")] public int RoomId { get; set; }
        [Display(Name = "時間帯の名前")][StringLength(20, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Name { get; set; }
        [Display(Name = "時間帯の開始")] public TimeOnly? Starts { get; set; }
        [Display(Name = "時間帯の終了")] public TimeOnly? Ends { get; set; }
        [Display(Name = "1時間の料金：登録団体（円）")] public int? GroupFeePerHour { get; set; }
        [Display(Name = "1時間の料金：そのほか（円）")] public int? OtherFeePerHour { get; set; }
    }

    /// <summary>?band=… puts that band into the form to be changed.</summary>
    public async Task OnGetAsync(int? band)
    {
        await LoadAsync();
        if (Bands.FirstOrDefault(x => x.Id == band) is { } b)
            Band = new BandForm { Id = b.Id, RoomId = b.RoomId ?? 0, Name = b.Name, Starts = b.Starts, Ends = b.Ends, GroupFeePerHour = b.GroupFeePerHour, OtherFeePerHour = b.OtherFeePerHour };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var problems = await setup.SaveBandAsync(new SpaceSetupService.BandInput(Band.Id, Band.RoomId, Band.Name, Band.Starts, Band.Ends, Band.GroupFeePerHour, Band.OtherFeePerHour), HttpContext.RequestAborted);
            ModelState.AddProblems(problems, nameof(Band));
            if (problems.Ok)
            {
                TempData["Notice"] = Band.Id == 0 ? "料金の時間帯を追加しました。" : "料金の時間帯を変更しました。";
                return Redirect($"/{city.Required.Slug}/admin/spaces/fees");
            }
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        TempData["Notice"] = await setup.DeleteBandAsync(id, HttpContext.RequestAborted) ? "料金の時間帯を削除しました。" : "この時間帯は見つかりません。";
        return Redirect($"/{city.Required.Slug}/admin/spaces/fees");
    }

    private async Task LoadAsync()
    {
        Rooms = await spaces.RoomsAsync(HttpContext.RequestAborted);
        Bands = await spaces.FeeBandsAsync(HttpContext.RequestAborted);
    }
}

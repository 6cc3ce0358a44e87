using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces.Admin;

/// <summary>Equipment lent with bookings: list, add, change (?item=…), and stop lending an item (items are never deleted).</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class EquipmentModel(SpaceService spaces, SpaceSetupService setup, CurrentCity city) : PageModel
{
    public List<EquipmentItem> Items { get; private set; } = [];
    [BindProperty] public ItemForm Item { get; set; } = new();

    public class ItemForm
    {
        public int Id { get; set; }
        [Display(Name = "備品の名前")][StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Name { get; set; }
        [Display(Name = "数量（持っている数）")] public int? Quantity { get; set; }
        [Display(Name = "1回の貸し出し料金（1点あたり・円）")] public int? FeePerBooking { get; set; }
        [Display(Name = "備考")][StringLength(500, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Notes { get; set; }
        [Display(Name = "貸し出す")] public bool Active { get; set; } = true;
    }

    /// <summary>?item=… puts that item into the form to be changed.</summary>
    public async Task OnGetAsync(int? item)
    {
        Items = await spaces.EquipmentAsync(activeOnly: false, HttpContext.RequestAborted);
        if (Items.FirstOrDefault(x => x.Id == item) is { } i)
            Item = new ItemForm { Id = i.Id, Name = i.Name, Quantity = i.Quantity, FeePerBooking = i.FeePerBooking, Notes = i.Notes, Active = i.Active };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var problems = await setup.SaveItemAsync(new SpaceSetupService.ItemInput(Item.Id, Item.Name, Item.Quantity, Item.FeePerBooking, Item.Notes, Item.Active), HttpContext.RequestAborted);
            ModelState.AddProblems(problems, nameof(Item));
            if (problems.Ok)
            {
                TempData["Notice"] = Item.Id == 0 ? "備品を追加しました。" : "備品を変更しました。";
                return Redirect($"/{city.Required.Slug}/admin/spaces/equipment");
            }
        }
        Items = await spaces.EquipmentAsync(activeOnly: false, HttpContext.RequestAborted);
        return Page();
    }
}

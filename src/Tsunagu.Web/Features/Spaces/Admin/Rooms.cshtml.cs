using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces.Admin;

/// <summary>The centre's rooms: the list (each with its photos page) and a new room.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class RoomsModel(SpaceService spaces, SpaceSetupService setup, CurrentCity city) : PageModel
{
    public List<Room> Rooms { get; private set; } = [];

    [BindProperty] public RoomInput NewRoom { get; set; } = new();

    public class RoomInput
    {
        /// <summary>[Required] marks the field 必須 on the form; the service checks it.</summary>
        [Display(Name = "部屋の名前"), Required][StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Name { get; set; }
        [Display(Name = "定員")] public int? Capacity { get; set; } = 10;
        [Display(Name = "設備")][StringLength(500, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Facilities { get; set; }
        [Display(Name = "バリアフリーの情報")][StringLength(500, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? AccessibilityNotes { get; set; }
    }

    public async Task OnGetAsync() => Rooms = await spaces.RoomsAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        // The service checks every field and says it once per field.
        ModelState.Clear();
        var problems = await setup.AddRoomAsync(new SpaceSetupService.RoomInput(NewRoom.Name, NewRoom.Capacity, NewRoom.Facilities, NewRoom.AccessibilityNotes), HttpContext.RequestAborted);
        if (problems.Ok)
        {
            TempData["Notice"] = "部屋を追加しました。";
            return Redirect($"/{city.Required.Slug}/admin/spaces/rooms");
        }
        ModelState.AddProblems(problems, nameof(NewRoom));
        await OnGetAsync();
        return Page();
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces.Admin;

/// <summary>Centre staff add a room's photos (each with a description for screen readers), reorder and delete them; all audited.</summary>
[Authorize(Policy = Policies.CentreStaff)]
// Larger than the 2 MB a photo may be, so that a phone's 5 MB photo gets the field's message rather than the 413 page.
[RequestSizeLimit(10 * 1024 * 1024)]
public class RoomPhotosModel(RoomPhotoService photos, TsunaguDb db, CurrentCity city) : PageModel
{
    public Room Room { get; private set; } = default!;
    public List<RoomPhotoService.Info> Photos { get; private set; } = [];

    [BindProperty] public UploadInput Upload { get; set; } = new();

    public class UploadInput
    {
        [Display(Name = "写真のファイル")]
        [Required(ErrorMessage = "写真のファイルを選んでください。")]
        public IFormFile? Photo { get; set; }

        [Display(Name = "写真の説明（代替テキスト）")]
        [Required(ErrorMessage = "写真の説明を入力してください。目の見えない人にも、写真に何が写っているかが伝わるようにします。")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Alt { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        // The service checks everything (type by content, size, description) and says it once per field.
        ModelState.Clear();
        var problems = await photos.AddAsync(id, Upload.Photo, Upload.Alt, HttpContext.RequestAborted);
        ModelState.AddProblems(problems, nameof(Upload));
        if (!problems.Ok) return Page();
        TempData["Notice"] = "写真を追加しました。";
        return Back(id);
    }

    public async Task<IActionResult> OnPostAltAsync(int id, int photoId, string? alt)
    {
        if (await photos.UpdateAltAsync(id, photoId, alt, HttpContext.RequestAborted) is { } error) TempData["Warning"] = error;
        else TempData["Notice"] = "写真の説明を保存しました。";
        return Back(id);
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int photoId, bool up)
    {
        if (!await photos.MoveAsync(id, photoId, up, HttpContext.RequestAborted)) TempData["Warning"] = "その写真は、それ以上動かせません。";
        else TempData["Notice"] = "写真の順番を変えました。";
        return Back(id);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int photoId)
    {
        if (!await photos.DeleteAsync(id, photoId, HttpContext.RequestAborted)) return NotFound();
        TempData["Notice"] = "写真を削除しました。";
        return Back(id);
    }

    private RedirectResult Back(int id) => Redirect($"/{city.Required.Slug}/admin/spaces/rooms/{id}#photos");

    private async Task<bool> LoadAsync(int id)
    {
        if (await db.Set<Room>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted) is not { } room) return false;
        Room = room;
        Photos = await photos.ForRoomAsync(id, HttpContext.RequestAborted);
        return true;
    }
}

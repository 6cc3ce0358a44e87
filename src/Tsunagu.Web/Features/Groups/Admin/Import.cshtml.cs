using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups.Transfer;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Admin;

/// <summary>Staff import groups from CSV or Excel: upload, see every problem by row and column, then commit all or nothing.</summary>
[Authorize(Policy = Policies.CentreStaff)]
[RequestSizeLimit(MaxBytes + 64 * 1024)]
public class ImportModel(GroupImporter importer, TsunaguDb db, UserManager<AppUser> users, CurrentCity city, Text t, TimeProvider clock) : PageModel
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public GroupImporter.Result? Checked { get; private set; }
    public Guid? UploadId { get; private set; }
    public string? FileName { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", t["取り込むファイルを選んでください。"]);
            return Page();
        }
        if (file.Length > MaxBytes)
        {
            ModelState.AddModelError("file", t["ファイルは10MB以下にしてください。"]);
            return Page();
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var content = buffer.ToArray();
        FileName = Path.GetFileName(file.FileName);
        Checked = await importer.CheckAsync(content, HttpContext.RequestAborted);
        if (Checked.Ok)
        {
            var upload = new ImportUpload { Id = Guid.NewGuid(), UserId = users.GetUserId(User)!, FileName = FileName, Content = content, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.ImportUploads.Add(upload);
            await db.SaveChangesAsync();
            UploadId = upload.Id;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(Guid uploadId)
    {
        var userId = users.GetUserId(User)!;
        // Only one's own upload, in this city, not yet committed.
        var upload = await db.ImportUploads.FirstOrDefaultAsync(u => u.Id == uploadId && u.UserId == userId && u.CommittedAt == null);
        if (upload is null) return NotFound();
        var result = await importer.CommitAsync(upload.Content, upload.Id, HttpContext.RequestAborted);
        if (!result.Ok)
        {
            FileName = upload.FileName;
            Checked = result;
            return Page();
        }
        TempData["Notice"] = t["{0}件の団体を取り込みました。", result.Groups.Count];
        return Redirect($"/{city.Required.Slug}/admin/groups?status=Approved");
    }
}

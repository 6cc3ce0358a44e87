using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups.Transfer;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
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
        var read = await ImportUploads.ReadAsync(file, MaxBytes, t, HttpContext.RequestAborted);
        if (!read.Ok)
        {
            ModelState.AddProblems(read.Problems, prefix: null);
            return Page();
        }
        var content = read.Value!;
        FileName = Path.GetFileName(file!.FileName);
        Checked = await importer.CheckAsync(content, HttpContext.RequestAborted);
        if (Checked.Ok)
        {
            UploadId = await ImportUploads.KeepAsync(db, users.GetUserId(User)!, FileName, content, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
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

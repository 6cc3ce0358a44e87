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
using Tsunagu.Web.Shared.Spreadsheets;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Cities.Setup;

/// <summary>A city administrator loads departments or districts from CSV or Excel: upload, see every problem by row and column, then commit all or nothing.</summary>
[Authorize(Policy = Policies.CityAdmin)]
[RequestSizeLimit(MaxBytes + 64 * 1024)]
public class ImportModel(SetupTables tables, TsunaguDb db, UserManager<AppUser> users, CurrentCity city, Text t, TimeProvider clock) : PageModel
{
    public const int MaxBytes = 2 * 1024 * 1024;

    [BindProperty(SupportsGet = true)] public string Table { get; set; } = "";

    public SetupTable Kind => Table == "districts" ? SetupTable.Districts : SetupTable.Departments;
    public string Title => Kind == SetupTable.Departments ? t["担当課"] : city.Required.DistrictTermDisplay(Text.IsEnglish);
    public SetupTables.Result? Checked { get; private set; }
    public Guid? UploadId { get; private set; }
    public string? FileName { get; private set; }

    public IActionResult OnGet() => Known() ? Page() : NotFound();

    public async Task<IActionResult> OnGetDownloadAsync()
    {
        if (!Known()) return NotFound();
        var name = $"{city.Required.Slug}-{Table}.xlsx";
        return File(await tables.DownloadAsync(Kind, HttpContext.RequestAborted), SpreadsheetWriter.ContentType, name);
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file)
    {
        if (!Known()) return NotFound();
        var read = await ImportUploads.ReadAsync(file, MaxBytes, t, HttpContext.RequestAborted);
        if (!read.Ok)
        {
            ModelState.AddProblems(read.Problems, prefix: null);
            return Page();
        }
        var content = read.Value!;
        FileName = Path.GetFileName(file!.FileName);
        Checked = await tables.CheckAsync(Kind, content, HttpContext.RequestAborted);
        if (Checked.Ok)
        {
            UploadId = await ImportUploads.KeepAsync(db, users.GetUserId(User)!, FileName, content, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(Guid uploadId)
    {
        if (!Known()) return NotFound();
        var userId = users.GetUserId(User)!;
        var upload = await db.ImportUploads.AsNoTracking().FirstOrDefaultAsync(u => u.Id == uploadId && u.UserId == userId && u.CommittedAt == null);
        if (upload is null) return NotFound();
        var result = await tables.CommitAsync(Kind, upload.Content, upload.Id, HttpContext.RequestAborted);
        if (!result.Ok)
        {
            FileName = upload.FileName;
            Checked = result;
            return Page();
        }
        TempData["Notice"] = t["{0}件を追加し、{1}件を変更しました。", result.Added, result.Changed];
        return Redirect($"/{city.Required.Slug}/admin/setup/{Table}");
    }

    private bool Known() => Table is "departments" or "districts";
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared.Spreadsheets;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Plans.Admin;

/// <summary>Plan managers import a plan file and export the city's plans.</summary>
[Authorize(Policy = Policies.PlanManager)]
// Larger than the 5 MB a plan file may be, so that a file a little too large gets the field's message rather than the 413 page.
[RequestSizeLimit(2 * MaxBytes)]
public class IndexModel(PlanService plans, PlanImporter importer, CurrentCity city, Text t) : PageModel
{
    private const long MaxBytes = 5 * 1024 * 1024;

    public List<Plan> Plans { get; private set; } = [];
    public List<PlanImporter.Problem> Problems { get; private set; } = [];
    public string? FileName { get; private set; }

    public async Task OnGetAsync() => Plans = await plans.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0)
            ModelState.AddModelError("file", t["取り込む計画のファイル（JSONまたはExcel）を選んでください。"]);
        else if (file.Length > MaxBytes)
            ModelState.AddModelError("file", t["ファイルは5MB以下にしてください。"]);
        if (!ModelState.IsValid)
        {
            await OnGetAsync();
            return Page();
        }
        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer);
        var content = buffer.ToArray();
        // By the content, not the name.
        var result = SpreadsheetReader.IsWorkbook(content)
            ? await importer.ImportWorkbookAsync(content, ct: HttpContext.RequestAborted)
            : await importer.ImportAsync(content, ct: HttpContext.RequestAborted);
        if (!result.Ok)
        {
            FileName = Path.GetFileName(file.FileName);
            Problems = result.Problems;
            ModelState.AddModelError("file", t["ファイルに{0}件の問題があるため、取り込みませんでした。下の一覧を見て直してください。", result.Problems.Count]);
            await OnGetAsync();
            return Page();
        }
        TempData["Notice"] = t["「{0}」を取り込みました（{1}項目）。", result.Plan!.Title, result.NodeCount];
        return Redirect($"/{city.Required.Slug}/plans/{result.Plan.Key}");
    }

    /// <summary>The plan as a file in the import format: editing it and importing it under a new key gives a revised plan.</summary>
    public async Task<IActionResult> OnGetExportAsync(string key)
    {
        var tree = await plans.TreeAsync(key, ct: HttpContext.RequestAborted);
        if (tree is null) return NotFound();
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(PlanService.Export(tree), PlanFile.Json);
        return File(json, "application/json", $"{city.Required.Slug}-{key}.json");
    }

    /// <summary>The same plan as an Excel workbook (sheets 計画, 項目, 再掲, 指標); importing it gives the same plan back.</summary>
    public async Task<IActionResult> OnGetExportXlsxAsync(string key)
    {
        var tree = await plans.TreeAsync(key, ct: HttpContext.RequestAborted);
        if (tree is null) return NotFound();
        return File(PlanWorkbook.Write(PlanService.Export(tree)), SpreadsheetWriter.ContentType, $"{city.Required.Slug}-{key}.xlsx");
    }
}

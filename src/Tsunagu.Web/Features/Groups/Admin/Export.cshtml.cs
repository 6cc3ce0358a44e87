using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups.Transfer;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Spreadsheets;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Admin;

/// <summary>Every registered group of the city, private contacts included, for centre staff: CSV or Excel.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class ExportModel(TsunaguDb db, CurrentCity city, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? format)
    {
        var rows = await GroupTable.RowsAsync(db, HttpContext.RequestAborted);
        var stamp = Tsunagu.Web.Shared.Display.ToTokyo(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var name = $"groups-{city.Required.Slug}-{stamp}";
        return format == "xlsx"
            ? File(SpreadsheetWriter.Table(GroupTable.SheetName, GroupTable.Headings, rows), SpreadsheetWriter.ContentType, name + ".xlsx")
            : File(CsvFile.Write(GroupTable.Headings, rows), CsvFile.ContentType, name + ".csv");
    }
}

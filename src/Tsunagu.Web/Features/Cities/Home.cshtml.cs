using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Cities;

/// <summary>A city's home page: the cards the features registered, the city's districts and departments.</summary>
public class HomeModel(TsunaguDb db, TimeProvider clock, IEnumerable<CityHomeEntry> entries) : PageModel
{
    public IReadOnlyList<CityHomeEntry> Entries { get; } = entries.OrderBy(e => e.Order).ToList();
    public IReadOnlyList<District> Districts { get; private set; } = [];
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public FiscalYear ThisYear { get; private set; }

    public async Task OnGetAsync()
    {
        Districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync();
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync();
        ThisYear = FiscalYear.Of(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Tsunagu.Web.Shared.Display.TokyoZone).DateTime);
    }
}

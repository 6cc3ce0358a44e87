using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Cities;

/// <summary>A city's home page: what is new in the features, the cards they registered, the city's districts and departments.</summary>
public class HomeModel(TsunaguDb db, TimeProvider clock, IEnumerable<CityHomeEntry> entries, IEnumerable<ICityHomeSection> sections) : PageModel
{
    public sealed record ShownSection(ICityHomeSection Section, IReadOnlyList<CityHomeItem> Items);

    public IReadOnlyList<CityHomeEntry> Entries { get; } = entries.OrderBy(e => e.Order).ToList();
    /// <summary>The features' sections of 新着情報 that have something to show, in their order.</summary>
    public IReadOnlyList<ShownSection> New { get; private set; } = [];
    public IReadOnlyList<District> Districts { get; private set; } = [];
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public FiscalYear ThisYear { get; private set; }

    public async Task OnGetAsync()
    {
        var news = new List<ShownSection>();
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            var items = await section.ItemsAsync(HttpContext.RequestAborted);
            if (items.Count > 0) news.Add(new ShownSection(section, items));
        }
        New = news;
        Districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync();
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync();
        ThisYear = FiscalYear.Of(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Tsunagu.Web.Shared.Display.TokyoZone).DateTime);
    }
}

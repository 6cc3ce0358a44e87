using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Groups;

/// <summary>Registered groups by activity field, district and type, and registrations by fiscal year.</summary>
public class StatisticsModel(TsunaguDb db, Text t) : PageModel
{
    public int Total { get; private set; }
    public List<BarChart> Charts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var english = Text.IsEnglish;
        var approved = db.Groups.AsNoTracking().Where(g => g.Status == GroupStatus.Approved);
        Total = await approved.CountAsync();
        var count = t["団体数"];

        var byField = await approved.SelectMany(g => g.Fields).GroupBy(f => f.Field).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Charts.Add(new BarChart("by-field", t["活動分野別"], count,
            ActivityFields.All.Select(f => (english ? f.NameEn : f.ShortName, byField.FirstOrDefault(x => x.Key == f.Number)?.Count ?? 0)).ToList()));

        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync();
        if (districts.Count > 0)
        {
            var byDistrict = await approved.SelectMany(g => g.Districts).GroupBy(d => d.DistrictId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            Charts.Add(new BarChart("by-district", t["地区別"], count,
                districts.Select(d => (english && d.NameEn is not null ? d.NameEn : d.Name, byDistrict.FirstOrDefault(x => x.Key == d.Id)?.Count ?? 0)).ToList()));
        }

        var byType = await approved.GroupBy(g => g.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Charts.Add(new BarChart("by-type", t["団体の種類別"], count,
            Enum.GetValues<GroupType>().Select(ty => (t[GroupTypes.Japanese(ty)], byType.FirstOrDefault(x => x.Key == ty)?.Count ?? 0)).ToList()));

        // New registrations by fiscal year (April–March), from the approval dates.
        var approvals = await approved.Where(g => g.ApprovedAt != null).Select(g => g.ApprovedAt!.Value).ToListAsync();
        var years = approvals.Select(a => FiscalYear.Of(Display.ToTokyo(a))).GroupBy(fy => fy).OrderBy(g => g.Key).ToList();
        if (years.Count > 0)
            Charts.Add(new BarChart("by-year", t["年度別の新規登録"], count,
                years.Select(g => (english ? g.Key.ToString() : g.Key.ToJapanese(), g.Count())).ToList()));
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Audit;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Admin;

/// <summary>The city's audit log, searchable by person, kind of record, key and date.</summary>
[Authorize(Policy = Policies.CityAdmin)]
public class AuditModel(TsunaguDb db, CurrentCity currentCity) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Who { get; set; }
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<AuditEntry> Entries { get; private set; } = [];
    public List<string> EntityTypes { get; private set; } = [];
    public bool HasMore { get; private set; }

    public async Task OnGetAsync()
    {
        var cityId = currentCity.Required.Id;
        // Audit entries are not city-owned rows with a filter: the city is matched here, explicitly.
        var query = db.AuditEntries.AsNoTracking().Where(e => e.CityId == cityId);
        if (!string.IsNullOrWhiteSpace(Who)) query = query.Where(e => e.UserEmail != null && e.UserEmail.Contains(Who.Trim()));
        if (!string.IsNullOrWhiteSpace(Entity)) query = query.Where(e => e.EntityType == Entity);
        if (!string.IsNullOrWhiteSpace(Key)) query = query.Where(e => e.EntityKey == Key.Trim());
        if (From is { } from) query = query.Where(e => e.At >= TokyoMidnightUtc(from));
        if (To is { } to) query = query.Where(e => e.At < TokyoMidnightUtc(to.AddDays(1)));
        PageNumber = Math.Max(1, PageNumber);
        var rows = await query.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        HasMore = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
        EntityTypes = await db.AuditEntries.AsNoTracking().Where(e => e.CityId == cityId).Select(e => e.EntityType).Distinct().OrderBy(e => e).ToListAsync();
    }

    private static DateTime TokyoMidnightUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Tsunagu.Web.Shared.Display.TokyoZone);

    public string PageLink(int page) =>
        Url.Page("Audit", new { city = currentCity.Required.Slug, Who, Entity, Key, From, To, p = page })!;
}

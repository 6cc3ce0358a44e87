using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.TalentBank;

/// <summary>A published entry's public profile: no account, e-mail or phone; requests go through the centre.</summary>
public class DetailsModel(TalentBankService talent, TsunaguDb db) : PageModel
{
    public TalentBankService.PublicEntry Entry { get; private set; } = default!;
    public IReadOnlyDictionary<int, string> DistrictNames { get; private set; } = new Dictionary<int, string>();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await talent.FindPublishedAsync(id, HttpContext.RequestAborted) is not { } entry) return NotFound();
        Entry = entry;
        DistrictNames = await db.Districts.AsNoTracking().Where(d => entry.Districts.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => Text.IsEnglish && d.NameEn != null ? d.NameEn : d.Name);
        return Page();
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>The public list of opportunities, searchable; a signed-in volunteer also sees those that fit them best.</summary>
public class IndexModel(OpportunityService opportunities, VolunteerService volunteers, TsunaguDb db, UserManager<AppUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Field { get; set; }
    [BindProperty(SupportsGet = true)] public int? District { get; set; }
    [BindProperty(SupportsGet = true)] public int? Skill { get; set; }
    [BindProperty(SupportsGet = true)] public int? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public bool Online { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Listing> Results { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + OpportunityService.PageSize - 1) / OpportunityService.PageSize);
    public List<(Listing Listing, Matching.MatchScore Score)> ForYou { get; private set; } = [];
    public bool IsVolunteer { get; private set; }
    public List<District> Districts { get; private set; } = [];
    public List<VolunteerSkill> Skills { get; private set; } = [];
    public List<Programme> Programmes { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        PageNumber = Math.Max(1, PageNumber);
        (Results, Total) = await opportunities.SearchAsync(new OpportunityService.Query(Q, Field, District, Skill, Programme, Online, PageNumber), ct);
        Districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        Skills = await volunteers.SkillsAsync(ct);
        Programmes = await opportunities.ProgrammesAsync(ct);
        if (users.GetUserId(User) is { } userId && await volunteers.MineAsync(userId, ct) is { Status: VolunteerStatus.Active } me)
        {
            IsVolunteer = true;
            var picks = await opportunities.ForYouAsync(me, 5, ct);
            var listings = await opportunities.ListingsAsync(picks.Select(p => p.OpportunityId).ToList(), ct);
            ForYou = [.. picks.Join(listings, p => p.OpportunityId, l => l.Id, (p, l) => (l, p.Score))];
        }
    }

    public string PageLink(int page) => Request.Path + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q,
        ["field"] = Field?.ToString(CultureInfo.InvariantCulture),
        ["district"] = District?.ToString(CultureInfo.InvariantCulture),
        ["skill"] = Skill?.ToString(CultureInfo.InvariantCulture),
        ["programme"] = Programme?.ToString(CultureInfo.InvariantCulture),
        ["online"] = Online ? "true" : null,
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}

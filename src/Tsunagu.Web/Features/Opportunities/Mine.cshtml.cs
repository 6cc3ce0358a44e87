using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>The opportunities a person runs: those they posted, their groups' and their departments' (centre staff see the whole city's in the console).</summary>
[Authorize(Policy = Policies.SignedIn)]
public class MineModel(OpportunityService opportunities, TsunaguDb db, UserManager<AppUser> users) : PageModel
{
    public sealed record Row(int Id, string Title, OpportunityStatus Status, int Waiting, DateTime CreatedAt);

    public List<Row> Rows { get; private set; } = [];
    public bool CanPost { get; private set; }

    public async Task OnGetAsync()
    {
        var userId = users.GetUserId(User)!;
        var ct = HttpContext.RequestAborted;
        CanPost = (await opportunities.OrganisersForAsync(userId, ct)).Count > 0;
        var myGroups = db.Set<GroupAdministrator>().Where(a => a.UserId == userId).Select(a => a.GroupId);
        var myDepartments = await opportunities.MyDepartmentsAsync(userId, ct);
        Rows = await db.Set<Opportunity>().AsNoTracking()
            .Where(o => o.CreatedByUserId == userId || (o.GroupId != null && myGroups.Contains(o.GroupId.Value))
                || (o.OrganiserKind == OrganiserKind.Department && o.DepartmentName != null && myDepartments.Contains(o.DepartmentName)))
            .OrderByDescending(o => o.CreatedAt)
            .Select(o => new Row(o.Id, o.Title, o.Status, db.Set<ShiftApplication>().Count(a => a.OpportunityId == o.Id && a.Status == ApplicationStatus.Applied), o.CreatedAt))
            .ToListAsync(ct);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Lectures;

/// <summary>A person's own lecture requests and where they stand.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class RequestsModel(TsunaguDb db, UserManager<AppUser> users) : PageModel
{
    public List<(LectureRequest Request, string Topic)> Requests { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = users.GetUserId(User)!;
        var rows = await (from r in db.Set<LectureRequest>().AsNoTracking()
                          join t in db.Set<LectureTopic>() on r.TopicId equals t.Id
                          where r.RequesterUserId == userId
                          orderby r.CreatedAt descending
                          select new { r, t.Title }).ToListAsync();
        Requests = [.. rows.Select(x => (x.r, x.Title))];
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.News;

/// <summary>One published grant notice (a draft only for centre staff).</summary>
public class GrantModel(NewsService news, IAuthorizationService authorization) : PageModel
{
    public GrantNotice Notice { get; private set; } = default!;
    public DateOnly Today { get; private set; }
    public bool IsStaff { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        IsStaff = await HubDisplay.IsStaffAsync(this, authorization);
        var notice = await news.FindGrantAsync(id, IsStaff, HttpContext.RequestAborted);
        if (notice is null) return NotFound();
        Notice = notice;
        Today = news.Today;
        return Page();
    }
}

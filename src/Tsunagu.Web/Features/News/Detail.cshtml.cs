using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.News;

/// <summary>One published news item (a draft only for centre staff).</summary>
public class DetailModel(NewsService news, IAuthorizationService authorization) : PageModel
{
    public NewsItem Item { get; private set; } = default!;
    public NewsService.GroupLink? Group { get; private set; }
    public bool IsStaff { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        IsStaff = await HubDisplay.IsStaffAsync(this, authorization);
        var item = await news.FindNewsAsync(id, IsStaff, HttpContext.RequestAborted);
        if (item is null) return NotFound();
        Item = item;
        Group = await news.PublicGroupAsync(item.GroupId, HttpContext.RequestAborted);
        return Page();
    }
}

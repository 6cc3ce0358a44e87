using Microsoft.AspNetCore.Mvc;

namespace Tsunagu.Web.Features.News;

/// <summary>On a group's page: its latest published news and the published case studies it appears in.</summary>
public class GroupNewsViewComponent(NewsService news) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int groupId) =>
        View("/Features/News/_GroupNews.cshtml", await news.ForGroupAsync(groupId, HttpContext.RequestAborted));
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.News;

/// <summary>One published case study with links to its (published) groups.</summary>
public class CaseModel(NewsService news, IAuthorizationService authorization) : PageModel
{
    public CaseStudy Study { get; private set; } = default!;
    public List<NewsService.GroupLink> Groups { get; private set; } = [];
    public bool IsStaff { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        IsStaff = await HubDisplay.IsStaffAsync(this, authorization);
        var study = await news.FindCaseAsync(id, IsStaff, HttpContext.RequestAborted);
        if (study is null) return NotFound();
        Study = study;
        Groups = await news.PublicGroupsAsync(study.Groups.Select(g => g.GroupId).ToList(), HttpContext.RequestAborted);
        return Page();
    }
}

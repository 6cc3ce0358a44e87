using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tsunagu.Web.Features.News;

/// <summary>Published case studies, filtered by activity field, form of collaboration and kind.</summary>
public class CasesModel(NewsService news) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Field { get; set; }
    [BindProperty(SupportsGet = true)] public CollaborationForm? Form { get; set; }
    [BindProperty(SupportsGet = true)] public CaseKind? Kind { get; set; }
    public List<CaseStudy> Cases { get; private set; } = [];

    public async Task OnGetAsync() => Cases = await news.CasesAsync(Field, Form, Kind, ct: HttpContext.RequestAborted);
}

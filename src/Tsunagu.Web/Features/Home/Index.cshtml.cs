using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Home;

public class IndexModel(CityDirectory directory) : PageModel
{
    public IReadOnlyList<City> Cities { get; private set; } = [];

    public async Task OnGetAsync() => Cities = await directory.AllAsync(HttpContext.RequestAborted);
}

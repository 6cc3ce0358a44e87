using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.TalentBank;

/// <summary>The requester's own requests and how far the centre has got with each; never the registrant's contact.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class RequestsModel(TalentBankService talent, UserManager<AppUser> users, CurrentCity city) : PageModel
{
    public List<TalentBankService.MyRequest> Requests { get; private set; } = [];

    public async Task OnGetAsync() =>
        Requests = await talent.RequestsOfAsync(users.GetUserId(User)!, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        if (!await talent.CancelAsync(id, users.GetUserId(User)!, HttpContext.RequestAborted)) return NotFound();
        TempData["Notice"] = "依頼を取り消しました。";
        return Redirect($"/{city.Required.Slug}/talent/requests");
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.Account;

[Authorize(Policy = Policies.SignedIn)]
public class DeleteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, Events.EventService events, TsunaguDb db, IServiceScopeFactory scopes, Text t) : PageModel
{
    [BindProperty]
    [Display(Name = "パスワード")]
    [Required(ErrorMessage = "確認のため、パスワードを入力してください。")]
    public string Password { get; set; } = "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await users.CheckPasswordAsync(user, Password))
        {
            ModelState.AddModelError(nameof(Password), t["パスワードが正しくありません。"]);
            return Page();
        }
        // Places held for events go to the people waiting, rather than leaving with the account.
        await events.ReleaseAllAsync(user.Id, HttpContext.RequestAborted);
        await ReleaseVolunteerPlacesAsync(user.Id);
        var result = await users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, t["削除できませんでした。もう一度お試しください。"]);
            return Page();
        }
        await signIn.SignOutAsync();
        TempData["Notice"] = "アカウントを削除しました。ご利用ありがとうございました。";
        return LocalRedirect("/");
    }

    /// <summary>
    /// Places the person held on volunteer shifts still to come go back to the organisers, city by city (each in a
    /// scope of its own city, as the organisers' notices link to it), before the account and its registrations go.
    /// </summary>
    private async Task ReleaseVolunteerPlacesAsync(string userId)
    {
        var registrations = await db.Set<Volunteers.Volunteer>().IgnoreQueryFilters().Where(v => v.UserId == userId)
            .Join(db.Cities, v => v.CityId, c => c.Id, (v, c) => new { v.Id, City = c }).ToListAsync(HttpContext.RequestAborted);
        foreach (var registration in registrations)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(registration.City);
            await scope.ServiceProvider.GetRequiredService<Opportunities.MatchingService>().ReleaseOpenApplicationsAsync(registration.Id, HttpContext.RequestAborted);
        }
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Account;

/// <summary>Personal API tokens: created here, shown once, revoked here.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class ApiTokensModel(UserManager<AppUser> users, TsunaguDb db) : PageModel
{
    [BindProperty]
    [Display(Name = "トークンの名前")]
    [Required(ErrorMessage = "トークンの名前を入力してください。")]
    [StringLength(100, ErrorMessage = "名前は100文字以内で入力してください。")]
    public string Name { get; set; } = "";

    public List<ApiToken> Tokens { get; private set; } = [];
    public string? NewSecret { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var id = users.GetUserId(User)!;
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = users.GetUserId(User)!;
        if (!ModelState.IsValid)
        {
            await LoadAsync(id);
            return Page();
        }
        var (secret, hash) = ApiToken.NewSecret();
        db.ApiTokens.Add(new ApiToken { UserId = id, Name = Name.Trim(), TokenHash = hash, Prefix = secret[..12], CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        NewSecret = secret;
        Name = "";
        ModelState.Clear();
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId)
    {
        var id = users.GetUserId(User)!;
        // Only one's own token: another person's id finds nothing.
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == id);
        if (token is null) return NotFound();
        token.RevokedAt ??= DateTime.UtcNow;
        await db.SaveChangesAsync();
        TempData["Notice"] = "トークンを無効にしました。";
        return RedirectToPage();
    }

    private async Task LoadAsync(string userId) =>
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync();
}

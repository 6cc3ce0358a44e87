using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Exchange;

/// <summary>
/// One need or offer with its group and the counterparts Tsunagu suggests. An administrator of another group
/// can ask the centre to introduce their group (紹介を依頼する).
/// </summary>
public class DetailsModel(ExchangePosts posts, ExchangeIntroductions introductions, TsunaguDb db, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    public sealed class RequestInput
    {
        [Display(Name = "紹介を依頼する団体")]
        public int? GroupId { get; set; }

        [Display(Name = "センターへのメッセージ（任意）")]
        [StringLength(1000, ErrorMessage = "センターへのメッセージは1000文字以内で入力してください。")]
        public string? Message { get; set; }
    }

    [BindProperty] public RequestInput Input { get; set; } = new();

    public ExchangePost Post { get; private set; } = default!;
    public string? DistrictName { get; private set; }
    public List<ExchangePosts.Suggestion> Suggestions { get; private set; } = [];
    /// <summary>Groups the visitor administers, other than the post's: those they may ask an introduction for.</summary>
    public List<SelectListItem> RequestGroups { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRequestAsync(int id)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        if (RequestGroups.Count == 0) return Forbid();
        if (Input.GroupId is null && RequestGroups.Count == 1) Input.GroupId = int.Parse(RequestGroups[0].Value, CultureInfo.InvariantCulture);
        if (Input.GroupId is null) ModelState.AddModelError("Input.GroupId", t["紹介を依頼する団体を選んでください。"]);
        if (!ModelState.IsValid) return Page();
        var result = await introductions.RequestIntroductionAsync(Post, Input.GroupId!.Value, users.GetUserId(User)!, Input.Message, HttpContext.RequestAborted);
        switch (result)
        {
            case ExchangeIntroductions.RequestResult.Requested:
                TempData["Notice"] = "センターに紹介を依頼しました。センターから連絡があるまでお待ちください。";
                break;
            case ExchangeIntroductions.RequestResult.AlreadyRequested:
                TempData["Notice"] = "この投稿への紹介は、すでに依頼しています。センターから連絡があるまでお待ちください。";
                break;
            case ExchangeIntroductions.RequestResult.Closed:
                ModelState.AddModelError("Input.GroupId", t["この投稿の受付は終了しています。"]);
                return Page();
            default:
                ModelState.AddModelError("Input.GroupId", t["あなたが管理している、ほかの団体を選んでください。"]);
                return Page();
        }
        return Redirect($"/{city.Required.Slug}/exchange/{id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var post = await posts.FindAsync(id, HttpContext.RequestAborted);
        if (post is null) return false;
        Post = post;
        if (post.DistrictId is { } districtId && await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == districtId) is { } d)
            DistrictName = Text.IsEnglish && d.NameEn is not null ? d.NameEn : d.Name;
        if (post.Status == ExchangePostStatus.Open) Suggestions = await posts.SuggestionsAsync(post, ct: HttpContext.RequestAborted);
        if (users.GetUserId(User) is { } userId)
        {
            var mine = await posts.AdministeredGroupsAsync(userId, HttpContext.RequestAborted);
            CanEdit = mine.Any(g => g.Id == post.GroupId);
            RequestGroups = mine.Where(g => g.Id != post.GroupId).Select(g => new SelectListItem(g.Name, g.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        }
        return true;
    }
}

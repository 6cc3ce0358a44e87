using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Exchange;

/// <summary>
/// A group's administrator posts a need or an offer for one of their published groups (new at /exchange/new),
/// edits it, closes it when it is met, or opens it again.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class PostEditModel(ExchangePosts posts, TsunaguDb db, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    public sealed class PostInput
    {
        [Display(Name = "投稿する団体")]
        [Required(ErrorMessage = "投稿する団体を選んでください。")]
        public int? GroupId { get; set; }

        [Display(Name = "ニーズ・シーズ")]
        [Required(ErrorMessage = "求めているのか、提供できるのかを選んでください。")]
        public ExchangeDirection? Direction { get; set; }

        [Display(Name = "種類")]
        [Required(ErrorMessage = "種類を選んでください。")]
        public ExchangeCategory? Category { get; set; }

        [Display(Name = "タイトル")]
        [Required(ErrorMessage = "タイトルを入力してください。")]
        [StringLength(100, ErrorMessage = "タイトルは100文字以内で入力してください。")]
        public string Title { get; set; } = "";

        [Display(Name = "くわしい内容")]
        [Required(ErrorMessage = "くわしい内容を入力してください。")]
        [StringLength(2000, ErrorMessage = "くわしい内容は2000文字以内で入力してください。")]
        public string Details { get; set; } = "";

        public List<int> Fields { get; set; } = [];

        [Display(Name = "地区")]
        public int? DistrictId { get; set; }
    }

    [BindProperty] public PostInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public ExchangePost? Existing { get; private set; }
    public List<Group> MyGroups { get; private set; } = [];
    public List<SelectListItem> GroupItems { get; private set; } = [];
    public List<SelectListItem> DirectionItems => [new(t["（選んでください）"], ""), .. Enum.GetValues<ExchangeDirection>().Select(d => new SelectListItem(t[ExchangeTexts.Direction(d)], d.ToString()))];
    public List<SelectListItem> CategoryItems => [new(t["（選んでください）"], ""), .. Enum.GetValues<ExchangeCategory>().Select(c => new SelectListItem(t[ExchangeTexts.Category(c)], c.ToString()))];
    public List<SelectListItem> DistrictItems { get; private set; } = [];

    private string UserId => users.GetUserId(User)!;

    public async Task<IActionResult> OnGetAsync(int? id, int? group)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Existing is { } p)
        {
            Input = new PostInput
            {
                GroupId = p.GroupId,
                Direction = p.Direction,
                Category = p.Category,
                Title = p.Title,
                Details = p.Details,
                Fields = p.Fields.Select(f => f.Field).ToList(),
                DistrictId = p.DistrictId,
            };
        }
        else if (MyGroups.Count == 1 || MyGroups.Any(g => g.Id == group))
        {
            var chosen = MyGroups.FirstOrDefault(g => g.Id == group) ?? MyGroups[0];
            // A new post starts with its group's fields and district; the administrator narrows them.
            var full = await db.Groups.AsNoTracking().Include(g => g.Fields).Include(g => g.Districts).FirstAsync(g => g.Id == chosen.Id);
            Input.GroupId = full.Id;
            Input.Fields = full.Fields.Select(f => f.Field).ToList();
            Input.DistrictId = full.Districts.Select(d => (int?)d.DistrictId).FirstOrDefault();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        // Only the person's own published groups: anything else is not a group they can post for.
        if (Input.GroupId is { } groupId && MyGroups.All(g => g.Id != groupId)) return NotFound();
        if (Input.Fields.Count == 0) ModelState.AddModelError("Input.Fields", t["活動分野を1つ以上選んでください。"]);
        if (!ModelState.IsValid) return Page();
        var saved = await posts.SaveAsync(Existing, new ExchangePosts.PostInput(
            Input.GroupId!.Value, Input.Direction!.Value, Input.Category!.Value, Input.Title, Input.Details, Input.Fields, Input.DistrictId), UserId, HttpContext.RequestAborted);
        if (saved is null) return NotFound();
        TempData["Notice"] = Existing is null ? "投稿しました。合いそうな投稿が下に表示されます。" : "投稿を保存しました。";
        return Redirect($"/{city.Required.Slug}/exchange/{saved.Id}");
    }

    public async Task<IActionResult> OnPostCloseAsync(int id) => await SetStatusAsync(id, ExchangePostStatus.Closed, "投稿の受付を終了しました。");

    public async Task<IActionResult> OnPostReopenAsync(int id) => await SetStatusAsync(id, ExchangePostStatus.Open, "投稿の受付を再開しました。");

    private async Task<IActionResult> SetStatusAsync(int id, ExchangePostStatus status, string notice)
    {
        var post = await posts.FindEditableAsync(id, UserId, HttpContext.RequestAborted);
        if (post is null) return NotFound();
        await posts.SetStatusAsync(post, status, HttpContext.RequestAborted);
        TempData["Notice"] = notice;
        return Redirect($"/{city.Required.Slug}/exchange/{id}");
    }

    private async Task<bool> LoadAsync(int? id)
    {
        Id = id;
        if (id is { } existing && (Existing = await posts.FindEditableAsync(existing, UserId, HttpContext.RequestAborted)) is null) return false;
        MyGroups = await posts.AdministeredGroupsAsync(UserId, HttpContext.RequestAborted);
        GroupItems = [.. MyGroups.Count > 1 ? [new SelectListItem(t["（選んでください）"], "")] : new List<SelectListItem>(),
            .. MyGroups.Select(g => new SelectListItem(g.Name, g.Id.ToString(CultureInfo.InvariantCulture)))];
        DistrictItems = [new SelectListItem(t["（指定しない）"], ""),
            .. (await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync())
                .Select(d => new SelectListItem(Text.IsEnglish && d.NameEn is not null ? d.NameEn : d.Name, d.Id.ToString(CultureInfo.InvariantCulture)))];
        return true;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News.Admin;

/// <summary>Staff write, edit, publish, unpublish or delete a news item (new at /admin/news/new).</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class NewsEditModel(NewsService news, CurrentCity city, Text t) : PageModel
{
    public sealed class NewsInput
    {
        [Display(Name = "タイトル")]
        [Required(ErrorMessage = "タイトルを入力してください。")]
        [StringLength(200, ErrorMessage = "タイトルは200文字以内で入力してください。")]
        [NoControlCharacters]
        public string Title { get; set; } = "";

        [Display(Name = "本文")]
        [Required(ErrorMessage = "本文を入力してください。")]
        [StringLength(10000, ErrorMessage = "本文は10000文字以内で入力してください。")]
        [NoControlCharacters]
        public string Body { get; set; } = "";

        [Display(Name = "掲載日")]
        [Required(ErrorMessage = "掲載日を入力してください。")]
        public string PublishedOn { get; set; } = "";

        [Display(Name = "関連する団体")]
        public int? GroupId { get; set; }

        [Display(Name = "公開する（チェックしないと下書きとして保存します）")]
        public bool IsPublished { get; set; }
    }

    [BindProperty] public NewsInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public List<SelectListItem> GroupItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        Id = id;
        if (id is { } existing)
        {
            var item = await news.FindNewsAsync(existing, includeDrafts: true);
            if (item is null) return NotFound();
            Input = new NewsInput { Title = item.Title, Body = item.Body, PublishedOn = HubInput.Date(item.PublishedOn), GroupId = item.GroupId, IsPublished = item.IsPublished };
        }
        else Input.PublishedOn = HubInput.Date(news.Today);
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        NewsItem? item = null;
        if (id is { } existing && (item = await news.FindNewsAsync(existing, includeDrafts: true)) is null) return NotFound();
        var publishedOn = HubInput.ValidDate(ModelState, "Input.PublishedOn", Input.PublishedOn, t);
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync();
            return Page();
        }
        item ??= new NewsItem { Title = "", Body = "" };
        item.Title = Input.Title.Trim();
        item.Body = Input.Body.Trim();
        item.PublishedOn = publishedOn!.Value;
        item.GroupId = Input.GroupId;
        item.IsPublished = Input.IsPublished;
        await news.SaveNewsAsync(item);
        TempData["Notice"] = item.IsPublished ? "お知らせを公開しました。" : "お知らせを下書きとして保存しました。";
        return Redirect($"/{city.Required.Slug}/admin/news/{item.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var item = await news.FindNewsAsync(id, includeDrafts: true);
        if (item is null) return NotFound();
        await news.DeleteAsync(item);
        TempData["Notice"] = "お知らせを削除しました。";
        return Redirect($"/{city.Required.Slug}/admin/news");
    }

    private async Task LoadChoicesAsync()
    {
        GroupItems = [new SelectListItem(t["（なし）"], "")];
        GroupItems.AddRange((await news.GroupChoicesAsync()).Select(g => new SelectListItem(g.Name, g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}

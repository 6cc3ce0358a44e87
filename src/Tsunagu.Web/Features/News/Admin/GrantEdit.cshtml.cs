using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News.Admin;

/// <summary>Staff register, edit, publish, unpublish or delete a grant notice (new at /admin/grants/new).</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class GrantEditModel(NewsService news, CurrentCity city, Text t) : PageModel
{
    public sealed class GrantInput
    {
        [Display(Name = "名称")]
        [Required(ErrorMessage = "名称を入力してください。")]
        [StringLength(200, ErrorMessage = "名称は200文字以内で入力してください。")]
        [NoControlCharacters]
        public string Title { get; set; } = "";

        [Display(Name = "実施団体")]
        [Required(ErrorMessage = "実施団体を入力してください。")]
        [StringLength(200, ErrorMessage = "実施団体は200文字以内で入力してください。")]
        [NoControlCharacters]
        public string Funder { get; set; } = "";

        [Display(Name = "上限額（円）")]
        public string? AmountMaxYen { get; set; }

        [Display(Name = "金額の説明")]
        [StringLength(200, ErrorMessage = "金額の説明は200文字以内で入力してください。")]
        [NoControlCharacters]
        public string? AmountNote { get; set; }

        [Display(Name = "締切日")]
        [Required(ErrorMessage = "締切日を入力してください。")]
        public string Deadline { get; set; } = "";

        [Display(Name = "対象")]
        [Required(ErrorMessage = "対象を入力してください。")]
        [StringLength(2000, ErrorMessage = "対象は2000文字以内で入力してください。")]
        [NoControlCharacters]
        public string Eligibility { get; set; } = "";

        [Display(Name = "内容")]
        [Required(ErrorMessage = "内容を入力してください。")]
        [StringLength(10000, ErrorMessage = "内容は10000文字以内で入力してください。")]
        [NoControlCharacters]
        public string Description { get; set; } = "";

        [Display(Name = "詳しい情報のURL")]
        [StringLength(500, ErrorMessage = "URLは500文字以内で入力してください。")]
        [NoControlCharacters]
        public string? LinkUrl { get; set; }

        [Display(Name = "掲載日")]
        [Required(ErrorMessage = "掲載日を入力してください。")]
        public string PublishedOn { get; set; } = "";

        [Display(Name = "公開する（チェックしないと下書きとして保存します）")]
        public bool IsPublished { get; set; }
    }

    [BindProperty] public GrantInput Input { get; set; } = new();
    public int? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        Id = id;
        if (id is { } existing)
        {
            var g = await news.FindGrantAsync(existing, includeDrafts: true);
            if (g is null) return NotFound();
            Input = new GrantInput
            {
                Title = g.Title,
                Funder = g.Funder,
                AmountMaxYen = g.AmountMaxYen?.ToString(CultureInfo.InvariantCulture),
                AmountNote = g.AmountNote,
                Deadline = HubInput.Date(g.Deadline),
                Eligibility = g.Eligibility,
                Description = g.Description,
                LinkUrl = g.LinkUrl,
                PublishedOn = HubInput.Date(g.PublishedOn),
                IsPublished = g.IsPublished,
            };
        }
        else Input.PublishedOn = HubInput.Date(news.Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        GrantNotice? notice = null;
        if (id is { } existing && (notice = await news.FindGrantAsync(existing, includeDrafts: true)) is null) return NotFound();
        var amount = ParseYen(Input.AmountMaxYen);
        if (!string.IsNullOrWhiteSpace(Input.AmountMaxYen) && amount is null)
            ModelState.AddModelError("Input.AmountMaxYen", t["上限額は0以上の整数（円）で入力してください。"]);
        var deadline = HubInput.ValidDate(ModelState, "Input.Deadline", Input.Deadline, t);
        var link = string.IsNullOrWhiteSpace(Input.LinkUrl) ? null : Input.LinkUrl.Trim();
        if (link is not null && !SafeMarkdown.IsHttpUrl(link))
            ModelState.AddModelError("Input.LinkUrl", t["URLは https:// または http:// で始まる形で入力してください。"]);
        var publishedOn = HubInput.ValidDate(ModelState, "Input.PublishedOn", Input.PublishedOn, t);
        if (!ModelState.IsValid) return Page();

        notice ??= new GrantNotice { Title = "", Funder = "", Eligibility = "", Description = "" };
        notice.Title = Input.Title.Trim();
        notice.Funder = Input.Funder.Trim();
        notice.AmountMaxYen = amount;
        notice.AmountNote = string.IsNullOrWhiteSpace(Input.AmountNote) ? null : Input.AmountNote.Trim();
        notice.Deadline = deadline!.Value;
        notice.Eligibility = Input.Eligibility.Trim();
        notice.Description = Input.Description.Trim();
        notice.LinkUrl = link;
        notice.PublishedOn = publishedOn!.Value;
        notice.IsPublished = Input.IsPublished;
        await news.SaveGrantAsync(notice);
        TempData["Notice"] = notice.IsPublished ? "助成金情報を公開しました。" : "助成金情報を下書きとして保存しました。";
        return Redirect($"/{city.Required.Slug}/admin/grants/{notice.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var notice = await news.FindGrantAsync(id, includeDrafts: true);
        if (notice is null) return NotFound();
        await news.DeleteAsync(notice);
        TempData["Notice"] = "助成金情報を削除しました。";
        return Redirect($"/{city.Required.Slug}/admin/grants");
    }

    /// <summary>Yen as staff type it: 500000, 500,000, ５０００００ or 500000円; never negative.</summary>
    public static int? ParseYen(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim().Normalize(System.Text.NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal).TrimEnd('円');
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var yen) ? yen : null;
    }
}

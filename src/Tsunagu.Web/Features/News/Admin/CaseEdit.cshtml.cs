using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News.Admin;

/// <summary>Staff register, edit, publish, unpublish or delete a case study (new at /admin/cases/new).</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class CaseEditModel(NewsService news, CurrentCity city, Text t) : PageModel
{
    public sealed class CaseInput
    {
        [Display(Name = "タイトル")]
        [Required(ErrorMessage = "タイトルを入力してください。")]
        [StringLength(200, ErrorMessage = "タイトルは200文字以内で入力してください。")]
        [NoControlCharacters]
        public string Title { get; set; } = "";

        [Display(Name = "種類")]
        [Required(ErrorMessage = "種類を選んでください。")]
        public CaseKind? Kind { get; set; }

        [Display(Name = "概要")]
        [Required(ErrorMessage = "概要を入力してください。")]
        [StringLength(500, ErrorMessage = "概要は500文字以内で入力してください。")]
        [NoControlCharacters]
        public string Summary { get; set; } = "";

        [Display(Name = "本文")]
        [Required(ErrorMessage = "本文を入力してください。")]
        [StringLength(10000, ErrorMessage = "本文は10000文字以内で入力してください。")]
        [NoControlCharacters]
        public string Body { get; set; } = "";

        [Display(Name = "年度")]
        [Required(ErrorMessage = "年度を入力してください。")]
        public string FiscalYear { get; set; } = "";

        [Display(Name = "活動分野")]
        public List<int> Fields { get; set; } = [];

        [Display(Name = "協働の形態")]
        public List<CollaborationForm> Forms { get; set; } = [];

        [Display(Name = "関わった団体")]
        public List<int> GroupIds { get; set; } = [];

        [Display(Name = "掲載日")]
        [Required(ErrorMessage = "掲載日を入力してください。")]
        public string PublishedOn { get; set; } = "";

        [Display(Name = "公開する（チェックしないと下書きとして保存します）")]
        public bool IsPublished { get; set; }
    }

    [BindProperty] public CaseInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public List<NewsService.GroupLink> Groups { get; private set; } = [];
    public List<SelectListItem> KindItems =>
        [new(t["選んでください"], ""), .. Enum.GetValues<CaseKind>().Select(k => new SelectListItem(t[CollaborationForms.Kind(k)], k.ToString()))];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        Id = id;
        if (id is { } existing)
        {
            var c = await news.FindCaseAsync(existing, includeDrafts: true);
            if (c is null) return NotFound();
            Input = new CaseInput
            {
                Title = c.Title,
                Kind = c.Kind,
                Summary = c.Summary,
                Body = c.Body,
                FiscalYear = new FiscalYear(c.FiscalYear).ToJapanese(),
                Fields = c.Fields.Select(f => f.Field).ToList(),
                Forms = c.Forms.Select(f => f.Form).ToList(),
                GroupIds = c.Groups.Select(g => g.GroupId).ToList(),
                PublishedOn = HubInput.Date(c.PublishedOn),
                IsPublished = c.IsPublished,
            };
        }
        else
        {
            Input.PublishedOn = HubInput.Date(news.Today);
            Input.FiscalYear = Calendar.FiscalYear.Of(news.Today).ToJapanese();
        }
        Groups = await news.GroupChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        CaseStudy? study = null;
        if (id is { } existing && (study = await news.FindCaseAsync(existing, includeDrafts: true)) is null) return NotFound();
        FiscalYear fiscalYear = default;
        if (!string.IsNullOrWhiteSpace(Input.FiscalYear) && (!JapaneseDates.TryParseFiscalYear(Input.FiscalYear, out fiscalYear) || fiscalYear.StartYear is < 1989 or > 2100))
            ModelState.AddModelError("Input.FiscalYear", t["年度は 2025 や 令和7年度 のように入力してください。"]);
        if (Input.Fields.Count == 0 || Input.Fields.Any(f => ActivityFields.Find(f) is null))
            ModelState.AddModelError("Input.Fields", t["活動分野を1つ以上選んでください。"]);
        var publishedOn = HubInput.ValidDate(ModelState, "Input.PublishedOn", Input.PublishedOn, t);
        if (!ModelState.IsValid)
        {
            Groups = await news.GroupChoicesAsync();
            return Page();
        }
        study ??= new CaseStudy { Title = "", Summary = "", Body = "" };
        study.Title = Input.Title.Trim();
        study.Kind = Input.Kind!.Value;
        study.Summary = Input.Summary.Trim();
        study.Body = Input.Body.Trim();
        study.FiscalYear = fiscalYear.StartYear;
        study.PublishedOn = publishedOn!.Value;
        study.IsPublished = Input.IsPublished;
        await news.SaveCaseAsync(study, Input.GroupIds, Input.Fields, Input.Forms);
        TempData["Notice"] = study.IsPublished ? "事例を公開しました。" : "事例を下書きとして保存しました。";
        return Redirect($"/{city.Required.Slug}/admin/cases/{study.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var study = await news.FindCaseAsync(id, includeDrafts: true);
        if (study is null) return NotFound();
        await news.DeleteAsync(study);
        TempData["Notice"] = "事例を削除しました。";
        return Redirect($"/{city.Required.Slug}/admin/cases");
    }
}

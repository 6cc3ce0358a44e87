using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Cities.Setup;

/// <summary>A city administrator sets the city's terms: its centre (or the desk while there is none), its evaluating body, its districts' word.</summary>
[Authorize(Policy = Policies.CityAdmin)]
public class IndexModel(CitySetup setup, CurrentCity city, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "センターの名前")]
        [Required(ErrorMessage = "センターの名前を入力してください。")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string CentreName { get; set; } = "";

        [Display(Name = "センターの名前（英語）")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? CentreNameEn { get; set; }

        [Display(Name = "センターがある")]
        public bool HasCentre { get; set; }

        [Display(Name = "センターがない間の窓口")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? DeskName { get; set; }

        [Display(Name = "窓口の名前（英語）")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? DeskNameEn { get; set; }

        [Display(Name = "計画を評価する機関の名前")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? EvaluatingBodyName { get; set; }

        [Display(Name = "評価する機関の名前（英語）")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? EvaluatingBodyNameEn { get; set; }

        [Display(Name = "評価の呼び方")]
        [StringLength(20, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? EvaluationTerm { get; set; }

        [Display(Name = "評価の呼び方（英語）")]
        [StringLength(50, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? EvaluationTermEn { get; set; }

        [Display(Name = "地区の呼び方")]
        [StringLength(10, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? DistrictTerm { get; set; }
    }

    public IEnumerable<SelectListItem> DistrictTerms =>
        CitySetup.DistrictTerms.Select(term => new SelectListItem(t[term], term, (Input.DistrictTerm ?? "地区") == term));

    public void OnGet()
    {
        var c = city.Required;
        Input = new InputModel
        {
            CentreName = c.CentreName,
            CentreNameEn = c.CentreNameEn,
            HasCentre = c.HasCentre,
            DeskName = c.DeskName,
            DeskNameEn = c.DeskNameEn,
            EvaluatingBodyName = c.EvaluatingBodyName,
            EvaluatingBodyNameEn = c.EvaluatingBodyNameEn,
            EvaluationTerm = c.EvaluationTerm,
            EvaluationTermEn = c.EvaluationTermEn,
            DistrictTerm = c.DistrictTerm,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var saved = await setup.SaveTermsAsync(new CitySetup.TermsInput(Input.CentreName, Input.CentreNameEn, Input.HasCentre, Input.DeskName, Input.DeskNameEn,
            Input.EvaluatingBodyName, Input.EvaluatingBodyNameEn, Input.EvaluationTerm, Input.EvaluationTermEn, Input.DistrictTerm), HttpContext.RequestAborted);
        if (!saved.Ok)
        {
            ModelState.AddProblems(saved.Problems);
            return Page();
        }
        TempData["Notice"] = t["市の設定を保存しました。"];
        return Redirect($"/{city.Required.Slug}/admin/setup");
    }
}

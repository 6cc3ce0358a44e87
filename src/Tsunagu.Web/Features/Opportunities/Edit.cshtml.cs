using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>Posting an opportunity (with its first shift or series of shifts), or changing one.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class EditModel(OpportunityService opportunities, VolunteerService volunteers, TsunaguDb db, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public ShiftPlanInput Shifts { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "募集する団体・部署")]
        public string? Organiser { get; set; }

        [Display(Name = "タイトル")]
        [Required(ErrorMessage = "タイトルを入力してください。")]
        [StringLength(100, ErrorMessage = "タイトルは100文字以内にしてください。")]
        public string Title { get; set; } = "";

        [Display(Name = "活動の内容")]
        [Required(ErrorMessage = "活動の内容を入力してください。")]
        [StringLength(2000, ErrorMessage = "活動の内容は2,000文字以内にしてください。")]
        public string Description { get; set; } = "";

        [Display(Name = "活動場所")]
        [StringLength(200, ErrorMessage = "活動場所は200文字以内にしてください。")]
        public string? Place { get; set; }

        [Display(Name = "地区")]
        public int? DistrictId { get; set; }

        [Display(Name = "オンラインで活動できる")]
        public bool Online { get; set; }

        public List<int> RequiredSkills { get; set; } = [];
        public List<int> WelcomeSkills { get; set; } = [];
        public List<int> Fields { get; set; } = [];

        [Display(Name = "年齢の下限")]
        public int? MinAge { get; set; }

        [Display(Name = "年齢の上限")]
        public int? MaxAge { get; set; }

        [Display(Name = "ボランティア活動保険の対象")]
        public bool InsuranceCovered { get; set; }

        [Display(Name = "制度・プログラム")]
        public int? ProgrammeId { get; set; }
    }

    public Opportunity? Existing { get; private set; }
    public List<Organiser> Organisers { get; private set; } = [];
    public List<VolunteerSkill> SkillList { get; private set; } = [];
    public List<SelectListItem> DistrictChoices { get; private set; } = [];
    public List<SelectListItem> ProgrammeChoices { get; private set; } = [];
    public List<SelectListItem> OrganiserChoices => [.. Organisers.Select(o => new SelectListItem(o.Name, o.Key))];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (Existing is { } o)
        {
            Input = new InputModel
            {
                Title = o.Title,
                Description = o.Description,
                Place = o.Place,
                DistrictId = o.DistrictId,
                Online = o.Online,
                MinAge = o.MinAge,
                MaxAge = o.MaxAge,
                InsuranceCovered = o.InsuranceCovered,
                ProgrammeId = o.ProgrammeId,
                Fields = [.. o.Fields.Select(f => f.Field)],
                RequiredSkills = [.. o.Skills.Where(s => s.Required).Select(s => s.SkillId)],
                WelcomeSkills = [.. o.Skills.Where(s => !s.Required).Select(s => s.SkillId)],
            };
        }
        else if (Organisers.Count > 0)
        {
            Input.Organiser = Organisers[0].Key;
            Shifts.Places = 1;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        var ct = HttpContext.RequestAborted;
        var posting = new OpportunityService.Posting(Input.Title ?? "", Input.Description ?? "", Input.Place, Input.DistrictId, Input.Online, Input.RequiredSkills,
            Input.WelcomeSkills, Input.Fields, Input.MinAge, Input.MaxAge, Input.InsuranceCovered, Input.ProgrammeId);
        ModelState.AddProblems(opportunities.Check(posting));
        var organiser = Organisers.Find(o => o.Key == Input.Organiser);
        List<(DateTime, DateTime)>? shifts = null;
        if (Existing is null)
        {
            if (organiser is null) ModelState.AddModelError("Input.Organiser", t["募集する団体・部署を選んでください。"]);
            shifts = Shifts.Plan(opportunities, ModelState, nameof(Shifts));
        }
        if (!ModelState.IsValid) return Page();

        if (Existing is { } o)
        {
            await opportunities.UpdateAsync(o, posting, ct);
            TempData["Notice"] = "募集の内容を保存しました。";
            return Redirect($"/{city.Required.Slug}/opportunities/{o.Id}/manage");
        }
        var created = await opportunities.CreateAsync(users.GetUserId(User)!, organiser!, posting, shifts!, Shifts.Places!.Value, ct);
        TempData["Notice"] = "募集を掲載しました。合いそうなボランティアにお知らせが届きます。";
        return Redirect($"/{city.Required.Slug}/opportunities/{created.Id}/manage");
    }

    private async Task<IActionResult?> LoadAsync(int? id)
    {
        var ct = HttpContext.RequestAborted;
        var userId = users.GetUserId(User)!;
        if (id is { } existingId)
        {
            Existing = await opportunities.FindAsync(existingId, ct);
            if (Existing is null) return NotFound();
            if (!await opportunities.CanManageAsync(Existing, userId, ct)) return Forbid();
        }
        else
        {
            Organisers = await opportunities.OrganisersForAsync(userId, ct);
            // Only people who can speak for an organiser post: group administrators, centre staff and department staff.
            // Others see why (the page says so) and cannot send the form.
            if (Organisers.Count == 0 && HttpMethods.IsPost(Request.Method)) return Forbid();
        }
        SkillList = await volunteers.SkillsAsync(ct);
        DistrictChoices = [new(t["（指定しない）"], ""), .. (await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct)).Select(d => new SelectListItem(d.Name, d.Id.ToString(CultureInfo.InvariantCulture)))];
        ProgrammeChoices = [new(t["（なし）"], ""), .. (await opportunities.ProgrammesAsync(ct)).Select(p => new SelectListItem(p.Name, p.Id.ToString(CultureInfo.InvariantCulture)))];
        return null;
    }
}

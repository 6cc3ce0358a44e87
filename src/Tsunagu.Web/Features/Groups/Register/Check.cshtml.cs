using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Register;

/// <summary>Check your answers: every answer with a link to change it, agreement to the centre's rules, submit.</summary>
public class CheckModel(GroupService groups, UserManager<AppUser> users, CurrentCity city, TsunaguDb db, Text t)
    : RegisterStepModel(groups, users, city)
{
    [BindProperty]
    [Display(Name = "センターの利用規約に同意します")]
    public bool Agree { get; set; }

    public List<string> DistrictNames { get; private set; } = [];
    public string? CouncilDistrict { get; private set; }

    protected override string NextStep => "check";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        await LoadNamesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Group.Status == GroupStatus.Approved) return BadRequest();
        // Listed at the top of the page: the fields are on the steps before it.
        ModelState.AddProblems(Groups.MissingForSubmission(Group), fieldFor: _ => string.Empty);
        if (!Agree) ModelState.AddModelError(nameof(Agree), t["申請するには、センターの利用規約への同意が必要です。"]);
        if (!ModelState.IsValid)
        {
            await LoadNamesAsync();
            return Page();
        }
        await Groups.SubmitAsync(Group);
        TempData["Notice"] = "申請を受け付けました。センターが確認し、結果をメールでお知らせします。";
        return Redirect($"/{CitySlug}/groups/mine");
    }

    private async Task LoadNamesAsync()
    {
        var ids = Group.Districts.Select(d => d.DistrictId).ToList();
        var english = Text.IsEnglish;
        DistrictNames = (await db.Districts.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.SortOrder).ToListAsync())
            .Select(d => english && d.NameEn is not null ? d.NameEn : d.Name).ToList();
        CouncilDistrict = Group.CouncilDistrictId is { } cd
            ? await db.Districts.Where(d => d.Id == cd).Select(d => d.CouncilName ?? d.Name).FirstOrDefaultAsync()
            : null;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Admin;

/// <summary>One application as staff see it, private contact included, with the decision form.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class DetailModel(GroupService groups, CurrentCity city, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    [BindProperty]
    [Display(Name = "判断")]
    [Required(ErrorMessage = "承認、修正のお願い、登録しない、のどれかを選んでください。")]
    public GroupService.ReviewDecision? Decision { get; set; }

    [BindProperty]
    [Display(Name = "申請者へのコメント")]
    [StringLength(1000, ErrorMessage = "コメントは1000文字以内で入力してください。")]
    public string? Comment { get; set; }

    public Group Group { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync()
    {
        var group = await groups.FindAsync(Id);
        if (group is null) return NotFound();
        Group = group;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var group = await groups.FindAsync(Id);
        if (group is null) return NotFound();
        Group = group;
        if (Decision is GroupService.ReviewDecision.Return or GroupService.ReviewDecision.Reject && string.IsNullOrWhiteSpace(Comment))
            ModelState.AddModelError(nameof(Comment), t["修正のお願いや登録しない理由を、申請者にわかるように書いてください。"]);
        if (group.Status != GroupStatus.Submitted)
            ModelState.AddModelError(string.Empty, t["この申請はすでに判断済みです。"]);
        if (!ModelState.IsValid) return Page();
        await groups.ReviewAsync(group, Decision!.Value, Comment?.Trim());
        TempData["Notice"] = Decision switch
        {
            GroupService.ReviewDecision.Approve => "承認し、団体一覧に掲載しました。申請者にメールで知らせました。",
            GroupService.ReviewDecision.Return => "申請者に修正をお願いしました。",
            _ => "登録しないことを申請者に知らせました。",
        };
        return Redirect($"/{city.Required.Slug}/admin/groups");
    }
}

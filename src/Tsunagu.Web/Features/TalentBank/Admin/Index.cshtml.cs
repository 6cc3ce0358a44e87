using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.TalentBank.Admin;

/// <summary>Centre staff publish and withdraw entries, and move requests on with a note to the requester.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class IndexModel(TalentBankService talent, TsunaguDb db, CurrentCity city, Text t) : PageModel
{
    public class RequestUpdate
    {
        public int Id { get; set; }

        [Display(Name = "状況")]
        [Required(ErrorMessage = "状況を選んでください。")]
        public TalentRequestStatus? Status { get; set; }

        [Display(Name = "依頼者へのお知らせ")]
        [StringLength(1000, ErrorMessage = "依頼者へのお知らせは1000文字以内にしてください。")]
        public string? Note { get; set; }
    }

    [BindProperty] public RequestUpdate Update { get; set; } = new();

    public List<TalentBankService.StaffEntry> Entries { get; private set; } = [];
    public List<TalentBankService.StaffRequest> Requests { get; private set; } = [];
    public IReadOnlyDictionary<int, string> DistrictNames { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostEntryAsync(int id, TalentStatus status)
    {
        switch (await talent.SetStatusByStaffAsync(id, status, HttpContext.RequestAborted))
        {
            case TalentBankService.StaffChange.NotFound: return NotFound();
            case TalentBankService.StaffChange.NotAllowed: TempData["Warning"] = "確認待ちの登録だけを公開できます。"; break;
            default: TempData["Notice"] = status == TalentStatus.Published ? "人材バンクに公開しました。" : "公開を取り下げました。"; break;
        }
        return Redirect($"/{city.Required.Slug}/admin/talent");
    }

    public async Task<IActionResult> OnPostRequestAsync()
    {
        if (Update.Status is { } s && !Enum.IsDefined(s)) ModelState.AddModelError("Update.Status", t["状況を選んでください。"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        if (!await talent.UpdateRequestAsync(Update.Id, Update.Status!.Value, Update.Note, HttpContext.RequestAborted))
        {
            TempData["Notice"] = "この依頼はその状況に変えられません（取り消し・決定・見送りのあとは戻せず、公開していない登録には取り次げません）。";
            return Redirect($"/{city.Required.Slug}/admin/talent#requests");
        }
        TempData["Notice"] = "依頼の状況を更新し、依頼者にメールで知らせました。";
        return Redirect($"/{city.Required.Slug}/admin/talent#requests");
    }

    private async Task LoadAsync()
    {
        Entries = await talent.EntriesForStaffAsync(HttpContext.RequestAborted);
        Requests = await talent.RequestsForStaffAsync(HttpContext.RequestAborted);
        DistrictNames = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => Text.IsEnglish && d.NameEn != null ? d.NameEn : d.Name);
    }
}

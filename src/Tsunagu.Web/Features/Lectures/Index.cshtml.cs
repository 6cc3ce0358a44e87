using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Lectures;

/// <summary>The public catalogue of on-request lectures; a signed-in person asks for one with preferred dates.</summary>
public class IndexModel(LectureService lectures, UserManager<AppUser> users, CurrentCity city) : PageModel
{
    public List<LectureTopic> Topics { get; private set; } = [];
    public LectureTopic? Chosen { get; private set; }

    [BindProperty(SupportsGet = true)] public int? Topic { get; set; }
    [BindProperty] public RequestInput Input { get; set; } = new();

    public class RequestInput
    {
        [Display(Name = "団体名・グループ名")]
        [Required(ErrorMessage = "団体名・グループ名を入力してください。")]
        [StringLength(200, ErrorMessage = "団体名・グループ名は200文字以内にしてください。")]
        public string? Organisation { get; set; }

        [Display(Name = "希望する日時（第3希望まで）")]
        [Required(ErrorMessage = "希望する日時を入力してください。")]
        [StringLength(500, ErrorMessage = "希望する日時は500文字以内にしてください。")]
        public string? PreferredDates { get; set; }

        [Display(Name = "会場")]
        [Required(ErrorMessage = "会場を入力してください。")]
        [StringLength(200, ErrorMessage = "会場は200文字以内にしてください。")]
        public string? Place { get; set; }

        [Display(Name = "参加予定人数")]
        [Required(ErrorMessage = "参加予定人数を入力してください。")]
        [Range(1, 10000, ErrorMessage = "参加予定人数は1人以上で入力してください。")]
        public int? Participants { get; set; }

        [Display(Name = "聞きたいこと・伝えたいこと")]
        [StringLength(1000, ErrorMessage = "1,000文字以内にしてください。")]
        public string? Message { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        await LoadAsync();
        if (Chosen is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        await lectures.RequestAsync(Chosen, new LectureRequest
        {
            RequesterUserId = users.GetUserId(User)!,
            Organisation = Input.Organisation!.Trim(),
            PreferredDates = Input.PreferredDates!.Trim(),
            Place = Input.Place!.Trim(),
            Participants = Input.Participants!.Value,
            Message = string.IsNullOrWhiteSpace(Input.Message) ? null : Input.Message.Trim(),
        }, HttpContext.RequestAborted);
        TempData["Notice"] = "出前講座を申し込みました。センターから日程のご連絡をします。";
        return Redirect($"/{city.Required.Slug}/lectures/requests");
    }

    private async Task LoadAsync()
    {
        Topics = await lectures.CatalogueAsync(ct: HttpContext.RequestAborted);
        Chosen = Topic is { } id ? Topics.Find(x => x.Id == id) : null;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Register;

// Larger than the 2 MB a logo may be, so that a phone's photo of a few MB gets the field's message rather than the 413 page.
[RequestSizeLimit(10 * 1024 * 1024)]
public class ActivityModel(GroupService groups, UserManager<AppUser> users, CurrentCity city, Text t, TimeProvider clock)
    : RegisterStepModel(groups, users, city)
{
    [BindProperty] public InputModel Input { get; set; } = new();

    protected override string NextStep => "contact";

    public class InputModel
    {
        [Display(Name = "活動日時")]
        [StringLength(200, ErrorMessage = "活動日時は200文字以内で入力してください。")]
        public string? MeetingSchedule { get; set; }

        [Display(Name = "活動場所")]
        [StringLength(200, ErrorMessage = "活動場所は200文字以内で入力してください。")]
        public string? MeetingPlace { get; set; }

        [Display(Name = "会員数")]
        [Range(1, 100000, ErrorMessage = "会員数は1から100000までの数で入力してください。")]
        public int? MemberCount { get; set; }

        [Display(Name = "設立日")]
        public DateOnly? FoundedOn { get; set; }

        [Display(Name = "会費")]
        [StringLength(200, ErrorMessage = "会費は200文字以内で入力してください。")]
        public string? Fees { get; set; }

        [Display(Name = "ホームページ")]
        [StringLength(300, ErrorMessage = "ホームページのアドレスは300文字以内で入力してください。")]
        [Url(ErrorMessage = "ホームページのアドレスは https:// から入力してください。")]
        public string? Website { get; set; }

        [Display(Name = "SNSなど")]
        [StringLength(1000, ErrorMessage = "SNSなどは1000文字以内で入力してください。")]
        public string? SocialLinks { get; set; }

        [Display(Name = "いまボランティアを募集している")]
        public bool RecruitingVolunteers { get; set; }

        [Display(Name = "ロゴ画像")]
        public IFormFile? Logo { get; set; }

        [Display(Name = "いまのロゴ画像を削除する")]
        public bool RemoveLogo { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new InputModel
        {
            MeetingSchedule = Group.MeetingSchedule,
            MeetingPlace = Group.MeetingPlace,
            MemberCount = Group.MemberCount,
            FoundedOn = Group.FoundedOn,
            Fees = Group.Fees,
            Website = Group.Website,
            SocialLinks = Group.SocialLinks,
            RecruitingVolunteers = Group.RecruitingVolunteers,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Input.FoundedOn is { } founded && founded > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1)))
            ModelState.AddModelError("Input.FoundedOn", t["設立日は今日までの日付を入力してください。"]);
        (LogoImages.Problem Problem, string? ContentType, byte[]? Content) logo = default;
        if (Input.Logo is { Length: > 0 } upload)
        {
            logo = await LogoImages.ReadAsync(upload, HttpContext.RequestAborted);
            if (logo.Problem == LogoImages.Problem.TooLarge)
                ModelState.AddModelError("Input.Logo", t["ロゴ画像は2MB以下のファイルにしてください。"]);
            else if (logo.Problem == LogoImages.Problem.NotAnImage)
                ModelState.AddModelError("Input.Logo", t["ロゴ画像はPNG、JPEG、WebPのいずれかの画像にしてください。"]);
        }
        if (!ModelState.IsValid) return Page();
        if (logo.Content is not null) await Groups.SetLogoAsync(Group, logo.ContentType, logo.Content);
        else if (Input.RemoveLogo) await Groups.SetLogoAsync(Group, null, null);
        Group.MeetingSchedule = Input.MeetingSchedule?.Trim();
        Group.MeetingPlace = Input.MeetingPlace?.Trim();
        Group.MemberCount = Input.MemberCount;
        Group.FoundedOn = Input.FoundedOn;
        Group.Fees = Input.Fees?.Trim();
        Group.Website = Input.Website?.Trim();
        Group.SocialLinks = Input.SocialLinks?.Trim();
        Group.RecruitingVolunteers = Input.RecruitingVolunteers;
        await Groups.SaveAsync(Group);
        return Next();
    }
}

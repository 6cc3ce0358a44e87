using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Register;

public class ContactModel(GroupService groups, UserManager<AppUser> users, CurrentCity city, Text t)
    : RegisterStepModel(groups, users, city)
{
    [BindProperty] public InputModel Input { get; set; } = new();

    protected override string NextStep => "check";

    public class InputModel
    {
        [Display(Name = "公開する連絡先の名前")]
        [StringLength(100, ErrorMessage = "名前は100文字以内で入力してください。")]
        public string? PublicContactName { get; set; }

        [Display(Name = "公開するメールアドレス")]
        [MailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        [StringLength(256, ErrorMessage = "メールアドレスは256文字以内で入力してください。")]
        public string? PublicEmail { get; set; }

        [Display(Name = "公開する電話番号")]
        [StringLength(20, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? PublicPhone { get; set; }

        [Display(Name = "代表者の氏名")]
        [Required(ErrorMessage = "代表者の氏名を入力してください。")]
        [StringLength(100, ErrorMessage = "氏名は100文字以内で入力してください。")]
        public string RepresentativeName { get; set; } = "";

        [Display(Name = "代表者のメールアドレス")]
        [Required(ErrorMessage = "代表者のメールアドレスを入力してください。")]
        [MailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        [StringLength(256, ErrorMessage = "メールアドレスは256文字以内で入力してください。")]
        public string RepresentativeEmail { get; set; } = "";

        [Display(Name = "代表者の電話番号")]
        [StringLength(20, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? RepresentativePhone { get; set; }

        [Display(Name = "代表者の郵便番号")]
        [StringLength(8, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? RepresentativePostalCode { get; set; }

        [Display(Name = "代表者の住所")]
        [StringLength(200, ErrorMessage = "住所は200文字以内で入力してください。")]
        public string? RepresentativeAddress { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new InputModel
        {
            PublicContactName = Group.PublicContactName,
            PublicEmail = Group.PublicEmail,
            PublicPhone = Group.PublicPhone,
            RepresentativeName = Group.RepresentativeName,
            RepresentativeEmail = Group.RepresentativeEmail,
            RepresentativePhone = Group.RepresentativePhone,
            RepresentativePostalCode = Group.RepresentativePostalCode,
            RepresentativeAddress = Group.RepresentativeAddress,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var publicPhone = Phone("Input.PublicPhone", Input.PublicPhone);
        var representativePhone = Phone("Input.RepresentativePhone", Input.RepresentativePhone);
        string? postal = null;
        if (!string.IsNullOrWhiteSpace(Input.RepresentativePostalCode))
        {
            postal = ContactFormats.NormalizePostalCode(Input.RepresentativePostalCode);
            if (postal is null) ModelState.AddModelError("Input.RepresentativePostalCode", t["郵便番号は7桁の数字で入力してください（例：750-8521）。"]);
        }
        if (!ModelState.IsValid) return Page();
        Group.PublicContactName = Input.PublicContactName?.Trim();
        Group.PublicEmail = Input.PublicEmail?.Trim();
        Group.PublicPhone = publicPhone;
        Group.RepresentativeName = Input.RepresentativeName.Trim();
        Group.RepresentativeEmail = Input.RepresentativeEmail.Trim();
        Group.RepresentativePhone = representativePhone;
        Group.RepresentativePostalCode = postal;
        Group.RepresentativeAddress = Input.RepresentativeAddress?.Trim();
        await Groups.SaveAsync(Group);
        return Next();
    }

    private string? Phone(string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var phone = ContactFormats.NormalizePhone(text);
        if (phone is null) ModelState.AddModelError(key, t["電話番号は市外局番から、数字とハイフンで入力してください（例：083-231-1111）。"]);
        return phone;
    }
}

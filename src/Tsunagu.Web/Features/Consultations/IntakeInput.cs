using System.ComponentModel.DataAnnotations;
using Tsunagu.Web.Email;

namespace Tsunagu.Web.Features.Consultations;

/// <summary>What a consultation request asks, online or recorded by staff at the counter.</summary>
public class IntakeInput
{
    [Display(Name = "相談の内容")]
    [Required(ErrorMessage = "相談の内容を選んでください。")]
    public ConsultationTopic? Topic { get; set; }

    [Display(Name = "希望する相談の方法")]
    [Required(ErrorMessage = "希望する相談の方法を選んでください。")]
    public PreferredContact? PreferredContact { get; set; }

    [Display(Name = "相談したいこと")]
    [Required(ErrorMessage = "相談したいことを入力してください。")]
    [StringLength(4000, ErrorMessage = "相談したいことは4000文字以内で入力してください。")]
    public string Question { get; set; } = "";

    [Display(Name = "お名前")]
    [Required(ErrorMessage = "お名前を入力してください。")]
    [StringLength(100, ErrorMessage = "お名前は100文字以内で入力してください。")]
    public string Name { get; set; } = "";

    [Display(Name = "メールアドレス")]
    [MailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
    [StringLength(256, ErrorMessage = "メールアドレスは256文字以内で入力してください。")]
    public string? Email { get; set; }

    [Display(Name = "電話番号")]
    public string? Phone { get; set; }
}

using Microsoft.AspNetCore.Identity;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Identity;

/// <summary>Identity's messages in Japanese (and English through <see cref="Text"/>).</summary>
public class JapaneseIdentityErrors(Text t) : IdentityErrorDescriber
{
    private IdentityError E(string code, string ja, params object[] args) => new() { Code = code, Description = t[ja, args] };

    public override IdentityError DefaultError() => E(nameof(DefaultError), "処理できませんでした。もう一度お試しください。");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), "このメールアドレスはすでに登録されています。");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), "このメールアドレスはすでに登録されています。");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), "メールアドレスの形式が正しくありません。");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), "メールアドレスの形式が正しくありません。");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "リンクの有効期限が切れているか、正しくありません。もう一度お手続きください。");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "パスワードが正しくありません。");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), "パスワードは{0}文字以上で入力してください。", length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), "パスワードには{0}種類以上の文字を使ってください。", uniqueChars);
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "パスワードはすでに設定されています。");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "ほかの操作と重なりました。もう一度お試しください。");
}

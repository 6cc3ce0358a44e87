using Microsoft.AspNetCore.Identity;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Identity;

/// <summary>
/// Refuses passwords that are easy to guess whatever their length, as NIST SP 800-63B §5.1.1.2 asks: the ones on lists
/// of common passwords, a common word with digits or symbols around it, one character repeated or a few characters
/// over and over, runs of the alphabet, digits or keyboard rows, and the person's own address or name. Length and
/// character classes are Identity's own options (10 characters, no composition rules, as NIST also advises).
/// </summary>
public class CommonPasswordValidator(Text t) : IPasswordValidator<AppUser>
{
    /// <summary>Passwords of 10 or more characters that head the published lists of leaked passwords.</summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "1234567890", "0123456789", "0987654321", "9876543210", "1111111111", "1234512345", "1122334455", "1212121212",
        "123456789a", "a123456789", "1234567890a", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx3edc", "qwertyuiop", "asdfghjkl;",
        "qwerty1234", "qwerty12345", "qwerty123456", "1234qwer", "qwer1234qwer", "zaq12wsxcde3", "password12", "password123",
        "password1234", "passw0rd12", "p@ssw0rd12", "p@ssword123", "iloveyou12", "iloveyou123", "abc1234567", "abcd123456",
        "abcdefghij", "aa12345678", "qwertyuiop123", "princess12", "sunshine12", "football12", "baseball12", "welcome123",
        "letmein123", "admin12345", "administrator", "superman12", "starwars12", "trustno1234", "michael123", "charlie123",
        "computer12", "internet12", "whatever12", "1qazxsw23edc", "q1w2e3r4t5", "a1b2c3d4e5", "zxcvbnm123", "asdfghjkl1",
        "changeme12", "default123", "tsunagu123", "tsunagu1234",
    };

    /// <summary>Words at the heart of common passwords; with only digits and symbols added they are as weak.</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "passw", "pass", "qwerty", "qwertyuiop", "asdf", "asdfgh", "asdfghjkl", "zxcvbnm", "iloveyou",
        "admin", "administrator", "welcome", "letmein", "monkey", "dragon", "sunshine", "princess", "football", "baseball",
        "soccer", "master", "shadow", "superman", "batman", "trustno", "starwars", "pokemon", "hello", "login", "freedom",
        "whatever", "changeme", "default", "secret", "abc", "abcd", "abcdef", "test", "guest", "user", "root", "tsunagu",
        "sakura", "doraemon", "naruto", "pikachu", "tokyo", "japan", "nihon", "nippon", "yamaguchi", "shimonoseki", "nagato",
        "muroran", "ube", "hagi", "iwakuni", "shunan", "hofu",
    };

    /// <summary>Runs people type by sliding along a row; each is checked forwards and backwards, wrapping once.</summary>
    private static readonly string[] Runs =
    [
        "01234567890123456789", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "qwertyuiopqwertyuiop",
        "asdfghjklasdfghjkl", "zxcvbnmzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "qazwsxedcrfvtgbyhnujmikolp",
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん",
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        var weak = IsWeak(password.ToLowerInvariant(), user);
        return Task.FromResult(weak
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = t["よく使われるパスワード、同じ文字や連続した文字（aaaa、1234、qwerty など）の並び、メールアドレスやお名前を含むパスワードは使えません。覚えやすい言葉をいくつか組み合わせてください。"],
            })
            : IdentityResult.Success);
    }

    private static bool IsWeak(string password, AppUser user)
    {
        if (Common.Contains(password)) return true;
        // Few different characters: aaaaaaaaaa, abababab12, 1122112211.
        if (password.Distinct().Count() < 4) return true;
        if (IsRun(password)) return true;
        // A common word with only digits and symbols around or inside it: password12, !!dragon2026!!, p@ssw0rd.
        var core = password.Trim().TrimStart(NotALetter).TrimEnd(NotALetter);
        if (CommonWords.Contains(LettersOf(password)) || CommonWords.Contains(LettersOf(Unleet(core)))) return true;
        // A repeated common word or run: passwordpassword, abcabcabcabc.
        for (var unit = 1; unit <= password.Length / 2; unit++)
        {
            if (password.Length % unit == 0 && string.Concat(Enumerable.Repeat(password[..unit], password.Length / unit)) == password) return true;
        }
        return ContainsOwn(password, user.Email?.Split('@')[0]) || ContainsOwn(password, user.DisplayName?.Replace(" ", "", StringComparison.Ordinal).Replace("　", "", StringComparison.Ordinal));
    }

    /// <summary>The whole password lies along one of the rows (forwards or backwards), e.g. 1234567890, zyxwvutsrq.</summary>
    private static bool IsRun(string password) =>
        Runs.Any(run => run.Contains(password, StringComparison.Ordinal) || new string(run.Reverse().ToArray()).Contains(password, StringComparison.Ordinal));

    private static bool ContainsOwn(string password, string? own) =>
        own is { Length: >= 4 } && password.Contains(own.ToLowerInvariant(), StringComparison.Ordinal);

    private static readonly char[] NotALetter = [.. "0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ "];

    private static string LettersOf(string text) => new([.. text.Where(char.IsLetter)]);

    private static string Unleet(string password) => password
        .Replace('@', 'a').Replace('0', 'o').Replace('1', 'i').Replace('3', 'e').Replace('$', 's').Replace('5', 's').Replace('7', 't');
}

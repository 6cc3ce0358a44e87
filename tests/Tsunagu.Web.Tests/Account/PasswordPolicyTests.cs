using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Account;

/// <summary>Long enough is not strong enough: common and repetitive passwords are refused in Japanese (NIST 800-63B).</summary>
public class PasswordPolicyTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task<string> SignUpWithAsync(string password, string email)
    {
        await factory.EnsurePreparedAsync();
        var response = await Browser.For(factory).SubmitAsync("/account/signup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "山田 花子",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.City"] = "nagato",
        });
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData("aaaaaaaaaa")]
    [InlineData("1234567890")]
    [InlineData("password12")]
    [InlineData("p@ssw0rd2026")]
    [InlineData("abababababab")]
    [InlineData("qwertyuiop")]
    [InlineData("zyxwvutsrqpo")]
    [InlineData("passwordpassword")]
    [InlineData("あいうえおかきくけこ")]
    [InlineData("hanako.yamada.pw")]
    public async Task ACommonOrRepetitivePassword_IsRefused_NextToTheField(string password)
    {
        var email = $"hanako.yamada.{Guid.NewGuid():N}"[..24] + "@example.jp";
        var body = await SignUpWithAsync(password.Replace("hanako.yamada", email.Split('@')[0], StringComparison.Ordinal), email);
        body.ShouldContain("よく使われるパスワード");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.Users.Any(u => u.Email == email)))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("correct-horse-battery")]
    [InlineData("うみとやまとかわ2026")]
    [InlineData("19720515-kobe-sakura")]
    public async Task AnUncommonPassword_IsAccepted(string password)
    {
        var email = $"ok-{Guid.NewGuid():N}@example.jp";
        var body = await SignUpWithAsync(password, email);
        body.ShouldNotContain("よく使われるパスワード");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.Users.Any(u => u.Email == email)))).ShouldBeTrue();
    }
}

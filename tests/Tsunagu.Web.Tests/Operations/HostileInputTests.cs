using System.Net;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Operations;

/// <summary>Characters nobody types never reach the database or a feed, and never give a 500 (issue 19).</summary>
public class HostileInputTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [Theory]
    [InlineData("/nagato/groups?q=%00")]
    [InlineData("/nagato/groups?q=a%00b&field=%00")]
    [InlineData("/nagato/search?q=%00")]
    [InlineData("/nagato/talent?q=%00")]
    [InlineData("/nagato/opportunities?q=%00")]
    [InlineData("/api/v1/nagato/groups?q=%00")]
    [InlineData("/api/v1/nagato/opportunities?q=%01%1f%7f")]
    public async Task AControlCharacterInASearch_IsIgnored_NeverA500(string url)
    {
        await factory.EnsurePreparedAsync();
        var response = await Browser.For(factory).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
    }

    [Fact]
    public async Task TheAuditSearch_WithANul_AnswersNormally()
    {
        var (browser, _) = await TestData.SignedInAsync(factory, u => u.InCity("nagato", CityRole.CityAdmin).ExemptFromTwoFactor());
        (await browser.GetAsync("/nagato/admin/audit?q=%00&actor=%00")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AControlCharacterInAPath_IsABadRequest()
    {
        await factory.EnsurePreparedAsync();
        (await Browser.For(factory).GetAsync("/nagato%01/groups")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ANulInAForm_IsRefusedWithTheErrorPage_NotA500()
    {
        await factory.EnsurePreparedAsync();
        var response = await Browser.For(factory).SubmitAsync("/account/signup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "山田\0花子",
            ["Input.Email"] = $"nul-{Guid.NewGuid():N}@example.jp",
            ["Input.Password"] = TestData.Password,
            ["Input.City"] = "nagato",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<main");
    }

    [Fact]
    public async Task AControlCharacterPastedIntoAnyForm_IsRefusedNextToItsField_AndNothingIsSaved()
    {
        await factory.EnsurePreparedAsync();
        var email = $"ctl-{Guid.NewGuid():N}@example.jp";
        var response = await Browser.For(factory).SubmitAsync("/account/signup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "山田\u0001 花子",
            ["Input.Email"] = email,
            ["Input.Password"] = TestData.Password,
            ["Input.City"] = "nagato",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_DisplayName-error")!.TextContent.ShouldContain("制御文字");
        (await TestData.WithDbAsync(factory, db => Task.FromResult(db.Users.Any(u => u.Email == email)))).ShouldBeFalse();
    }
}

using Tsunagu.Web.Email;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Email;

/// <summary>One malformed message never stops the mail of every city (issue 19).</summary>
public sealed class MailHardeningTests : IDisposable
{
    private readonly TsunaguFactory _factory = new();

    [Theory]
    [InlineData("a..b@example.jp")]
    [InlineData(".a@x.jp")]
    [InlineData("a.@x.jp")]
    [InlineData("a@x")]
    [InlineData("a@-x.jp")]
    [InlineData("a@x..jp")]
    [InlineData("a b@x.jp")]
    [InlineData("\"a b\"@x.jp")]
    [InlineData("山田 <a@x.jp>")]
    [InlineData("a@x.jp\r\nBcc: b@x.jp")]
    [InlineData("a@b@x.jp")]
    public void AnAddressTheMailerCannotDeliverTo_IsRefused(string address) =>
        MailAddresses.IsDeliverable(address).ShouldBeFalse(address);

    [Theory]
    [InlineData("hanako@example.jp")]
    [InlineData("hanako.yamada+tsunagu@mail.city.nagato.lg.jp")]
    [InlineData("o'brien@example.com")]
    public void AnOrdinaryAddress_IsAccepted(string address) => MailAddresses.IsDeliverable(address).ShouldBeTrue(address);

    [Fact]
    public async Task SignUp_RefusesAnUndeliverableAddress_NextToTheField()
    {
        await _factory.EnsurePreparedAsync();
        var response = await Browser.For(_factory).SubmitAsync("/account/signup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "山田 花子",
            ["Input.Email"] = "a..b@example.jp",
            ["Input.Password"] = TestData.Password,
            ["Input.City"] = "nagato",
        });
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#Input_Email-error")!.TextContent.ShouldContain("メールアドレスの形式が正しくありません");
    }

    [Fact]
    public void ASubject_IsOneLine()
    {
        Outbox.OneLine("【つなぐ】講座\r\nBcc: victim@example.jp\u0007のお知らせ").ShouldBe("【つなぐ】講座 Bcc: victim@example.jp のお知らせ");
        Outbox.OneLine(new string('あ', 400)).Length.ShouldBe(300);
    }

    [Fact]
    public async Task AMessageTheMailerCannotWrite_IsGivenUpWithItsReason_AndTheRestGoOut()
    {
        using var smtp = new SmtpSink();
        // Written straight to the table, as rows from before addresses were checked would be.
        await TestData.WithDbAsync(_factory, async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage { To = "a..b@@example.jp", Subject = "壊れた宛先", Body = "本文", CreatedAt = DateTime.UtcNow });
            for (var i = 0; i < 3; i++)
                db.OutboxMessages.Add(new OutboxMessage { To = $"ok-{i}-{Guid.NewGuid():N}@example.jp", Subject = "【つなぐ】お知らせ", Body = "本文", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        (await OutboxTestData.DeliverAsync(_factory, new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port })).ShouldBe(3);
        var broken = (await OutboxTestData.MessagesAsync(_factory)).Single(m => m.Subject == "壊れた宛先");
        broken.SentAt.ShouldBeNull();
        broken.Attempts.ShouldBe(OutboxDelivery.MaxAttempts);
        broken.LastError.ShouldNotBeNullOrEmpty();

        // The platform administrator sees it with its reason, without its body.
        var (browser, _) = await TestData.SignedInAsync(_factory, u => u.AsPlatformAdmin().ExemptFromTwoFactor());
        var (_, page) = await browser.GetPageAsync("/admin/mail-failures");
        page.QuerySelector("main table")!.TextContent.ShouldContain("壊れた宛先");
        page.QuerySelector("main table")!.TextContent.ShouldContain("送信をやめました");
    }

    public void Dispose() => _factory.Dispose();
}

using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using Tsunagu.Web.Email;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Email;

/// <summary>A test that needs the SMTP server test.sh starts (aiosmtpd); skipped, saying why, when it is not there.</summary>
public sealed class RealSmtpServerFactAttribute : FactAttribute
{
    public static string? Server => Environment.GetEnvironmentVariable("TSUNAGU_TEST_SMTP");
    public static string? Maildir => Environment.GetEnvironmentVariable("TSUNAGU_TEST_MAILDIR");

    public RealSmtpServerFactAttribute()
    {
        if (string.IsNullOrEmpty(Server) || string.IsNullOrEmpty(Maildir))
            Skip = "Needs a real SMTP server: ./test.sh starts aiosmtpd and sets TSUNAGU_TEST_SMTP (host:port) and TSUNAGU_TEST_MAILDIR.";
    }
}

/// <summary>
/// Delivery to a real SMTP server (aiosmtpd on loopback, started by test.sh, writing each message to a Maildir), read
/// back from the Maildir file and parsed with MimeKit: what a Japanese mail client would receive.
/// </summary>
public class RealSmtpServerTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    [RealSmtpServerFact]
    public async Task JapaneseMail_ArrivesIntact_WithSevenBitHeaders()
    {
        var server = RealSmtpServerFactAttribute.Server!;
        var colon = server.LastIndexOf(':');
        var smtp = new SmtpOptions
        {
            Host = server[..colon],
            Port = int.Parse(server[(colon + 1)..], CultureInfo.InvariantCulture),
            From = "centre@shimonoseki.example.jp",
            FromName = "下関市 市民活動センター（つなぐ）",
        };
        var to = $"yamada-{Guid.NewGuid():N}@example.jp";
        const string subject = "【つなぐ】講座のお知らせ：はじめての防災講座（第1回）は明日です";
        const string body = "山田 太郎 様\n\n「はじめての防災講座」（第1回）は、明日 10:00 から市民活動センター 2階 会議室で行います。\n" +
            "持ち物：筆記用具・上履き。①②③、ｶﾀｶﾅ、𠮷野家の「𠮷」も届きますように。\n\n下関市 市民活動センター";
        await OutboxTestData.QueueAsync(factory, (to, subject, body));

        (await OutboxTestData.DeliverAsync(factory, smtp)).ShouldBe(1);

        var file = Directory.GetFiles(Path.Combine(RealSmtpServerFactAttribute.Maildir!, "new"))
            .Single(f => File.ReadAllText(f, Encoding.Latin1).Contains(to));
        var raw = await File.ReadAllBytesAsync(file);
        var text = Encoding.Latin1.GetString(raw);
        var blank = Regex.Match(text, @"\r?\n\r?\n");
        var (headers, encodedBody) = (text[..blank.Index], text[(blank.Index + blank.Length)..]);
        headers.ShouldAllBe(c => c < 0x80, "every header is 7-bit");
        headers.ShouldMatch(@"(?im)^Subject: =\?utf-8\?b\?");
        headers.ShouldMatch(@"(?im)^From: =\?utf-8\?b\?");

        using var stream = new MemoryStream(raw);
        var message = await MimeMessage.LoadAsync(stream);
        message.Subject.ShouldBe(subject);
        message.TextBody.ShouldNotBeNull().ReplaceLineEndings("\n").ShouldBe(body);
        // On the wire: exactly these UTF-8 bytes, lines ending in CRLF (the canonical form of text/plain).
        Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(encodedBody, @"\s", ""))).ShouldBe(body.ReplaceLineEndings("\r\n"));
        var from = message.From.Mailboxes.ShouldHaveSingleItem();
        (from.Name, from.Address).ShouldBe((smtp.FromName, smtp.From));
        message.To.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe(to);
        var part = message.Body.ShouldBeOfType<TextPart>();
        part.ContentType.MimeType.ShouldBe("text/plain");
        part.ContentType.Charset.ShouldNotBeNull().ToLowerInvariant().ShouldBe("utf-8");
        part.ContentTransferEncoding.ShouldBe(ContentEncoding.Base64);
    }
}

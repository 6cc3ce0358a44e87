using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Email;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Email;

public sealed class OutboxDeliveryTests : IDisposable
{
    private readonly SmtpSink _smtp = new();
    private readonly TsunaguFactory _factory;

    public OutboxDeliveryTests() => _factory = TsunaguFactory.WithSettings(new()
    {
        ["Tsunagu:Smtp:Host"] = "127.0.0.1",
        ["Tsunagu:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Tsunagu:Smtp:PollInterval"] = "00:00:00.200",
    });

    [Fact]
    public async Task QueuedMail_IsDeliveredOverSmtp_AndMarkedSent()
    {
        await _factory.EnsurePreparedAsync();
        var to = $"citizen-{Guid.NewGuid():N}@example.jp";
        using (var scope = _factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Outbox>().SendAsync(to, "【つなぐ】テスト", "本文です。");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        OutboxMessage? message = null;
        while (DateTime.UtcNow < deadline)
        {
            message = await TestData.WithDbAsync(_factory, db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == to));
            if (message.SentAt is not null) break;
            await Task.Delay(100);
        }
        message!.SentAt.ShouldNotBeNull();
        var raw = string.Join("\n", _smtp.Messages);
        raw.ShouldContain(to);
        // Subject and body travel as UTF-8 (encoded words / base64), not as mojibake.
        raw.ShouldContain("=?utf-8?", Case.Insensitive);
        raw.ShouldContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("本文です。"))[..8]);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;
using MailKit.Security;
using Tsunagu.Web.Email;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Email;

/// <summary>How a batch goes when the server refuses a message or cannot be reached (the in-process SMTP sink).</summary>
public sealed class OutboxBatchTests : IDisposable
{
    private readonly TsunaguFactory _factory = new();

    private static SmtpOptions At(int port) => new() { Host = "127.0.0.1", Port = port };

    [Fact]
    public async Task RefusedRecipient_StaysPendingWithTheServersAnswer_UntilFiveAttempts_AndTheOthersGoOnOneConnection()
    {
        using var smtp = new SmtpSink { RefuseRecipientsContaining = "nobody-" };
        await OutboxTestData.QueueAsync(_factory,
            ($"first-{Guid.NewGuid():N}@example.jp", "【つなぐ】一通目", "本文"),
            ($"nobody-{Guid.NewGuid():N}@example.jp", "【つなぐ】届かない", "本文"),
            ($"third-{Guid.NewGuid():N}@example.jp", "【つなぐ】三通目", "本文"));

        (await OutboxTestData.DeliverAsync(_factory, At(smtp.Port))).ShouldBe(2);
        smtp.Connections.ShouldBe(1);
        smtp.Messages.Count.ShouldBe(2);
        var messages = await OutboxTestData.MessagesAsync(_factory);
        messages.Count(m => m.SentAt is not null).ShouldBe(2);
        var refused = messages.Single(m => m.To.StartsWith("nobody-", StringComparison.Ordinal));
        refused.SentAt.ShouldBeNull();
        refused.Attempts.ShouldBe(1);
        refused.LastError.ShouldNotBeNull().ShouldContain("no such mailbox");

        // It waits before trying again: the next round leaves it alone.
        refused.NextAttemptAt.ShouldNotBeNull().ShouldBeGreaterThan(DateTime.UtcNow);
        (await OutboxTestData.DeliverAsync(_factory, At(smtp.Port))).ShouldBe(0);
        (await OutboxTestData.MessagesAsync(_factory)).Single(m => m.Id == refused.Id).Attempts.ShouldBe(1);
        smtp.Connections.ShouldBe(1);

        for (var round = 2; round <= 5; round++)
        {
            await OutboxTestData.WaitsPassAsync(_factory);
            (await OutboxTestData.DeliverAsync(_factory, At(smtp.Port))).ShouldBe(0);
        }
        (await OutboxTestData.MessagesAsync(_factory)).Single(m => m.Id == refused.Id).Attempts.ShouldBe(5);
        // Given up: a sixth round finds nothing to send and opens no connection.
        (await OutboxTestData.DeliverAsync(_factory, At(smtp.Port))).ShouldBe(0);
        smtp.Connections.ShouldBe(5);
        smtp.Messages.Count.ShouldBe(2);
    }

    [Fact]
    public async Task UnreachableServer_FailsTheBatch_KeepingEveryMessage_WithoutUsingAnAttempt()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await OutboxTestData.QueueAsync(_factory,
            ($"a-{Guid.NewGuid():N}@example.jp", "【つなぐ】お知らせ", "本文"), ($"b-{Guid.NewGuid():N}@example.jp", "【つなぐ】お知らせ", "本文"));

        (await OutboxTestData.DeliverAsync(_factory, At(closedPort))).ShouldBe(0);
        var waiting = await OutboxTestData.MessagesAsync(_factory);
        waiting.ShouldAllBe(m => m.SentAt == null && m.Attempts == 0 && m.LastError != null);

        using var smtp = new SmtpSink();
        (await OutboxTestData.DeliverAsync(_factory, At(smtp.Port))).ShouldBe(2);
        (await OutboxTestData.MessagesAsync(_factory)).ShouldAllBe(m => m.SentAt != null && m.Attempts == 1 && m.LastError == null);
    }

    [Fact]
    public async Task FiftyAtATime()
    {
        using var smtp = new SmtpSink();
        await OutboxTestData.QueueAsync(_factory,
            [.. Enumerable.Range(1, 51).Select(i => ($"n{i}-{Guid.NewGuid():N}@example.jp", $"【つなぐ】{i}通目", "本文"))]);
        (await OutboxTestData.DeliverAsync(_factory, At(smtp.Port))).ShouldBe(50);
        smtp.Connections.ShouldBe(1);
        (await OutboxTestData.DeliverAsync(_factory, At(smtp.Port))).ShouldBe(1);
        smtp.Connections.ShouldBe(2);
        smtp.Messages.Count.ShouldBe(51);
    }

    public void Dispose() => _factory.Dispose();
}

public class SmtpSecurityTests
{
    [Theory]
    [InlineData(false, 25, SecureSocketOptions.None)]
    [InlineData(false, 587, SecureSocketOptions.None)]
    [InlineData(true, 587, SecureSocketOptions.StartTls)]
    [InlineData(true, 25, SecureSocketOptions.StartTls)]
    [InlineData(true, 465, SecureSocketOptions.SslOnConnect)]
    public void EnableSsl_RequiresTls_ImplicitOn465(bool enableSsl, int port, SecureSocketOptions expected) =>
        OutboxDelivery.SecureSocket(new SmtpOptions { EnableSsl = enableSsl, Port = port }).ShouldBe(expected);
}

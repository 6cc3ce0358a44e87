using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Email;

/// <summary>
/// Delivers queued e-mail over SMTP (MailKit) when a host is configured: up to 50 messages per batch over one connection;
/// a message the server refuses stays pending with its error and is tried again, up to five attempts.
/// </summary>
public class OutboxDelivery(IServiceScopeFactory scopes, IOptions<SmtpOptions> options, ILogger<OutboxDelivery> log) : BackgroundService
{
    public const int MaxAttempts = 5;

    /// <summary>How long after the n-th failed attempt the next one waits.</summary>
    private static readonly TimeSpan[] BackOff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Outbox delivery failed");
            }
            await Task.Delay(smtp.PollInterval, stoppingToken);
        }
    }

    /// <summary>
    /// Sends one batch and returns how many went out. A message the server refuses keeps its error and counts an attempt.
    /// When the connection fails (cannot connect, TLS or sign-in fails, the link drops) the rest of the batch waits for the
    /// next round: only the message in flight counts an attempt, so an outage of the mail server uses up no one's retries.
    /// </summary>
    public async Task<int> DeliverPendingAsync(CancellationToken ct)
    {
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host)) return 0; // no server configured: mail stays in the outbox
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var now = DateTime.UtcNow;
        var pending = await db.OutboxMessages.Where(m => m.SentAt == null && m.Attempts < MaxAttempts && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        if (pending.Count == 0) return 0;

        var sent = 0;
        var next = 0; // pending[next..] have not been tried in this batch
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocket(smtp), ct);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            for (; next < pending.Count; next++)
            {
                var message = pending[next];
                message.Attempts++;
                MimeMessage mail;
                try
                {
                    mail = Compose(smtp, message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The message itself cannot be written (an address or header the mailer refuses): retrying will not
                    // change it, so it is given up at once, with the reason, and the batch goes on.
                    message.Attempts = MaxAttempts;
                    Failed(message, ex);
                    continue;
                }
                try
                {
                    await client.SendAsync(mail, ct);
                    message.SentAt = DateTime.UtcNow;
                    message.LastError = null;
                    sent++;
                }
                // Refused by the server (a 4xx/5xx reply to MAIL, RCPT or DATA): MailKit has reset the session, the next
                // message can go on the same connection. An address MimeKit cannot read is this message's fault too.
                catch (Exception ex) when ((ex is SmtpCommandException or ParseException) && client.IsConnected)
                {
                    Failed(message, ex);
                }
            }
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            // The message in flight (if any) has counted its attempt; it and those not yet tried say why they wait.
            for (var i = next; i < pending.Count; i++) pending[i].LastError = Truncate(ex.Message);
            log.LogWarning(ex, "SMTP connection to {Host}:{Port} failed; {Waiting} outbox message(s) wait for the next round",
                smtp.Host, smtp.Port, pending.Count - next);
        }
        finally
        {
            // Saved however the batch ended (shutdown included), so a message that went out is never sent again.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return sent;
    }

    private void Failed(OutboxMessage message, Exception ex)
    {
        message.LastError = Truncate(ex.Message);
        message.NextAttemptAt = message.Attempts >= MaxAttempts ? null : DateTime.UtcNow + BackOff[Math.Min(message.Attempts, BackOff.Length) - 1];
        log.LogWarning(ex, "Could not deliver outbox message {Id}", message.Id);
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;

    /// <summary>What ends a batch: the connection, not the message, failed.</summary>
    private static bool IsConnectionFailure(Exception ex) =>
        ex is SmtpCommandException      // refused at connect or sign-in, or the server closed the session (421)
            or SmtpProtocolException    // the server broke the protocol or hung up
            or SslHandshakeException
            or MailKit.Security.AuthenticationException
            or ServiceNotConnectedException
            or IOException or SocketException or TimeoutException;

    /// <summary>
    /// EnableSsl keeps its System.Net.Mail meaning, "the connection must be encrypted", and adds implicit TLS on port 465:
    /// 465 → SslOnConnect; any other port → StartTls, which fails rather than go on in clear text when the server offers
    /// no STARTTLS (SecureSocketOptions.Auto would fall back silently and could send the password unencrypted).
    /// EnableSsl off → None, plain SMTP as before, e.g. to a relay on the same host; not StartTlsWhenAvailable, which
    /// would start failing against a relay whose certificate does not validate.
    /// </summary>
    internal static SecureSocketOptions SecureSocket(SmtpOptions smtp) =>
        !smtp.EnableSsl ? SecureSocketOptions.None
        : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;

    /// <summary>
    /// The message as Japanese mail clients expect it: UTF-8 throughout, subject and display names as RFC 2047 encoded
    /// words (MimeKit's default formatting, which is not "international", keeps every header 7-bit even when the server
    /// offers SMTPUTF8), the body base64 — compact for Japanese text (quoted-printable would triple it) and safe through
    /// any relay, 8BITMIME or not. Line breaks become CRLF, the canonical form of text/plain.
    /// </summary>
    internal static MimeMessage Compose(SmtpOptions smtp, OutboxMessage message)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(Encoding.UTF8, smtp.FromName, smtp.From));
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject;
        var body = new TextPart(MimeKit.Text.TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.Base64 };
        body.SetText(Encoding.UTF8, message.Body.ReplaceLineEndings("\r\n"));
        mail.Body = body;
        return mail;
    }
}

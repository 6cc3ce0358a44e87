using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Email;

/// <summary>Delivers queued e-mail over SMTP when a host is configured; retries a failed message up to five times.</summary>
public class OutboxDelivery(IServiceScopeFactory scopes, IOptions<SmtpOptions> options, ILogger<OutboxDelivery> log) : BackgroundService
{
    private const int MaxAttempts = 5;

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

    public async Task<int> DeliverPendingAsync(CancellationToken ct)
    {
        var smtp = options.Value;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var pending = await db.OutboxMessages.Where(m => m.SentAt == null && m.Attempts < MaxAttempts)
            .OrderBy(m => m.Id).Take(50).ToListAsync(ct);
        if (pending.Count == 0) return 0;

        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName)) client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        var sent = 0;
        foreach (var message in pending)
        {
            message.Attempts++;
            try
            {
                using var mail = new MailMessage(new MailAddress(smtp.From, smtp.FromName, Encoding.UTF8), new MailAddress(message.To))
                {
                    Subject = message.Subject,
                    Body = message.Body,
                    SubjectEncoding = Encoding.UTF8,
                    BodyEncoding = Encoding.UTF8,
                };
                await client.SendMailAsync(mail, ct);
                message.SentAt = DateTime.UtcNow;
                message.LastError = null;
                sent++;
            }
            catch (SmtpException ex)
            {
                message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                log.LogWarning(ex, "Could not deliver outbox message {Id}", message.Id);
            }
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }
}

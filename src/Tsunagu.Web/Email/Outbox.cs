using Tsunagu.Web.Data;

namespace Tsunagu.Web.Email;

/// <summary>Queues e-mail in the outbox table; the caller's SaveChanges writes it with the change that caused it.</summary>
public class Outbox(TsunaguDb db)
{
    public void Enqueue(string to, string subject, string body) =>
        db.OutboxMessages.Add(new OutboxMessage { To = to, Subject = subject, Body = body, CreatedAt = DateTime.UtcNow });

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        Enqueue(to, subject, body);
        await db.SaveChangesAsync(ct);
    }
}

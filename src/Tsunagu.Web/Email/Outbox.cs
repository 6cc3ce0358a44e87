using Tsunagu.Web.Data;

namespace Tsunagu.Web.Email;

/// <summary>Queues e-mail in the outbox table; the caller's SaveChanges writes it with the change that caused it.</summary>
public class Outbox(TsunaguDb db)
{
    public void Enqueue(string to, string subject, string body) =>
        db.OutboxMessages.Add(new OutboxMessage { To = to.Trim(), Subject = OneLine(subject), Body = body, CreatedAt = DateTime.UtcNow });

    /// <summary>
    /// A subject is one line of at most 300 characters: an event title or a group name pasted with a line break or a
    /// control character must not become a header of its own (or a message the mailer refuses).
    /// </summary>
    public static string OneLine(string subject)
    {
        var spaced = new string([.. subject.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c)]);
        var line = string.Join(' ', spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 300 ? line[..300] : line;
    }

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        Enqueue(to, subject, body);
        await db.SaveChangesAsync(ct);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Admin;

/// <summary>
/// Mail that has not gone out after a failure, with the mail server's (or the mailer's) reason, for the platform
/// administrator in every environment. Bodies are not shown: they hold reset and invitation links.
/// </summary>
[Authorize(Policy = Policies.PlatformAdmin)]
public class MailFailuresModel(TsunaguDb db) : PageModel
{
    public sealed record Failure(long Id, string To, string Subject, DateTime CreatedAt, int Attempts, DateTime? NextAttemptAt, string? LastError);

    public List<Failure> Failures { get; private set; } = [];
    public int Waiting { get; private set; }

    public async Task OnGetAsync()
    {
        Failures = await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null && m.LastError != null)
            .OrderByDescending(m => m.Id).Take(200)
            .Select(m => new Failure(m.Id, m.To, m.Subject, m.CreatedAt, m.Attempts, m.NextAttemptAt, m.LastError)).ToListAsync();
        Waiting = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.Attempts < OutboxDelivery.MaxAttempts);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Email;

/// <summary>
/// Queues mail through the app's Outbox and delivers it with an OutboxDelivery built on the app's services but with the
/// test's own SMTP settings. The factory itself has no SMTP host, so the app's background delivery stays idle and cannot
/// take a message from under the test.
/// </summary>
internal static class OutboxTestData
{
    public static async Task QueueAsync(TsunaguFactory factory, params (string To, string Subject, string Body)[] mails)
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        foreach (var (to, subject, body) in mails) outbox.Enqueue(to, subject, body);
        await scope.ServiceProvider.GetRequiredService<TsunaguDb>().SaveChangesAsync();
    }

    public static Task<int> DeliverAsync(TsunaguFactory factory, SmtpOptions smtp) =>
        ActivatorUtilities.CreateInstance<OutboxDelivery>(factory.Services, Options.Create(smtp)).DeliverPendingAsync(CancellationToken.None);

    /// <summary>As if every failed message's wait before its next attempt had passed.</summary>
    public static Task<int> WaitsPassAsync(TsunaguFactory factory) =>
        TestData.WithDbAsync(factory, db => db.OutboxMessages.Where(m => m.NextAttemptAt != null).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, (DateTime?)null)));

    public static Task<List<OutboxMessage>> MessagesAsync(TsunaguFactory factory) =>
        TestData.WithDbAsync(factory, db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
}

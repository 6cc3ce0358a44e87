using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>
/// The SQL the application sends while a piece of a test runs: `var sql = await SqlRecorder.RecordAsync(() => browser.…)`.
/// Only commands of this flow of the test are kept (an async-local list), so other tests and background jobs running at
/// the same time do not show up; the server must run requests in the caller's flow (TestServer's PreserveExecutionContext).
/// </summary>
public sealed class SqlRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly AsyncLocal<List<string>?> Current = new();
    private static readonly object Subscribed = DiagnosticListener.AllListeners.Subscribe(new SqlRecorder());

    public static async Task<List<string>> RecordAsync(Func<Task> work)
    {
        GC.KeepAlive(Subscribed);
        var commands = new List<string>();
        Current.Value = commands;
        try
        {
            await work();
        }
        finally
        {
            Current.Value = null;
        }
        lock (commands) return [.. commands];
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) listener.Subscribe(this);
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RelationalEventId.CommandExecuting.Name || value.Value is not CommandEventData data) return;
        if (Current.Value is { } commands)
            lock (commands) commands.Add(data.Command.CommandText);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }
}

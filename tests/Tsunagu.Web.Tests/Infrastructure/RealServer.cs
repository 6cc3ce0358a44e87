using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>
/// The application on Kestrel on a loopback port, for what only a real server does. TsunaguFactory's clients talk to
/// TestServer in memory, which neither enforces Kestrel's request-body limits nor has a connection to reset: a too-large
/// upload must go over a socket to be answered as it is in production.
/// </summary>
public sealed class RealServer : IDisposable
{
    public TsunaguFactory Factory { get; } = new();
    public Uri Address { get; }

    public RealServer()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    }

    /// <summary>A browser without JavaScript on a socket of its own: cookies kept, redirects not followed.</summary>
    public Browser Browser() =>
        new(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = Address });

    public void Dispose() => Factory.Dispose();
}

using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.Tests.Infrastructure;

/// <summary>Runs a factory's service on a real Kestrel, as deployed, instead of the in-memory test server.</summary>
public static class KestrelOnLoopback
{
    /// <summary>Starts the service on 127.0.0.1, at a port Kestrel chooses.</summary>
    /// <param name="factory">The service.</param>
    /// <param name="listen">More listen options, such as HTTPS.</param>
    /// <returns>The address the service listens on.</returns>
    public static Uri StartOnLoopback(this WebApplicationFactory<Program> factory, Action<ListenOptions>? listen = null)
    {
        ArgumentNullException.ThrowIfNull(factory);

        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, options => listen?.Invoke(options)));
        factory.StartServer();
        return new Uri(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }
}

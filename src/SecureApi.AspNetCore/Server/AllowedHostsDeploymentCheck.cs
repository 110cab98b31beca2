using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;

namespace SecureApi.AspNetCore.Server;

/// <summary>
/// Warns in Production when <c>AllowedHosts</c> answers any host: the cross-site checks decide
/// "same origin" from the <c>Host</c> header, so a DNS-rebinding page under another name would be
/// same-origin to the service.
/// </summary>
internal sealed class AllowedHostsDeploymentCheck(IOptionsMonitor<HostFilteringOptions> options) : IDeploymentCheck
{
    /// <inheritdoc />
    public IEnumerable<string> FindWarnings()
    {
        var hosts = options.Get(AllowedHostsMiddleware.OptionsName).AllowedHosts;
        if (hosts.Count == 0 || hosts.Contains("*"))
        {
            yield return "AllowedHosts is '*': the service answers any Host, so a page on a name that resolves here (DNS rebinding) " +
                "is same-origin to it. Set AllowedHosts to the names it is reached at, such as api.example.com (';' between names); /health answers any host.";
        }
    }
}

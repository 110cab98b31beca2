using System.Net;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Https;

/// <summary>
/// Refuses proxy entries that are not addresses or networks, rather than trusting less (or
/// more) than was meant.
/// </summary>
internal sealed class TrustedProxiesOptionsValidator : IValidateOptions<TrustedProxiesOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TrustedProxiesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = options.KnownProxies
            .Where(proxy => !IPAddress.TryParse(proxy, out _))
            .Select(proxy => Failure(nameof(options.KnownProxies), proxy, "an IP address"))
            .Concat(options.KnownIPNetworks
                .Where(network => !IPNetwork.TryParse(network, out _))
                .Select(network => Failure(nameof(options.KnownIPNetworks), network, "a network in CIDR form such as 10.0.0.0/24")))
            .ToList();
        if (options.ForwardLimit is < 1 or > TrustedProxiesOptions.MaxForwardLimit)
        {
            failures.Add($"{TrustedProxiesOptions.SectionName}:{nameof(options.ForwardLimit)} is {options.ForwardLimit}; it must be " +
                $"from 1 to {TrustedProxiesOptions.MaxForwardLimit}: the number of trusted proxies in front of the service, such as 2 for a CDN and an ingress.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Failure(string key, string value, string expected) =>
        $"{TrustedProxiesOptions.SectionName}:{key} contains '{value}', which is not {expected}.";
}

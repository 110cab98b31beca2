using System.Net;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>Refuses unknown algorithms, limits that are not positive, and exemptions that are not addresses or networks.</summary>
internal sealed class ApiRateLimitingOptionsValidator : IValidateOptions<ApiRateLimitingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ApiRateLimitingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        const string Section = ApiRateLimitingOptions.SectionName;
        var failures = new List<string>();
        AddPolicyFailures(failures, $"{Section}:Global", options.Global);
        foreach (var (policyName, policy) in options.Policies)
        {
            AddPolicyFailures(failures, $"{Section}:Policies:{policyName}", policy);
        }

        failures.AddRange(options.ExemptNetworks
            .Where(network => !IPNetwork.TryParse(network, out _) && !IPAddress.TryParse(network, out _))
            .Select(network => $"{Section}:ExemptNetworks contains '{network}', which is not an IP address or a CIDR network."));
        if (options.IPv6PrefixLength is < 1 or > 128)
        {
            failures.Add($"{Section}:IPv6PrefixLength is {options.IPv6PrefixLength}; it must be from 1 to 128.");
        }

        if (!Enum.IsDefined(options.RedisFailure))
        {
            failures.Add($"{Section}:RedisFailure is {(int)options.RedisFailure}; it must be one of {string.Join(", ", Enum.GetNames<RateLimitStoreFailure>())}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddPolicyFailures(List<string> failures, string key, RateLimitPolicyOptions policy)
    {
        void Positive(string setting, int value)
        {
            if (value <= 0)
            {
                failures.Add($"{key}:{setting} is {value}; it must be a positive number.");
            }
        }

        Positive(nameof(policy.PermitLimit), policy.PermitLimit);
        switch (policy.Algorithm)
        {
            case RateLimitAlgorithm.FixedWindow:
                Positive(nameof(policy.WindowSeconds), policy.WindowSeconds);
                break;
            case RateLimitAlgorithm.SlidingWindow:
                Positive(nameof(policy.WindowSeconds), policy.WindowSeconds);
                Positive(nameof(policy.SegmentsPerWindow), policy.SegmentsPerWindow);
                break;
            case RateLimitAlgorithm.TokenBucket:
                Positive(nameof(policy.TokensPerPeriod), policy.TokensPerPeriod);
                Positive(nameof(policy.ReplenishmentPeriodSeconds), policy.ReplenishmentPeriodSeconds);
                break;
            case RateLimitAlgorithm.Concurrency:
                break;
            default:
                // A number binds to any enum value, defined or not.
                failures.Add($"{key}:Algorithm is {(int)policy.Algorithm}; it must be one of {string.Join(", ", Enum.GetNames<RateLimitAlgorithm>())}.");
                break;
        }

        if (policy.QueueLimit < 0)
        {
            failures.Add($"{key}:QueueLimit is {policy.QueueLimit}; it must be 0 or more.");
        }
    }
}

using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Server;

/// <summary>
/// Refuses limits that are not positive: Kestrel would read zero or a negative value as no
/// limit at all, or as a service that accepts nothing.
/// </summary>
internal sealed class RequestLimitsOptionsValidator : IValidateOptions<RequestLimitsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RequestLimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new (string Key, long Value)[]
            {
                (nameof(options.MaxRequestBodyBytes), options.MaxRequestBodyBytes),
                (nameof(options.MaxRequestHeadersTotalBytes), options.MaxRequestHeadersTotalBytes),
                (nameof(options.MaxRequestHeaderCount), options.MaxRequestHeaderCount),
                (nameof(options.RequestTimeoutSeconds), options.RequestTimeoutSeconds),
                (nameof(options.MaxConcurrentConnections), options.MaxConcurrentConnections ?? 1),
            }
            .Where(limit => limit.Value <= 0)
            .Select(limit => $"{RequestLimitsOptions.SectionName}:{limit.Key} is {limit.Value}; it must be a positive number.")
            .ToList();

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

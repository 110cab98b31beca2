using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Redis;

/// <summary>Refuses a configuration string that StackExchange.Redis cannot read, or that names no server.</summary>
internal sealed class RedisScaleOutOptionsValidator : IValidateOptions<RedisScaleOutOptions>
{
    private const string Key = $"{RedisScaleOutOptions.SectionName}:{nameof(RedisScaleOutOptions.Configuration)}";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RedisScaleOutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The value is never repeated: it may hold the password.
        try
        {
            return RedisConnection.Parse(options.Configuration!).EndPoints.Count == 0
                ? ValidateOptionsResult.Fail($"{Key} names no Redis server; it must start with host:port.")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail($"{Key} is not a StackExchange.Redis configuration string: {exception.Message}");
        }
    }
}

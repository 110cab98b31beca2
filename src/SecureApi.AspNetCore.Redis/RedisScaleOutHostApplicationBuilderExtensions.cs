using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;
using SecureApi.AspNetCore.DataProtection;
using SecureApi.AspNetCore.RateLimiting;
using SecureApi.AspNetCore.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Makes the instances of a service act as one through Redis.
/// </summary>
public static class RedisScaleOutHostApplicationBuilderExtensions
{
    /// <summary>
    /// When <c>Redis:Configuration</c> is set, moves the Data Protection key ring (which antiforgery
    /// tokens are encrypted with) to Redis, so that every instance accepts the others' tokens,
    /// counts rate limits in Redis, so that a limit holds across instances, and keeps the
    /// distributed cache (<c>IDistributedCache</c>, where sessions can live) in Redis. While Redis is
    /// unreachable the service keeps serving: rate limiting follows <c>RateLimiting:RedisFailure</c>,
    /// the key ring is used from memory, and <c>/health</c> reports Degraded. Unset, it registers
    /// nothing and nothing touches Redis. Call it with <c>AddApiSecurity()</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddApiSecurityRedis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var section = builder.Configuration.GetSection(RedisScaleOutOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(RedisScaleOutOptions.Configuration)])
            || builder.Services.Any(descriptor => descriptor.ServiceType == typeof(RedisConnection)))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<RedisScaleOutOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisScaleOutOptions>, RedisScaleOutOptionsValidator>();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton(provider => new RedisKeyPrefix(
            provider.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator ?? builder.Environment.ApplicationName));
        services.AddSingleton<SharedRateLimitStore, RedisRateLimitStore>();
        services.AddSingleton(new SharedKeyRingStore("Redis"));
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");

        // Whatever the service keeps in the distributed cache (its sessions, say) is shared too.
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<RedisConnection, RedisKeyPrefix>((cache, connection, prefix) =>
        {
            cache.ConnectionMultiplexerFactory = connection.ConnectAsync;
            cache.InstanceName = prefix.Cache;
        });

        // After the key ring's own configuration, which would keep it in a folder.
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>()
            .PostConfigure<IServiceProvider>((keyManagement, provider) =>
            {
                // The host builds Data Protection before its startup validation, which refuses a
                // malformed Redis:Configuration before any key is read or written.
                if (SettingsBeforeValidation.TryRead<RedisScaleOutOptions>(provider) is not null)
                {
                    keyManagement.XmlRepository = new RedisXmlRepository(
                        provider.GetRequiredService<RedisConnection>().Database, provider.GetRequiredService<RedisKeyPrefix>().KeyRing);
                }
            });
        return builder;
    }
}

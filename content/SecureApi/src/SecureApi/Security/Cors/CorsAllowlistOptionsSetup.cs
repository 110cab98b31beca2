using Microsoft.Extensions.Options;
using SecureApi.Security.Configuration;

namespace SecureApi.Security.Cors;

/// <summary>
/// Reads <see cref="CorsAllowlistOptions"/> from the <c>Cors</c> section. Every list takes a JSON
/// array or one comma-separated string (<c>Cors__AllowedOrigins=https://a.example,https://b.example</c>).
/// </summary>
internal sealed class CorsAllowlistOptionsSetup(IConfiguration configuration, IHostEnvironment environment)
    : IConfigureNamedOptions<CorsAllowlistOptions>
{
    /// <inheritdoc />
    public void Configure(CorsAllowlistOptions options) => Configure(Options.DefaultName, options);

    /// <inheritdoc />
    public void Configure(string? name, CorsAllowlistOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var section = configuration.GetSection(CorsAllowlistOptions.SectionName);
        options.IsDevelopment = environment.IsDevelopment();
        options.Default = ReadPolicy(section);
        options.Policies = section.GetSection("Policies").GetChildren()
            .ToDictionary(policy => policy.Key, ReadPolicy, StringComparer.Ordinal);
    }

    private static CorsPolicyOptions ReadPolicy(IConfigurationSection section)
    {
        var policy = new CorsPolicyOptions();
        policy.AllowedOrigins = ReadList(section, nameof(policy.AllowedOrigins), policy.AllowedOrigins);
        policy.AllowedMethods = ReadList(section, nameof(policy.AllowedMethods), policy.AllowedMethods);
        policy.AllowedHeaders = ReadList(section, nameof(policy.AllowedHeaders), policy.AllowedHeaders);
        policy.ExposedHeaders = ReadList(section, nameof(policy.ExposedHeaders), policy.ExposedHeaders);
        policy.AllowCredentials = section.GetValue(nameof(policy.AllowCredentials), policy.AllowCredentials);
        policy.PreflightMaxAgeSeconds = section.GetValue(nameof(policy.PreflightMaxAgeSeconds), policy.PreflightMaxAgeSeconds);
        policy.AllowHttpOrigins = section.GetValue(nameof(policy.AllowHttpOrigins), policy.AllowHttpOrigins);
        return policy;
    }

    private static IReadOnlyList<string> ReadList(IConfigurationSection section, string key, IReadOnlyList<string> defaultValue)
    {
        var list = section.GetSection(key);
        return list.Exists() ? ConfigurationList.Read(list) : defaultValue;
    }
}

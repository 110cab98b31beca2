using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;

namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Reads <see cref="ApiCorsOptions"/> from the <c>Cors</c> section. Every list takes a JSON
/// array or one comma-separated string (<c>Cors__AllowedOrigins=https://a.example,https://b.example</c>).
/// </summary>
internal sealed class ApiCorsOptionsSetup(IConfiguration configuration, IHostEnvironment environment)
    : IConfigureNamedOptions<ApiCorsOptions>
{
    /// <inheritdoc />
    public void Configure(ApiCorsOptions options) => Configure(Options.DefaultName, options);

    /// <inheritdoc />
    public void Configure(string? name, ApiCorsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var section = configuration.GetSection(ApiCorsOptions.SectionName);
        options.IsDevelopment = environment.IsDevelopment();
        options.Default = ReadPolicy(section);
        options.Policies = section.GetSection("Policies").GetChildren()
            .ToDictionary(policy => policy.Key, ReadPolicy, StringComparer.Ordinal);
    }

    private static ApiCorsPolicyOptions ReadPolicy(IConfigurationSection section)
    {
        var policy = new ApiCorsPolicyOptions();
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

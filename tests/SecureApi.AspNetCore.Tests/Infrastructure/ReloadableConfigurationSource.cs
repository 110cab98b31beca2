using Microsoft.Extensions.Configuration;

namespace SecureApi.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A configuration source whose values a test changes while the service runs, raising the same
/// reload a changed appsettings file or a configuration service would.
/// </summary>
public sealed class ReloadableConfigurationSource : IConfigurationSource
{
    private readonly ReloadableConfigurationProvider _provider = new();

    /// <summary>Sets values and signals the reload.</summary>
    /// <param name="values">Keys in configuration form and their values.</param>
    public void Reload(params (string Key, string Value)[] values)
    {
        foreach (var (key, value) in values)
        {
            _provider.Set(key, value);
        }

        _provider.RaiseReload();
    }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

    private sealed class ReloadableConfigurationProvider : ConfigurationProvider
    {
        public void RaiseReload() => OnReload();
    }
}

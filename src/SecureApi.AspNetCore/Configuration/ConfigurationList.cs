namespace SecureApi.AspNetCore.Configuration;

/// <summary>
/// Reads a list setting in either form users write it: an array
/// (<c>Section__Key__0=a</c>, JSON arrays) or one comma-separated string (<c>Section__Key=a,b</c>).
/// </summary>
internal static class ConfigurationList
{
    /// <summary>Reads the entries of a list setting, trimmed, empty ones dropped.</summary>
    /// <param name="section">The setting's section.</param>
    /// <returns>The entries, in order.</returns>
    public static string[] Read(IConfigurationSection section)
    {
        // A comma-separated string wins over array entries: it is the form environment variables
        // use, and they override the JSON files' arrays.
        var values = string.IsNullOrEmpty(section.Value)
            ? section.GetChildren().Select(child => child.Value ?? string.Empty)
            : [section.Value];

        return [.. values
            .SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
    }
}

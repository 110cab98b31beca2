namespace SecureApi.AspNetCore.Https;

/// <summary>
/// Endpoint metadata: the endpoint answers over plain HTTP too (orchestrators' health probes).
/// </summary>
internal sealed class AllowPlainHttpMetadata
{
    /// <summary>The one instance endpoints share.</summary>
    public static readonly AllowPlainHttpMetadata Instance = new();

    private AllowPlainHttpMetadata()
    {
    }
}

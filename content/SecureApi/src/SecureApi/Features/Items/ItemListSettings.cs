namespace SecureApi.Features.Items;

/// <summary>
/// How many items <c>GET /api/items</c> returns, bound from the <c>Items</c> section: a client asks
/// for up to <see cref="MaxPageSize"/> with <c>?limit=</c>, and gets <see cref="DefaultPageSize"/>
/// when it does not ask, so that no request makes the service serialize the whole store.
/// </summary>
public sealed class ItemListSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Items";

    /// <summary>The items a list returns without <c>?limit=</c> (<c>Items:DefaultPageSize</c>).</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The largest <c>?limit=</c> accepted (<c>Items:MaxPageSize</c>).</summary>
    public int MaxPageSize { get; set; } = 1000;
}

namespace SecureApi.AspNetCore;

/// <summary>
/// The methods that must not change state (RFC 9110 safe methods). Everything else is
/// state-changing and meets the CORS refusal and the antiforgery check.
/// </summary>
internal static class SafeMethods
{
    /// <summary>Whether the method is safe.</summary>
    /// <param name="method">The request method.</param>
    /// <returns><see langword="true"/> for GET, HEAD, OPTIONS and TRACE.</returns>
    public static bool Contains(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}

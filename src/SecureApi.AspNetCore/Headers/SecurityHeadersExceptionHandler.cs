using Microsoft.AspNetCore.Diagnostics;

namespace SecureApi.AspNetCore.Headers;

/// <summary>
/// Puts the security headers back after the exception handler has cleared the response, and
/// leaves the writing of the 500 to the problem details service.
/// </summary>
internal sealed class SecurityHeadersExceptionHandler(SecurityHeadersWriter writer) : IExceptionHandler
{
    /// <inheritdoc />
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        writer.Write(httpContext);
        return ValueTask.FromResult(false);
    }
}

namespace SecureApi.AspNetCore.Headers;

/// <summary>
/// Writes the security headers onto the response before the rest of the pipeline runs, so that
/// whatever answers (an endpoint, a 404, a 429, a refusal) answers with them. The exception
/// handler clears the response's headers; <see cref="SecurityHeadersExceptionHandler"/> puts
/// them back.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, SecurityHeadersWriter writer)
{
    public Task InvokeAsync(HttpContext context)
    {
        writer.Write(context);
        return next(context);
    }
}

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Answers a request whose body or parameters the endpoint could not bind where it failed, inside
/// the pipeline: the CORS, rate-limit and security headers already written stay, so that a
/// browser on an allowed origin can read the 400, and Development answers as Production does
/// instead of showing the developer exception page.
/// </summary>
internal sealed class BadRequestMiddleware(RequestDelegate next, BadRequestExceptionHandler handler)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            await handler.TryHandleAsync(context, exception, context.RequestAborted);
        }
    }
}

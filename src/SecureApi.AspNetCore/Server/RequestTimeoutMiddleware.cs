using Microsoft.AspNetCore.Http.Timeouts;

namespace SecureApi.AspNetCore.Server;

/// <summary>
/// Answers a request whose endpoint gave up at its timeout with the 408 problem where it gave up,
/// so that the CORS, rate-limit and security headers already written stay and a browser on an
/// allowed origin can read it. A client that went away is not answered.
/// </summary>
internal sealed class RequestTimeoutMiddleware(RequestDelegate next, IServiceProvider services)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (!context.Response.HasStarted
            && context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true)
        {
            await RequestTimeoutProblem.WriteAsync(context, services);
        }
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using SecureApi.AspNetCore.Errors;
using SecureApi.AspNetCore.Headers;

namespace SecureApi.AspNetCore.Server;

/// <summary>The 408 problem for a request that ran past its timeout.</summary>
internal static class RequestTimeoutProblem
{
    /// <summary>
    /// Writes the 408. Where the framework's timeout middleware answers, it has cleared the
    /// response first, so the security headers are put back.
    /// </summary>
    /// <param name="context">The HTTP context, response not started.</param>
    /// <param name="services">The application's services.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public static Task WriteAsync(HttpContext context, IServiceProvider services)
    {
        if (!context.Response.Headers.ContainsKey(HeaderNames.XContentTypeOptions))
        {
            services.GetService<SecurityHeadersWriter>()?.Write(context);
        }

        return services.GetRequiredService<IProblemDetailsService>().WriteStatusAsync(
            context, new ProblemDetails { Status = StatusCodes.Status408RequestTimeout });
    }
}

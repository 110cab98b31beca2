using Microsoft.AspNetCore.Mvc;

namespace SecureApi.AspNetCore.Errors;

/// <summary>
/// Writes the problem responses that middleware sends before any endpoint runs.
/// </summary>
internal static class ProblemDetailsServiceExtensions
{
    /// <summary>
    /// Sets the status and writes the problem body, as <c>application/problem+json</c> whatever
    /// the request's <c>Accept</c>.
    /// </summary>
    /// <param name="service">The problem details service.</param>
    /// <param name="context">The HTTP context.</param>
    /// <param name="problem">The problem; its <see cref="ProblemDetails.Status"/> is the response's status.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public static async Task WriteStatusAsync(this IProblemDetailsService service, HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}

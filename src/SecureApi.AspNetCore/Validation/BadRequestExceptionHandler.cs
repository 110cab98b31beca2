using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Server;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Answers a request the server could not read or bind with its 4xx status and a problem body
/// that says what to fix: 400 with <c>errors</c> by field, 413 with the size limit, 415 with the
/// content type to use. Never a 500 for bad input.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails, IOptions<RequestLimitsOptions> limits)
    : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var status = badRequest.StatusCode;
        ProblemDetails problem = status switch
        {
            StatusCodes.Status413PayloadTooLarge => new ProblemDetails
            {
                Detail = $"The body is larger than the {limits.Value.MaxRequestBodyBytes} bytes this API accepts.",
            },
            StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType =>
                new HttpValidationProblemDetails(RequestBodyErrors.Describe(badRequest)),
            _ => new ProblemDetails(),
        };
        problem.Status = status;
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}

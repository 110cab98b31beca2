using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Diagnostics;
using SecureApi.AspNetCore.Server;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Answers a request the server could not read or bind with its 4xx status and a problem body
/// that says what to fix: 400 with <c>errors</c> by field, 413 with the size limit, 415 with the
/// content type to use. Never a 500 for bad input.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails, IOptions<RequestLimitsOptions> limits, SecurityMetrics metrics)
    : IExceptionHandler
{
    /// <summary>What a 415 says to fix.</summary>
    public const string UnsupportedMediaTypeDetail = "This endpoint accepts a JSON body in UTF-8, sent with Content-Type: application/json.";

    /// <summary>Gives a 413 or 415 that carries no detail yet the type and detail this handler writes.</summary>
    /// <param name="problem">The problem being written.</param>
    /// <param name="services">The application's services, for the body limit.</param>
    public static void DescribeBareStatus(ProblemDetails problem, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(services);
        if (problem.Detail is not null)
        {
            return;
        }

        switch (problem.Status)
        {
            case StatusCodes.Status413PayloadTooLarge:
                problem.Type = ApiProblemTypes.BodyTooLarge;
                problem.Detail = TooLargeDetail(services.GetRequiredService<IOptions<RequestLimitsOptions>>().Value);
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                problem.Type = ApiProblemTypes.UnsupportedMediaType;
                problem.Detail = UnsupportedMediaTypeDetail;
                break;
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var status = badRequest.StatusCode;
        if (status is StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType)
        {
            metrics.ValidationFailed(httpContext, SecurityMetrics.BindingStage);
        }

        ProblemDetails problem = status switch
        {
            StatusCodes.Status413PayloadTooLarge => new ProblemDetails
            {
                Type = ApiProblemTypes.BodyTooLarge,
                Detail = TooLargeDetail(limits.Value),
            },
            StatusCodes.Status415UnsupportedMediaType => new HttpValidationProblemDetails(RequestBodyErrors.Describe(badRequest))
            {
                Type = ApiProblemTypes.UnsupportedMediaType,
                Detail = UnsupportedMediaTypeDetail,
            },
            StatusCodes.Status400BadRequest => new HttpValidationProblemDetails(RequestBodyErrors.Describe(badRequest)),
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

    private static string TooLargeDetail(RequestLimitsOptions limits) =>
        $"The body is larger than the {limits.MaxRequestBodyBytes} bytes this API accepts.";
}

using Microsoft.AspNetCore.Mvc;

namespace SecureApi.AspNetCore.Errors;

/// <summary>
/// Gives every problem the pipeline, the framework or an endpoint writes without a type of its own
/// a stable <c>urn:problem-type:</c> type for its status, and a detail that says what to do when it
/// has none: clients branch on the type, and people read the detail.
/// </summary>
internal static class StatusProblemDefaults
{
    /// <summary>The detail of a problem whose <c>errors</c> list the fields to correct.</summary>
    public const string ValidationFailedDetail = "Correct the fields listed in errors and send the request again.";

    // What the framework fills in when a problem has no type: a link to the status's RFC section.
    private const string FrameworkTypePrefix = "https://tools.ietf.org/html/rfc";

    /// <summary>Fills in the type and detail of a problem that has none of its own.</summary>
    /// <param name="problem">The problem being written; its status is set.</param>
    public static void Apply(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);

        var validation = problem is HttpValidationProblemDetails { Errors.Count: > 0 };
        if (problem.Type is null || problem.Type.StartsWith(FrameworkTypePrefix, StringComparison.Ordinal))
        {
            problem.Type = validation ? ApiProblemTypes.ValidationFailed : TypeFor(problem.Status);
        }

        problem.Detail ??= validation ? ValidationFailedDetail : DetailFor(problem.Status);
    }

    private static string TypeFor(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => ApiProblemTypes.BadRequest,
        StatusCodes.Status401Unauthorized => ApiProblemTypes.Unauthenticated,
        StatusCodes.Status403Forbidden => ApiProblemTypes.Forbidden,
        StatusCodes.Status404NotFound => ApiProblemTypes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ApiProblemTypes.MethodNotAllowed,
        StatusCodes.Status408RequestTimeout => ApiProblemTypes.RequestTimeout,
        StatusCodes.Status409Conflict => ApiProblemTypes.Conflict,
        StatusCodes.Status500InternalServerError => ApiProblemTypes.ServerError,
        StatusCodes.Status503ServiceUnavailable => ApiProblemTypes.ServiceUnavailable,
        _ => $"urn:problem-type:status-{status ?? StatusCodes.Status500InternalServerError}",
    };

    private static string DetailFor(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read. Check its URL, headers and body against the API document.",
        StatusCodes.Status401Unauthorized => "This endpoint needs an authenticated caller. Send valid credentials and try again.",
        StatusCodes.Status403Forbidden => "The caller is authenticated but lacks the role or scope this endpoint requires.",
        StatusCodes.Status404NotFound => "Nothing exists at this address. Check the path and the id.",
        StatusCodes.Status405MethodNotAllowed => "This route does not accept the method. Use one of those in the Allow header.",
        StatusCodes.Status408RequestTimeout => "The request took too long. Send it again; if it keeps happening, send less at a time.",
        StatusCodes.Status500InternalServerError => "An unexpected error occurred on the server. Quote the traceId when you report it.",
        StatusCodes.Status503ServiceUnavailable => "The service cannot answer now. Retry later.",
        _ => "The request did not succeed. Quote the traceId when you report it.",
    };
}

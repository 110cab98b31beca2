using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Errors;

/// <summary>
/// Writes the problem as <c>application/problem+json</c> when the framework's writer declines
/// because the request's <c>Accept</c> names no JSON: an API has one error format, and without
/// this the status code pages would answer with a <c>text/plain</c> page instead.
/// </summary>
internal sealed class ProblemJsonFallbackWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    private const string ContentType = "application/problem+json";

    /// <inheritdoc />
    public bool CanWrite(ProblemDetailsContext context) => true;

    /// <inheritdoc />
    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var httpContext = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= httpContext.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? httpContext.TraceIdentifier);
        problems.Value.CustomizeProblemDetails?.Invoke(context);

        httpContext.Response.ContentType = ContentType;
        return new ValueTask(JsonSerializer.SerializeAsync(
            httpContext.Response.Body, problem, problem.GetType(), json.Value.SerializerOptions, httpContext.RequestAborted));
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace SecureApi.AspNetCore.Errors;

/// <summary>
/// Gives an error response that has no body yet (a 404 for an unknown route, a 405, a bare
/// <c>StatusCode(409)</c>) its problem body, as the in-box status code pages do with a problem
/// details service. It honours the same opt-outs: <see cref="ISkipStatusCodePagesMetadata"/> on
/// the endpoint, and <see cref="IStatusCodePagesFeature.Enabled"/> set to <see langword="false"/>.
/// </summary>
/// <remarks>
/// In place of <c>UseStatusCodePages()</c>, which stores its path format in
/// <see cref="HttpContext.Items"/> on every request, creating the items dictionary for a request
/// that nothing else gives one.
/// </remarks>
internal sealed class StatusProblemMiddleware(RequestDelegate next, IProblemDetailsService problemDetails)
{
    public Task InvokeAsync(HttpContext context)
    {
        var feature = new StatusCodePagesFeature();
        context.Features.Set<IStatusCodePagesFeature>(feature);
        var endpointKnown = context.GetEndpoint() is not null;
        if (Skips(context))
        {
            feature.Enabled = false;
        }

        var task = next(context);
        return task.IsCompletedSuccessfully && !NeedsBody(context, feature, endpointKnown)
            ? Task.CompletedTask
            : AwaitAsync(task, context, feature, endpointKnown);
    }

    private async Task AwaitAsync(Task task, HttpContext context, StatusCodePagesFeature feature, bool endpointKnown)
    {
        await task;
        if (NeedsBody(context, feature, endpointKnown))
        {
            await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = context.Response.StatusCode },
            });
        }
    }

    private static bool NeedsBody(HttpContext context, StatusCodePagesFeature feature, bool endpointKnown)
    {
        var response = context.Response;
        return feature.Enabled
            && (endpointKnown || !Skips(context)) // routing ran below: the endpoint may opt out
            && !response.HasStarted
            && response.StatusCode is >= 400 and < 600
            && response.ContentLength is null
            && string.IsNullOrEmpty(response.ContentType);
    }

    private static bool Skips(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<ISkipStatusCodePagesMetadata>() is not null;
}

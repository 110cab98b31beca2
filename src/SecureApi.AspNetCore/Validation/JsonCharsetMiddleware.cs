using Microsoft.Net.Http.Headers;
using SecureApi.AspNetCore.Diagnostics;
using SecureApi.AspNetCore.Errors;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Refuses a JSON body declared in any charset but UTF-8 with 415, before it is bound: JSON
/// between systems is UTF-8 (RFC 8259), and the framework's reader fails on an unknown or
/// unsupported charset (<c>bogus</c>, <c>utf-7</c>, <c>""</c>) with an exception, a 500.
/// </summary>
internal sealed class JsonCharsetMiddleware(RequestDelegate next, IProblemDetailsService problemDetails, SecurityMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (contentType is null
            || contentType.Equals("application/json; charset=utf-8", StringComparison.OrdinalIgnoreCase)
            || !contentType.Contains("charset", StringComparison.OrdinalIgnoreCase)
            || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !IsJson(mediaType)
            || mediaType.Parameters.FirstOrDefault(parameter => parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)) is not { } charset
            // Exactly what the framework's reader takes as UTF-8: not "utf8", not "\"utf-8\"".
            || charset.Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        metrics.ValidationFailed(context, SecurityMetrics.BindingStage);
        return problemDetails.WriteStatusAsync(context, new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [RequestBodyErrors.BodyKey] = ["The body must be JSON in UTF-8: send Content-Type: application/json, with charset=utf-8 or no charset."],
        })
        {
            Status = StatusCodes.Status415UnsupportedMediaType,
            Type = ApiProblemTypes.UnsupportedMediaType,
            Detail = BadRequestExceptionHandler.UnsupportedMediaTypeDetail,
        });
    }

    private static bool IsJson(MediaTypeHeaderValue mediaType) =>
        mediaType.SubType.Equals("json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
}

namespace SecureApi.Security.Errors;

/// <summary>
/// Maps exceptions that escape to the exception handler to the status code of the response.
/// </summary>
internal static class ErrorStatusCodes
{
    /// <summary>
    /// A request the server could not read (a body over the size limit, a malformed body) is the
    /// client's error and keeps its 4xx status; anything else is a 500.
    /// </summary>
    /// <param name="exception">The unhandled exception.</param>
    /// <returns>The status code to answer with.</returns>
    public static int ForException(Exception exception) => exception switch
    {
        BadHttpRequestException badRequest => badRequest.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };
}

using Microsoft.AspNetCore.Mvc;

namespace SecureApi.AspNetCore.Errors;

/// <summary>
/// A controller result that writes its problem the way the pipeline and minimal APIs do, through
/// the problem details service: the same type, detail, <c>traceId</c> and content type. An
/// <see cref="ActionResult"/>, since <c>ControllerBase.ValidationProblem()</c> casts what
/// <c>InvalidModelStateResponseFactory</c> returns to one.
/// </summary>
/// <param name="problem">The problem; its status is the response's.</param>
internal sealed class ProblemActionResult(ProblemDetails problem) : ActionResult
{
    /// <summary>The problem written.</summary>
    public ProblemDetails Problem { get; } = problem;

    /// <inheritdoc />
    public override Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var service = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        return service.WriteStatusAsync(context.HttpContext, Problem);
    }
}
